package dev.osprey.auth;

import dev.osprey.protocol.CannedAcl;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.op.BucketOperation;
import dev.osprey.protocol.op.ObjectOperation;
import dev.osprey.protocol.op.OssOperation;
import dev.osprey.protocol.op.ServiceOperation;

/**
 * Decides whether a principal may run an operation. Today: the root account may do everything;
 * anonymous requests get only what canned ACLs grant (spec §3.10, §5.5). RAM and bucket policies
 * come later.
 */
public final class Authorizer {
  static final String ACL_DENIED = "You have no right to access this object because of bucket acl.";
  static final String ANONYMOUS_DENIED = "Anonymous access is forbidden for this operation.";

  /**
   * @throws OssException AccessDenied when the operation is not allowed
   */
  public void authorize(Principal principal, OssOperation op, AccessContext ctx) {
    switch (principal) {
      case Principal.Root r -> {
        // the bucket owner has full access (spec §6)
      }
      case Principal.Anonymous a -> authorizeAnonymous(op, ctx);
    }
  }

  private static void authorizeAnonymous(OssOperation op, AccessContext ctx) {
    Grant needed = anonymousGrant(op, ctx);
    switch (needed) {
      case NONE -> {
        if (!(op instanceof ServiceOperation || op instanceof BucketOperation.PutBucket)) {
          // An absent bucket is NoSuchBucket for everyone, as on OSS: the Java SDK's
          // doesBucketExist reads
          // AccessDenied as "exists", so an anonymous probe of a missing bucket must not get it.
          ctx.bucketAcl();
        }
        throw denied(ANONYMOUS_DENIED);
      }
      case READ_OBJECT -> require(readable(effectiveAcl(ctx)));
      case LIST_BUCKET -> require(readable(ctx.bucketAcl()));
      case WRITE_OBJECT -> require(effectiveAcl(ctx) == CannedAcl.PUBLIC_READ_WRITE);
      case WRITE_BUCKET -> require(ctx.bucketAcl() == CannedAcl.PUBLIC_READ_WRITE);
    }
  }

  /** What a canned ACL must grant for an anonymous caller to run {@code op}. */
  private enum Grant {
    NONE,
    READ_OBJECT,
    LIST_BUCKET,
    WRITE_OBJECT,
    WRITE_BUCKET
  }

  private static Grant anonymousGrant(OssOperation op, AccessContext ctx) {
    return switch (op) {
      // response-* overrides are for signed requests only (spec §2.5)
      case ObjectOperation.GetObject g ->
          g.overrides().isEmpty() && !ctx.hasResponseOverrides() ? Grant.READ_OBJECT : Grant.NONE;
      case ObjectOperation.HeadObject h -> Grant.READ_OBJECT;
      case ObjectOperation.GetObjectMeta g -> Grant.READ_OBJECT;
      case BucketOperation.ListObjects l -> Grant.LIST_BUCKET;
      case BucketOperation.ListObjectsV2 l -> Grant.LIST_BUCKET;
      case ObjectOperation.PutObject p -> Grant.WRITE_OBJECT;
      case ObjectOperation.AppendObject a -> Grant.WRITE_OBJECT;
      case ObjectOperation.DeleteObject d -> Grant.WRITE_OBJECT;
      // The source of a copy needs its own read check, made by the server against the source
      // object.
      case ObjectOperation.CopyObject c -> Grant.WRITE_OBJECT;
      case ObjectOperation.InitiateMultipartUpload i -> Grant.WRITE_OBJECT;
      case ObjectOperation.UploadPart u -> Grant.WRITE_OBJECT;
      case ObjectOperation.CompleteMultipartUpload c -> Grant.WRITE_OBJECT;
      case ObjectOperation.AbortMultipartUpload a -> Grant.WRITE_OBJECT;
      case ObjectOperation.ListParts l -> Grant.WRITE_OBJECT;
      // Bucket-level writes: the per-object ACLs of the deleted keys are the server's to check.
      case BucketOperation.DeleteMultipleObjects d -> Grant.WRITE_BUCKET;
      case BucketOperation.ListMultipartUploads l -> Grant.WRITE_BUCKET;
      default -> Grant.NONE;
    };
  }

  /** The object's own ACL overrides the bucket's unless it is {@code default} (spec §3.10). */
  private static CannedAcl effectiveAcl(AccessContext ctx) {
    CannedAcl objectAcl = ctx.objectAcl();
    return objectAcl == null || objectAcl == CannedAcl.DEFAULT ? ctx.bucketAcl() : objectAcl;
  }

  private static boolean readable(CannedAcl acl) {
    return acl == CannedAcl.PUBLIC_READ || acl == CannedAcl.PUBLIC_READ_WRITE;
  }

  private static void require(boolean granted) {
    if (!granted) {
      throw denied(ACL_DENIED);
    }
  }

  private static OssException denied(String message) {
    return OssException.of(OssErrorCode.ACCESS_DENIED, message);
  }
}
