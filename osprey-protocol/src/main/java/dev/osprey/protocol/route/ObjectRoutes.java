package dev.osprey.protocol.route;

import dev.osprey.protocol.Headers;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.op.ObjectOperation;
import dev.osprey.protocol.op.ObjectOperation.AbortMultipartUpload;
import dev.osprey.protocol.op.ObjectOperation.AppendObject;
import dev.osprey.protocol.op.ObjectOperation.CompleteMultipartUpload;
import dev.osprey.protocol.op.ObjectOperation.CopyObject;
import dev.osprey.protocol.op.ObjectOperation.DeleteObject;
import dev.osprey.protocol.op.ObjectOperation.DeleteObjectTagging;
import dev.osprey.protocol.op.ObjectOperation.GetObject;
import dev.osprey.protocol.op.ObjectOperation.GetObjectAcl;
import dev.osprey.protocol.op.ObjectOperation.GetObjectMeta;
import dev.osprey.protocol.op.ObjectOperation.GetObjectTagging;
import dev.osprey.protocol.op.ObjectOperation.GetSymlink;
import dev.osprey.protocol.op.ObjectOperation.HeadObject;
import dev.osprey.protocol.op.ObjectOperation.InitiateMultipartUpload;
import dev.osprey.protocol.op.ObjectOperation.ListParts;
import dev.osprey.protocol.op.ObjectOperation.PutObject;
import dev.osprey.protocol.op.ObjectOperation.PutObjectAcl;
import dev.osprey.protocol.op.ObjectOperation.PutObjectTagging;
import dev.osprey.protocol.op.ObjectOperation.PutSymlink;
import dev.osprey.protocol.op.ObjectOperation.SealAppendObject;
import dev.osprey.protocol.op.ObjectOperation.UnsupportedObjectOperation;
import dev.osprey.protocol.op.ObjectOperation.UploadPart;
import dev.osprey.protocol.op.ResponseOverrides;

/** Requests addressed to an object: method + sub-resource (+ copy-source header) → operation. */
final class ObjectRoutes {
  private ObjectRoutes() {}

  /** The request parts object routing looks at; bucket and key are already validated. */
  record Request(String method, String bucket, String key, QueryArguments args, Headers headers) {}

  static ObjectOperation select(Request r) {
    String sub =
        SubResources.pick(
            r.args().query(), SubResources.OBJECT_IMPLEMENTED, SubResources.OBJECT_UNSUPPORTED);
    if (sub == null) {
      return plain(r);
    }
    if (SubResources.OBJECT_UNSUPPORTED.contains(sub)) {
      return new UnsupportedObjectOperation(r.bucket(), r.key(), r.method(), sub);
    }
    ObjectOperation op =
        switch (sub) {
          case "append" ->
              r.method().equals("POST") ? new AppendObject(r.bucket(), r.key(), position(r)) : null;
          case "seal" ->
              r.method().equals("POST")
                  ? new SealAppendObject(r.bucket(), r.key(), position(r))
                  : null;
          case "tagging" -> tagging(r);
          case "symlink" -> symlink(r);
          case "acl" -> acl(r);
          case "uploads" -> r.method().equals("POST") ? initiate(r) : null;
          case "uploadId" -> upload(r);
          case "objectMeta" ->
              r.method().equals("HEAD") || r.method().equals("GET")
                  ? new GetObjectMeta(r.bucket(), r.key(), version(r))
                  : null;
          default -> null;
        };
    if (op == null) {
      throw MethodNotAllowed.of(r.method(), MethodNotAllowed.OBJECT);
    }
    return op;
  }

  private static ObjectOperation plain(Request r) {
    if (r.method().equals("PUT") && r.headers().contains("x-amz-write-offset-bytes")) {
      // S3's append header: ignoring it would overwrite the object a client meant to extend
      // (issue 12); OSS appends only through ?append.
      return new UnsupportedObjectOperation(
          r.bucket(), r.key(), r.method(), "x-amz-write-offset-bytes");
    }
    return switch (r.method()) {
      case "PUT" ->
          r.headers().contains("x-oss-copy-source")
              ? new CopyObject(r.bucket(), r.key())
              : new PutObject(r.bucket(), r.key());
      case "GET" ->
          new GetObject(r.bucket(), r.key(), overrides(r.args()), version(r), TailArguments.of(r));
      case "HEAD" -> new HeadObject(r.bucket(), r.key(), version(r));
      case "DELETE" -> new DeleteObject(r.bucket(), r.key(), version(r));
      // A POST with no sub-resource is PostObject (HTML form upload), which Osprey does not
      // implement.
      case "POST" -> new UnsupportedObjectOperation(r.bucket(), r.key(), r.method(), "");
      default -> throw MethodNotAllowed.of(r.method(), MethodNotAllowed.OBJECT);
    };
  }

  /**
   * The {@code versionId} parameter: null when absent; present but empty is InvalidArgument (OSS
   * needs an id, {@code null} for the null version).
   */
  private static String version(Request r) {
    if (!r.args().has("versionId")) {
      return null;
    }
    String id = r.args().string("versionId");
    if (id == null || id.isEmpty()) {
      throw OssException.invalidArgument("Invalid version id specified", "versionId", id);
    }
    return id;
  }

  private static Long position(Request r) {
    return r.args().position();
  }

  private static ObjectOperation tagging(Request r) {
    return switch (r.method()) {
      case "PUT" -> new PutObjectTagging(r.bucket(), r.key(), version(r));
      case "GET" -> new GetObjectTagging(r.bucket(), r.key(), version(r));
      case "DELETE" -> new DeleteObjectTagging(r.bucket(), r.key(), version(r));
      default -> null;
    };
  }

  private static ObjectOperation symlink(Request r) {
    return switch (r.method()) {
      case "PUT" -> new PutSymlink(r.bucket(), r.key());
      case "GET" -> new GetSymlink(r.bucket(), r.key());
      default -> null;
    };
  }

  private static ObjectOperation acl(Request r) {
    return switch (r.method()) {
      case "PUT" -> new PutObjectAcl(r.bucket(), r.key(), version(r));
      case "GET" -> new GetObjectAcl(r.bucket(), r.key(), version(r));
      default -> null;
    };
  }

  private static ObjectOperation initiate(Request r) {
    r.args().urlEncoding();
    return new InitiateMultipartUpload(r.bucket(), r.key());
  }

  private static ObjectOperation upload(Request r) {
    String uploadId = r.args().string("uploadId");
    String id = uploadId == null ? "" : uploadId;
    return switch (r.method()) {
      case "PUT" -> {
        if (!r.args().has("partNumber")) {
          throw OssException.of(OssErrorCode.MISSING_ARGUMENT).detail("ArgumentName", "partNumber");
        }
        yield new UploadPart(r.bucket(), r.key(), r.args().partNumber(), id);
      }
      case "POST" -> {
        r.args().urlEncoding();
        yield new CompleteMultipartUpload(r.bucket(), r.key(), id);
      }
      case "DELETE" -> new AbortMultipartUpload(r.bucket(), r.key(), id);
      case "GET" -> {
        r.args().urlEncoding();
        yield new ListParts(r.bucket(), r.key(), id);
      }
      default -> null;
    };
  }

  private static ResponseOverrides overrides(QueryArguments args) {
    return new ResponseOverrides(
        args.string("response-content-type"),
        args.string("response-content-language"),
        args.string("response-expires"),
        args.string("response-cache-control"),
        args.string("response-content-disposition"),
        args.string("response-content-encoding"));
  }
}
