package dev.osprey.server.handler;

import dev.osprey.protocol.ByteRange;
import dev.osprey.protocol.CannedAcl;
import dev.osprey.protocol.ContentMd5;
import dev.osprey.protocol.CopySource;
import dev.osprey.protocol.Crc64;
import dev.osprey.protocol.HttpDates;
import dev.osprey.protocol.Limits;
import dev.osprey.protocol.MultipartArguments;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.Preconditions;
import dev.osprey.protocol.UrlEncoding;
import dev.osprey.protocol.op.BucketOperation.ListMultipartUploads;
import dev.osprey.protocol.op.ObjectOperation.AbortMultipartUpload;
import dev.osprey.protocol.op.ObjectOperation.CompleteMultipartUpload;
import dev.osprey.protocol.op.ObjectOperation.InitiateMultipartUpload;
import dev.osprey.protocol.op.ObjectOperation.ListParts;
import dev.osprey.protocol.op.ObjectOperation.UploadPart;
import dev.osprey.protocol.xml.CompleteMultipartUploadRequest;
import dev.osprey.protocol.xml.CompleteMultipartUploadResult;
import dev.osprey.protocol.xml.CopyPartResult;
import dev.osprey.protocol.xml.InitiateMultipartUploadResult;
import dev.osprey.protocol.xml.ListMultipartUploadsResult;
import dev.osprey.protocol.xml.ListPartsResult;
import dev.osprey.protocol.xml.PartSummary;
import dev.osprey.protocol.xml.UploadSummary;
import dev.osprey.server.api.OssResponse;
import dev.osprey.server.api.RequestContext;
import dev.osprey.storage.BucketRecord;
import dev.osprey.storage.CompleteUploadCommand;
import dev.osprey.storage.CompleteUploadCommand.CompletedPart;
import dev.osprey.storage.InitiateUploadCommand;
import dev.osprey.storage.ListPartsCommand;
import dev.osprey.storage.ListUploadsCommand;
import dev.osprey.storage.ObjectRecord;
import dev.osprey.storage.ObjectService;
import dev.osprey.storage.OpenObject;
import dev.osprey.storage.PartListing;
import dev.osprey.storage.PartRecord;
import dev.osprey.storage.StorageException;
import dev.osprey.storage.UploadListing;
import dev.osprey.storage.UploadPartCommand;
import dev.osprey.storage.UploadRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Multipart upload (spec §3.8), one method per OSS API. */
final class MultipartHandler {
  private static final String COPY_RANGE = "x-oss-copy-source-range";
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d{1,19})-(\\d{1,19})");

  private final ObjectService storage;

  MultipartHandler(ObjectService storage) {
    this.storage = storage;
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/initiatemultipartupload">InitiateMultipartUpload</a>.
   * Takes PutObject's headers; they describe the object Complete will create.
   */
  OssResponse initiate(RequestContext ctx, InitiateMultipartUpload op) {
    BucketRecord bucket = storage.getBucket(op.bucket());
    UploadRecord upload =
        storage.initiateMultipartUpload(
            new InitiateUploadCommand(
                op.bucket(),
                op.key(),
                ObjectHeaders.attributesFrom(
                    ctx.headers(), bucket.storageClass(), ObjectHeaders.tagsFrom(ctx.headers())),
                forbidOverwrite(ctx)));
    boolean url = new MultipartArguments(ctx.routed().query()).urlEncoding();
    return OssResponse.xml(
        new InitiateMultipartUploadResult(op.bucket(), op.key(), upload.uploadId(), url).toXml());
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/uploadpart">UploadPart</a>.
   * The response's ETag and CRC-64 are the part's own; the Java SDK checks the CRC (spec §10).
   */
  OssResponse uploadPart(RequestContext ctx, UploadPart op) {
    if (ctx.header(CopySource.HEADER) != null) {
      return uploadPartCopy(ctx, op);
    }
    if (ctx.framing().missing()) {
      throw OssException.of(OssErrorCode.MISSING_CONTENT_LENGTH);
    }
    PartRecord part =
        storage.uploadPart(
            new UploadPartCommand(
                op.bucket(),
                op.key(),
                op.uploadId(),
                op.partNumber(),
                ctx.framing().declaredLength(),
                ctx.header("content-md5")),
            ctx.body(ctx.trafficLimit()));
    return OssResponse.ok()
        .header("ETag", ObjectHeaders.quoted(part.etag()))
        .header("x-oss-hash-crc64ecma", Crc64.toUnsignedString(part.crc64()));
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/uploadpartcopy">UploadPartCopy</a>:
   * UploadPart whose bytes are a range of an existing object ({@code x-oss-copy-source}, {@code
   * x-oss-copy-source-range: bytes=first-last}, the copy-source conditions). The source is pinned
   * when opened, so a concurrent overwrite of it cannot tear the part.
   */
  private OssResponse uploadPartCopy(RequestContext ctx, UploadPart op) {
    CopySource source = CopySource.parse(ctx.header(CopySource.HEADER));
    CopySources.requireReadable(ctx, source);
    try (OpenObject open = storage.openObject(source.bucket(), source.key(), source.versionId())) {
      ObjectRecord o = open.object();
      Preconditions.check(
          CopySources.conditions(ctx.headers()),
          o.etag(),
          o.lastModified(),
          HttpDates::parseRfc1123);
      ByteRange range = copyRange(ctx.header(COPY_RANGE), o.size());
      try (InputStream in =
          Channels.newInputStream(open.reader().read(range.first(), range.length()))) {
        PartRecord part =
            storage.uploadPart(
                new UploadPartCommand(
                    op.bucket(), op.key(), op.uploadId(), op.partNumber(), range.length(), null),
                in);
        return OssResponse.xml(new CopyPartResult(part.etag(), part.lastModified()).toXml())
            .header("x-oss-hash-crc64ecma", Crc64.toUnsignedString(part.crc64()));
      }
    } catch (IOException e) {
      throw new StorageException("cannot read the copy source", e);
    }
  }

  /** {@code bytes=first-last} inside the source; absent means the whole source. */
  private static ByteRange copyRange(String header, long size) {
    if (header == null) {
      return new ByteRange(0, size - 1);
    }
    Matcher m = RANGE.matcher(header.trim());
    if (m.matches()) {
      long first = Long.parseLong(m.group(1));
      long last = Long.parseLong(m.group(2));
      if (first <= last && last < size) {
        return new ByteRange(first, last);
      }
    }
    throw OssException.invalidArgument(
        "The x-oss-copy-source-range is not a range inside the source object.", COPY_RANGE, header);
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/completemultipartupload">CompleteMultipartUpload</a>.
   * With {@code x-oss-complete-all: yes} every uploaded part is used and the body must be empty.
   */
  OssResponse complete(RequestContext ctx, CompleteMultipartUpload op) {
    byte[] body = ctx.readSmallBody(Limits.XML_BODY_BYTES, OssErrorCode.MALFORMED_XML);
    ContentMd5.verify(ctx.header("content-md5"), body);
    List<CompletedPart> parts;
    if ("yes".equalsIgnoreCase(ctx.header("x-oss-complete-all"))) {
      if (body.length > 0) {
        throw OssException.invalidArgument(
            "The body must be empty with x-oss-complete-all: yes.", "x-oss-complete-all", "yes");
      }
      parts = null;
    } else {
      parts =
          CompleteMultipartUploadRequest.parse(body).parts().stream()
              .map(p -> new CompletedPart(p.partNumber(), p.etag()))
              .toList();
    }
    CannedAcl acl = ObjectHeaders.objectAcl(ctx.header("x-oss-object-acl"));
    ObjectRecord o =
        storage.completeMultipartUpload(
            new CompleteUploadCommand(
                op.bucket(), op.key(), op.uploadId(), parts, acl, forbidOverwrite(ctx)));
    boolean url = new MultipartArguments(ctx.routed().query()).urlEncoding();
    return ObjectHeaders.versionId(
        OssResponse.xml(
                new CompleteMultipartUploadResult(
                        location(ctx, op.bucket(), op.key()), op.bucket(), op.key(), o.etag(), url)
                    .toXml())
            .header("ETag", ObjectHeaders.quoted(o.etag()))
            .header("x-oss-hash-crc64ecma", Crc64.toUnsignedString(o.crc64())),
        o);
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/abortmultipartupload">AbortMultipartUpload</a>.
   */
  OssResponse abort(RequestContext ctx, AbortMultipartUpload op) {
    storage.abortMultipartUpload(op.bucket(), op.key(), op.uploadId());
    return OssResponse.noContent();
  }

  /**
   * <a href="https://www.alibabacloud.com/help/en/oss/developer-reference/listparts">ListParts</a>.
   */
  OssResponse listParts(RequestContext ctx, ListParts op) {
    MultipartArguments args = new MultipartArguments(ctx.routed().query());
    int marker = args.partNumberMarker();
    int max = args.maxParts();
    PartListing listing =
        storage.listParts(new ListPartsCommand(op.bucket(), op.key(), op.uploadId(), marker, max));
    List<PartSummary> parts =
        listing.parts().stream()
            .map(p -> new PartSummary(p.partNumber(), p.lastModified(), p.etag(), p.size()))
            .toList();
    UploadRecord u = listing.upload();
    return OssResponse.xml(
        new ListPartsResult(
                new ListPartsResult.Upload(
                    u.bucket(), u.key(), u.uploadId(), u.attributes().storageClass()),
                marker,
                listing.nextPartNumberMarker(),
                max,
                listing.truncated(),
                parts,
                args.urlEncoding())
            .toXml());
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/listmultipartuploads">ListMultipartUploads</a>.
   */
  OssResponse listUploads(RequestContext ctx, ListMultipartUploads op) {
    MultipartArguments args = new MultipartArguments(ctx.routed().query());
    ListMultipartUploadsResult.Request request =
        new ListMultipartUploadsResult.Request(
            op.bucket(),
            args.listing("prefix"),
            args.listing("delimiter"),
            args.listing("key-marker"),
            args.listing("upload-id-marker"),
            args.maxUploads(),
            args.urlEncoding());
    UploadListing listing =
        storage.listMultipartUploads(
            new ListUploadsCommand(
                op.bucket(),
                request.prefix(),
                request.delimiter(),
                request.keyMarker(),
                request.uploadIdMarker(),
                request.maxUploads()));
    List<UploadSummary> uploads =
        listing.uploads().stream()
            .map(
                u ->
                    new UploadSummary(
                        u.key(), u.uploadId(), u.attributes().storageClass(), u.initiated()))
            .toList();
    return OssResponse.xml(
        new ListMultipartUploadsResult(
                request,
                listing.truncated(),
                listing.nextKeyMarker(),
                listing.nextUploadIdMarker(),
                uploads,
                listing.commonPrefixes())
            .toXml());
  }

  private static boolean forbidOverwrite(RequestContext ctx) {
    return "true".equalsIgnoreCase(ctx.header("x-oss-forbid-overwrite"));
  }

  /**
   * The object's URL as the client addressed this server (path or virtual-hosted style). OSS
   * percent-encodes {@code ~} there too ({@code %7E}, as Java's URLEncoder does), though RFC 3986
   * leaves it unreserved (issue 12).
   */
  private static String location(RequestContext ctx, String bucket, String key) {
    String host = ctx.header("host") == null ? "localhost" : ctx.header("host");
    String path = UrlEncoding.encode(key, true).replace("~", "%7E");
    return host.startsWith(bucket + ".")
        ? "http://" + host + "/" + path
        : "http://" + host + "/" + bucket + "/" + path;
  }
}
