package dev.osprey.server.handler;

import dev.osprey.protocol.ContentMd5;
import dev.osprey.protocol.Limits;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.op.BucketOperation.DeleteMultipleObjects;
import dev.osprey.protocol.op.BucketOperation.ListObjects;
import dev.osprey.protocol.op.BucketOperation.ListObjectsV2;
import dev.osprey.protocol.xml.DeleteRequest;
import dev.osprey.protocol.xml.DeleteResult;
import dev.osprey.protocol.xml.ListBucketResult;
import dev.osprey.protocol.xml.ListBucketResultV2;
import dev.osprey.protocol.xml.ListPage;
import dev.osprey.protocol.xml.ObjectSummary;
import dev.osprey.server.api.OssResponse;
import dev.osprey.server.api.RequestContext;
import dev.osprey.storage.ListObjectsCommand;
import dev.osprey.storage.ObjectDeletion;
import dev.osprey.storage.ObjectListing;
import dev.osprey.storage.ObjectRecord;
import dev.osprey.storage.ObjectService;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Listing objects (v1 and v2) and deleting many at once. */
final class ListHandler {
  private static final Base64.Encoder TOKEN_ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder TOKEN_DECODER = Base64.getUrlDecoder();

  private final ObjectService storage;
  private final BucketViews views;

  ListHandler(ObjectService storage, BucketViews views) {
    this.storage = storage;
    this.views = views;
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/listobjects">ListObjects</a>.
   */
  OssResponse listObjects(RequestContext ctx, ListObjects op) {
    ObjectListing listing =
        storage.listObjects(
            new ListObjectsCommand(
                op.bucket(), op.prefix(), op.delimiter(), op.marker(), op.maxKeys()));
    ListPage page = page(listing, listing.nextMarker());
    return OssResponse.xml(new ListBucketResult(op, page).toXml());
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/listobjectsv2">ListObjectsV2</a>.
   */
  OssResponse listObjectsV2(RequestContext ctx, ListObjectsV2 op) {
    // The continuation token is the last key of the previous page, base64url-encoded: opaque to
    // clients, made of
    // URL-safe characters only, since the Java SDK sends it back without decoding (see ListPage).
    String after =
        op.continuationToken() != null ? decodeToken(op.continuationToken()) : op.startAfter();
    ObjectListing listing =
        storage.listObjects(
            new ListObjectsCommand(op.bucket(), op.prefix(), op.delimiter(), after, op.maxKeys()));
    String next = listing.truncated() ? encodeToken(listing.nextMarker()) : null;
    return OssResponse.xml(new ListBucketResultV2(op, page(listing, next)).toXml());
  }

  /**
   * <a href="https://www.alibabacloud.com/help/en/oss/developer-reference/deletemultipleobjects">
   * DeleteMultipleObjects</a>. Each key is deleted on its own (OSS gives no atomicity across keys
   * either).
   */
  OssResponse deleteMultipleObjects(RequestContext ctx, DeleteMultipleObjects op) {
    byte[] body = ctx.readSmallBody(Limits.XML_BODY_BYTES, OssErrorCode.MALFORMED_XML);
    ContentMd5.verify(ctx.header("content-md5"), body);
    DeleteRequest request = DeleteRequest.parse(body);
    storage.getBucket(op.bucket());
    List<DeleteResult.Deleted> deleted = new ArrayList<>(request.objects().size());
    for (DeleteRequest.ObjectToDelete o : request.objects()) {
      deleted.add(deleteOne(op.bucket(), o));
    }
    boolean url = op.urlEncodingQuery() || "url".equals(ctx.header("encoding-type"));
    return OssResponse.xml(new DeleteResult(request.quiet(), url, deleted).toXml());
  }

  /**
   * One {@code <Object>} of the request, as DeleteObject would do it (spec §3.4): a delete marker
   * reported as DeleteMarker and DeleteMarkerVersionId, a named version echoed as VersionId.
   */
  private DeleteResult.Deleted deleteOne(String bucket, DeleteRequest.ObjectToDelete o) {
    if (o.versionId() == null) {
      ObjectDeletion done = storage.deleteObject(bucket, o.key());
      return new DeleteResult.Deleted(o.key(), null, done.deleteMarker() ? done.versionId() : null);
    }
    ObjectDeletion done = storage.deleteObjectVersion(bucket, o.key(), o.versionId());
    return new DeleteResult.Deleted(
        o.key(), o.versionId(), done.deleteMarker() ? o.versionId() : null);
  }

  private ListPage page(ObjectListing listing, String next) {
    List<ObjectSummary> rows = new ArrayList<>(listing.objects().size());
    for (ObjectRecord o : listing.objects()) {
      rows.add(
          new ObjectSummary(
              o.key(),
              o.lastModified(),
              o.etag(),
              o.type(),
              o.size(),
              o.attributes().storageClass(),
              views.owner()));
    }
    return new ListPage(rows, listing.commonPrefixes(), listing.truncated(), next);
  }

  private static String encodeToken(String key) {
    return TOKEN_ENCODER.encodeToString(key.getBytes(StandardCharsets.UTF_8));
  }

  private static String decodeToken(String token) {
    try {
      return new String(TOKEN_DECODER.decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw OssException.invalidArgument(
          "The continuation token is not valid.", "continuation-token", token);
    }
  }
}
