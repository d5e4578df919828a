package dev.osprey.auth;

import dev.osprey.protocol.CannedAcl;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.op.BucketOperation;
import dev.osprey.protocol.op.ObjectOperation;
import dev.osprey.protocol.op.OssOperation;
import dev.osprey.protocol.op.ServiceOperation;

/**
 * Decides whether a principal may run an operation, in the order of spec §6: the root account may
 * do everything; for anyone else, a matching explicit Deny in the caller's RAM policies, its
 * session policy or the bucket policy refuses; otherwise an Allow from the RAM policies (within the
 * session policy, if any) or from the bucket policy grants; otherwise the object and bucket ACLs
 * decide (spec §3.10, §5.5); otherwise the request is denied.
 */
public final class Authorizer {
  static final String ACL_DENIED = "You have no right to access this object because of bucket acl.";
  static final String ANONYMOUS_DENIED = "Anonymous access is forbidden for this operation.";

  /** OSS's message for an explicit Deny, whether it comes from a RAM or a bucket policy. */
  static final String POLICY_DENIED = "Access denied by bucket policy.";

  /**
   * @throws OssException AccessDenied when the operation is not allowed
   */
  public void authorize(Principal principal, OssOperation op, AccessContext ctx) {
    if (op instanceof BucketOperation.Options || op instanceof BucketOperation.PostObject) {
      // A preflight carries no credentials and reveals only the bucket's CORS rules. A form
      // upload's credentials and key are in its body: its handler authorizes the PutObject it
      // amounts to once the form's fields are read.
      return;
    }
    switch (principal) {
      case Principal.Root r -> {
        // the bucket owner has full access (spec §6)
      }
      case Principal.Anonymous a -> {
        // response-* overrides are for signed requests only (spec §2.5), whatever a policy says
        if (!hasOverrides(op, ctx) && PolicyLayers.decide(null, op, ctx) == PolicyOutcome.GRANTED) {
          return;
        }
        authorizeByAcl(op, ctx, true);
      }
      case Principal.RamUser u -> {
        if (PolicyLayers.decide(u, op, ctx) == PolicyOutcome.GRANTED) {
          return;
        }
        authorizeByAcl(op, ctx, false);
      }
    }
  }

  private static boolean hasOverrides(OssOperation op, AccessContext ctx) {
    return op instanceof ObjectOperation.GetObject g
        && (!g.overrides().isEmpty() || ctx.hasResponseOverrides());
  }

  /** Outcome of the policy layers when they do not refuse outright. */
  enum PolicyOutcome {
    GRANTED,
    UNDECIDED
  }

  private static void authorizeByAcl(OssOperation op, AccessContext ctx, boolean anonymous) {
    Grant needed = anonymousGrant(op, ctx);
    switch (needed) {
      case NONE -> {
        if (!(op instanceof ServiceOperation || op instanceof BucketOperation.PutBucket)) {
          // An absent bucket is NoSuchBucket for everyone, as on OSS: the Java SDK's
          // doesBucketExist reads AccessDenied as "exists", so a probe of a missing bucket must
          // not get it.
          ctx.bucketAcl();
        }
        throw denied(anonymous ? ANONYMOUS_DENIED : ACL_DENIED);
      }
      case READ_OBJECT -> require(readable(effectiveAcl(ctx)));
      case LIST_BUCKET -> require(readable(ctx.bucketAcl()));
      case WRITE_OBJECT -> require(effectiveAcl(ctx) == CannedAcl.PUBLIC_READ_WRITE);
      case WRITE_BUCKET -> require(ctx.bucketAcl() == CannedAcl.PUBLIC_READ_WRITE);
    }
  }

  /** What a canned ACL must grant for a caller other than the owner to run {@code op}. */
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

  static OssException denied(String message) {
    return OssException.of(OssErrorCode.ACCESS_DENIED, message);
  }
}
