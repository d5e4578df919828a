package dev.osprey.server.handler;

import dev.osprey.protocol.Limits;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.op.BucketOperation.GetBucketVersioning;
import dev.osprey.protocol.op.BucketOperation.ListObjectVersions;
import dev.osprey.protocol.op.BucketOperation.PutBucketVersioning;
import dev.osprey.protocol.xml.ListVersionsResult;
import dev.osprey.protocol.xml.VersioningConfiguration;
import dev.osprey.server.api.OssResponse;
import dev.osprey.server.api.RequestContext;
import dev.osprey.storage.ListVersionsCommand;
import dev.osprey.storage.ObjectRecord;
import dev.osprey.storage.ObjectService;
import dev.osprey.storage.VersionEntry;
import dev.osprey.storage.VersionListing;
import dev.osprey.storage.Versioning;
import java.util.ArrayList;
import java.util.List;

/** Bucket versioning and the listing of versions (docs/versioning.md). */
final class VersioningHandler {
  private final ObjectService storage;
  private final BucketViews views;

  VersioningHandler(ObjectService storage, BucketViews views) {
    this.storage = storage;
    this.views = views;
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/putbucketversioning">PutBucketVersioning</a>.
   */
  OssResponse putBucketVersioning(RequestContext ctx, PutBucketVersioning op) {
    storage.getBucket(op.bucket()); // NoSuchBucket before the body is read
    VersioningConfiguration config =
        VersioningConfiguration.parse(
            ctx.readSmallBody(Limits.XML_BODY_BYTES, OssErrorCode.MALFORMED_XML));
    storage.putBucketVersioning(op.bucket(), Versioning.parseStatus(config.status()));
    return OssResponse.ok();
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/getbucketversioning">GetBucketVersioning</a>:
   * no Status for a bucket never versioned.
   */
  OssResponse getBucketVersioning(RequestContext ctx, GetBucketVersioning op) {
    Versioning v = storage.getBucket(op.bucket()).versioning();
    return OssResponse.xml(new VersioningConfiguration(v.wireName()).toXml());
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/listobjectversions">ListObjectVersions</a>
   * ({@code GET /?versions}).
   */
  OssResponse listObjectVersions(RequestContext ctx, ListObjectVersions op) {
    VersionListing listing =
        storage.listObjectVersions(
            new ListVersionsCommand(
                op.bucket(),
                op.prefix(),
                op.delimiter(),
                op.keyMarker(),
                op.versionIdMarker(),
                op.maxKeys()));
    List<ListVersionsResult.Row> rows = new ArrayList<>(listing.versions().size());
    for (VersionEntry e : listing.versions()) {
      ObjectRecord o = e.record();
      rows.add(
          new ListVersionsResult.Row(
              o.key(),
              o.version().id(),
              e.latest(),
              o.isDeleteMarker(),
              o.lastModified(),
              o.etag(),
              o.type(),
              o.size(),
              o.attributes().storageClass(),
              views.owner()));
    }
    return OssResponse.xml(
        new ListVersionsResult(
                op,
                rows,
                listing.commonPrefixes(),
                listing.truncated(),
                listing.nextKeyMarker(),
                listing.nextVersionIdMarker())
            .toXml());
  }
}
