package dev.osprey.auth;

import dev.osprey.protocol.Headers;
import dev.osprey.protocol.op.BucketOperation;
import dev.osprey.protocol.op.ObjectOperation;
import dev.osprey.protocol.op.OssOperation;
import dev.osprey.protocol.op.ServiceOperation;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The RAM actions an operation needs (spec §6). Most operations need the action of the same name;
 * the exceptions are where OSS groups APIs under one action ({@code oss:PutObject} covers appends
 * and multipart uploads, {@code oss:GetObject} covers HEAD and GetObjectMeta, {@code
 * oss:ListObjects} covers both listing versions).
 */
public final class RequiredActions {
  static final String PUT_OBJECT = "oss:PutObject";
  static final String GET_OBJECT = "oss:GetObject";
  static final String PUT_OBJECT_TAGGING = "oss:PutObjectTagging";
  static final String GET_OBJECT_VERSION = "oss:GetObjectVersion";

  private RequiredActions() {}

  /**
   * @param headers the request headers: {@code x-oss-tagging} on a write also needs {@code
   *     oss:PutObjectTagging} (spec §1.9)
   * @return actions in a stable order. For CopyObject the first, {@code oss:GetObject}, applies to
   *     the source object named by {@code x-oss-copy-source}, the second to the destination.
   */
  public static List<String> of(OssOperation op, Headers headers) {
    return switch (op) {
      case ServiceOperation.ListBuckets l -> List.of("oss:ListBuckets");
      case BucketOperation b -> bucketActions(b);
      case ObjectOperation o ->
          objectActions(o, headers.contains("x-oss-tagging"), copiesVersion(headers));
    };
  }

  private static List<String> bucketActions(BucketOperation op) {
    return switch (op) {
      case BucketOperation.PutBucket p -> List.of("oss:PutBucket");
      case BucketOperation.DeleteBucket d -> List.of("oss:DeleteBucket");
      case BucketOperation.GetBucketInfo g -> List.of("oss:GetBucketInfo");
      case BucketOperation.GetBucketLocation g -> List.of("oss:GetBucketLocation");
      case BucketOperation.GetBucketAcl g -> List.of("oss:GetBucketAcl");
      case BucketOperation.PutBucketAcl p -> List.of("oss:PutBucketAcl");
      case BucketOperation.ListObjects l -> List.of("oss:ListObjects");
      case BucketOperation.ListObjectsV2 l -> List.of("oss:ListObjects");
      case BucketOperation.DeleteMultipleObjects d -> List.of("oss:DeleteObject");
      case BucketOperation.ListMultipartUploads l -> List.of("oss:ListMultipartUploads");
      case BucketOperation.PutBucketPolicy p -> List.of("oss:PutBucketPolicy");
      case BucketOperation.GetBucketPolicy g -> List.of("oss:GetBucketPolicy");
      case BucketOperation.DeleteBucketPolicy d -> List.of("oss:DeleteBucketPolicy");
      case BucketOperation.PutBucketLifecycle p -> List.of("oss:PutBucketLifecycle");
      case BucketOperation.GetBucketLifecycle g -> List.of("oss:GetBucketLifecycle");
      case BucketOperation.DeleteBucketLifecycle d -> List.of("oss:DeleteBucketLifecycle");
      case BucketOperation.PutBucketVersioning p -> List.of("oss:PutBucketVersioning");
      case BucketOperation.GetBucketVersioning g -> List.of("oss:GetBucketVersioning");
      case BucketOperation.ListObjectVersions l -> List.of("oss:ListObjectVersions");
      case BucketOperation.PutBucketCors p -> List.of("oss:PutBucketCors");
      case BucketOperation.GetBucketCors g -> List.of("oss:GetBucketCors");
      case BucketOperation.DeleteBucketCors d -> List.of("oss:DeleteBucketCors");
      // A preflight is answered from the CORS rules alone, never authorized (Authorizer).
      case BucketOperation.Options o -> List.of();
      case BucketOperation.PutBucketReferer p -> List.of("oss:PutBucketReferer");
      case BucketOperation.GetBucketReferer g -> List.of("oss:GetBucketReferer");
      case BucketOperation.PutBucketTags p -> List.of("oss:PutBucketTagging");
      case BucketOperation.GetBucketTags g -> List.of("oss:GetBucketTagging");
      case BucketOperation.DeleteBucketTags d -> List.of("oss:DeleteBucketTagging");
      case BucketOperation.GetBucketStat g -> List.of("oss:GetBucketStat");
      case BucketOperation.PostObject p -> List.of(PUT_OBJECT);
      case BucketOperation.PutBucketWebsite p -> List.of("oss:PutBucketWebsite");
      case BucketOperation.GetBucketWebsite g -> List.of("oss:GetBucketWebsite");
      case BucketOperation.DeleteBucketWebsite d -> List.of("oss:DeleteBucketWebsite");
      case BucketOperation.PutBucketLogging p -> List.of("oss:PutBucketLogging");
      case BucketOperation.GetBucketLogging g -> List.of("oss:GetBucketLogging");
      case BucketOperation.DeleteBucketLogging d -> List.of("oss:DeleteBucketLogging");
      case BucketOperation.PutBucketResourceGroup p -> List.of("oss:PutBucketResourceGroup");
      case BucketOperation.GetBucketResourceGroup g -> List.of("oss:GetBucketResourceGroup");
      case BucketOperation.PutCname p -> List.of("oss:PutCname");
      case BucketOperation.ListCname l -> List.of("oss:ListCname");
      case BucketOperation.DeleteCname d -> List.of("oss:DeleteCname");
      case BucketOperation.UnsupportedBucketOperation u ->
          List.of("oss:" + verb(u.method()) + "Bucket" + capitalize(u.subresource()));
    };
  }

  private static List<String> objectActions(
      ObjectOperation op, boolean tagging, boolean copiesVersion) {
    return switch (op) {
      case ObjectOperation.PutObject p -> withTagging(tagging, PUT_OBJECT);
      case ObjectOperation.AppendObject a -> withTagging(tagging, PUT_OBJECT);
      case ObjectOperation.InitiateMultipartUpload i -> withTagging(tagging, PUT_OBJECT);
      case ObjectOperation.CopyObject c ->
          withTagging(tagging, copiesVersion ? GET_OBJECT_VERSION : GET_OBJECT, PUT_OBJECT);
      case ObjectOperation.UploadPart u -> List.of(PUT_OBJECT);
      case ObjectOperation.CompleteMultipartUpload c -> List.of(PUT_OBJECT);
      case ObjectOperation.GetObject g -> List.of(versioned(g.versionId(), GET_OBJECT));
      case ObjectOperation.HeadObject h -> List.of(versioned(h.versionId(), GET_OBJECT));
      case ObjectOperation.GetObjectMeta g -> List.of(versioned(g.versionId(), GET_OBJECT));
      case ObjectOperation.PutSymlink p -> withTagging(tagging, "oss:PutSymlink");
      case ObjectOperation.GetSymlink g -> List.of("oss:GetSymlink");
      case ObjectOperation.DeleteObject d -> List.of(versioned(d.versionId(), "oss:DeleteObject"));
      case ObjectOperation.SealAppendObject s -> List.of("oss:SealAppendObject");
      case ObjectOperation.PutObjectTagging p ->
          List.of(versioned(p.versionId(), PUT_OBJECT_TAGGING));
      case ObjectOperation.GetObjectTagging g ->
          List.of(versioned(g.versionId(), "oss:GetObjectTagging"));
      case ObjectOperation.DeleteObjectTagging d ->
          List.of(versioned(d.versionId(), "oss:DeleteObjectTagging"));
      case ObjectOperation.PutObjectAcl p -> List.of(versioned(p.versionId(), "oss:PutObjectAcl"));
      case ObjectOperation.GetObjectAcl g -> List.of(versioned(g.versionId(), "oss:GetObjectAcl"));
      case ObjectOperation.AbortMultipartUpload a -> List.of("oss:AbortMultipartUpload");
      case ObjectOperation.ListParts l -> List.of("oss:ListParts");
      case ObjectOperation.UnsupportedObjectOperation u ->
          List.of("oss:" + verb(u.method()) + "Object" + capitalize(u.subresource()));
    };
  }

  /**
   * The action for a call that names a version: OSS's {@code ...Version...} variant (spec §6),
   * {@code oss:GetObject} → {@code oss:GetObjectVersion}, {@code oss:PutObjectTagging} → {@code
   * oss:PutObjectVersionTagging}, {@code oss:DeleteObject} → {@code oss:DeleteObjectVersion}.
   */
  static String versioned(String versionId, String action) {
    if (versionId == null) {
      return action;
    }
    int at = action.indexOf("Object") + "Object".length();
    return action.substring(0, at) + "Version" + action.substring(at);
  }

  /** Whether a CopyObject names a source version ({@code ?versionId=} in x-oss-copy-source). */
  private static boolean copiesVersion(Headers headers) {
    String source = headers.get("x-oss-copy-source");
    return source != null && source.contains("?versionId=");
  }

  private static List<String> withTagging(boolean tagging, String... actions) {
    if (!tagging) {
      return List.of(actions);
    }
    String[] all = Arrays.copyOf(actions, actions.length + 1);
    all[actions.length] = PUT_OBJECT_TAGGING;
    return List.of(all);
  }

  /**
   * Operations Osprey does not implement are answered NotImplemented after authorization; their
   * action name is OSS's usual {@code <Verb><Resource><Subresource>} shape (e.g. {@code
   * oss:GetBucketCors}), which is right for most and harmless for the rest: only root may call them
   * today.
   */
  private static String verb(String method) {
    return switch (method.toUpperCase(Locale.ROOT)) {
      case "GET", "HEAD" -> "Get";
      case "PUT" -> "Put";
      case "DELETE" -> "Delete";
      default -> capitalize(method.toLowerCase(Locale.ROOT));
    };
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
