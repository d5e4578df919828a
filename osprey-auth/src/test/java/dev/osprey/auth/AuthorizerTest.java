package dev.osprey.auth;

import static dev.osprey.protocol.CannedAcl.DEFAULT;
import static dev.osprey.protocol.CannedAcl.PRIVATE;
import static dev.osprey.protocol.CannedAcl.PUBLIC_READ;
import static dev.osprey.protocol.CannedAcl.PUBLIC_READ_WRITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.osprey.protocol.CannedAcl;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.op.BucketOperation;
import dev.osprey.protocol.op.ObjectOperation;
import dev.osprey.protocol.op.OssOperation;
import dev.osprey.protocol.op.ResponseOverrides;
import dev.osprey.protocol.op.ServiceOperation;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AuthorizerTest {
  private static final String B = "bkt";
  private static final String K = "key";
  private static final Principal ANON = new Principal.Anonymous();
  private static final String ACL = Authorizer.ACL_DENIED;
  private static final String FORBIDDEN = Authorizer.ANONYMOUS_DENIED;

  private final Authorizer authorizer = new Authorizer();

  private record Ctx(CannedAcl bucketAcl, CannedAcl objectAcl, boolean hasResponseOverrides)
      implements AccessContext {}

  /** Never asked: root decisions must not touch storage. */
  private static final AccessContext UNREACHABLE =
      new AccessContext() {
        @Override
        public CannedAcl bucketAcl() {
          throw new AssertionError("bucketAcl read");
        }

        @Override
        public CannedAcl objectAcl() {
          throw new AssertionError("objectAcl read");
        }

        @Override
        public boolean hasResponseOverrides() {
          throw new AssertionError("overrides read");
        }
      };

  static List<OssOperation> allOperations() {
    return List.of(
        new ServiceOperation.ListBuckets(null, null, 100),
        new BucketOperation.PutBucket(B),
        new BucketOperation.DeleteBucket(B),
        new BucketOperation.GetBucketInfo(B),
        new BucketOperation.GetBucketLocation(B),
        new BucketOperation.GetBucketAcl(B),
        new BucketOperation.PutBucketAcl(B),
        new BucketOperation.ListObjects(B, null, null, null, 100, false),
        new BucketOperation.ListObjectsV2(B, null, null, null, null, 100, false, false),
        new BucketOperation.DeleteMultipleObjects(B, false),
        new BucketOperation.ListMultipartUploads(B),
        new BucketOperation.UnsupportedBucketOperation(B, "GET", "cors"),
        new BucketOperation.PutBucketPolicy(B),
        new BucketOperation.GetBucketPolicy(B),
        new BucketOperation.DeleteBucketPolicy(B),
        new ObjectOperation.PutObject(B, K),
        new ObjectOperation.CopyObject(B, K),
        new ObjectOperation.GetObject(B, K, ResponseOverrides.NONE),
        new ObjectOperation.HeadObject(B, K),
        new ObjectOperation.GetObjectMeta(B, K),
        new ObjectOperation.DeleteObject(B, K),
        new ObjectOperation.AppendObject(B, K, 0L),
        new ObjectOperation.SealAppendObject(B, K, 0L),
        new ObjectOperation.PutObjectTagging(B, K),
        new ObjectOperation.GetObjectTagging(B, K),
        new ObjectOperation.DeleteObjectTagging(B, K),
        new ObjectOperation.PutObjectAcl(B, K),
        new ObjectOperation.GetObjectAcl(B, K),
        new ObjectOperation.InitiateMultipartUpload(B, K),
        new ObjectOperation.UploadPart(B, K, 1, "u"),
        new ObjectOperation.CompleteMultipartUpload(B, K, "u"),
        new ObjectOperation.AbortMultipartUpload(B, K, "u"),
        new ObjectOperation.ListParts(B, K, "u"),
        new ObjectOperation.UnsupportedObjectOperation(B, K, "GET", "symlink"));
  }

  @Test
  void rootMayDoEverythingWithoutReadingAcls() {
    for (OssOperation op : allOperations()) {
      assertThatCode(() -> authorizer.authorize(new Principal.Root("ak"), op, UNREACHABLE))
          .as(op.apiName())
          .doesNotThrowAnyException();
    }
  }

  /**
   * (operation, bucket ACL, object ACL, expected: null = allowed, else the AccessDenied message).
   */
  static Stream<Arguments> anonymousTable() {
    OssOperation get = new ObjectOperation.GetObject(B, K, ResponseOverrides.NONE);
    OssOperation head = new ObjectOperation.HeadObject(B, K);
    OssOperation meta = new ObjectOperation.GetObjectMeta(B, K);
    OssOperation list = new BucketOperation.ListObjects(B, null, null, null, 100, false);
    OssOperation list2 =
        new BucketOperation.ListObjectsV2(B, null, null, null, null, 100, false, false);
    OssOperation put = new ObjectOperation.PutObject(B, K);
    OssOperation append = new ObjectOperation.AppendObject(B, K, 0L);
    OssOperation delete = new ObjectOperation.DeleteObject(B, K);
    OssOperation deleteMany = new BucketOperation.DeleteMultipleObjects(B, false);
    List<Arguments> rows = new ArrayList<>();
    for (OssOperation read : List.of(get, head, meta)) {
      rows.add(Arguments.of(read, PRIVATE, DEFAULT, ACL));
      rows.add(Arguments.of(read, PUBLIC_READ, DEFAULT, null));
      rows.add(Arguments.of(read, PUBLIC_READ_WRITE, DEFAULT, null));
      rows.add(Arguments.of(read, PRIVATE, PUBLIC_READ, null)); // object ACL overrides bucket ACL
      rows.add(Arguments.of(read, PUBLIC_READ, PRIVATE, ACL));
    }
    for (OssOperation l : List.of(list, list2)) {
      rows.add(Arguments.of(l, PRIVATE, DEFAULT, ACL));
      rows.add(Arguments.of(l, PUBLIC_READ, DEFAULT, null));
      rows.add(Arguments.of(l, PUBLIC_READ_WRITE, DEFAULT, null));
    }
    for (OssOperation write :
        List.of(
            put,
            append,
            delete,
            new ObjectOperation.CopyObject(B, K),
            new ObjectOperation.InitiateMultipartUpload(B, K),
            new ObjectOperation.UploadPart(B, K, 1, "u"),
            new ObjectOperation.CompleteMultipartUpload(B, K, "u"),
            new ObjectOperation.AbortMultipartUpload(B, K, "u"))) {
      rows.add(Arguments.of(write, PUBLIC_READ, DEFAULT, ACL));
      rows.add(Arguments.of(write, PUBLIC_READ_WRITE, DEFAULT, null));
      rows.add(Arguments.of(write, PUBLIC_READ_WRITE, PRIVATE, ACL));
      rows.add(Arguments.of(write, PRIVATE, PUBLIC_READ_WRITE, null));
    }
    // The keys of a batch delete are authorized one by one, as DeleteObject, by the server.
    rows.add(Arguments.of(deleteMany, PRIVATE, DEFAULT, null));
    rows.add(Arguments.of(deleteMany, PUBLIC_READ_WRITE, DEFAULT, null));
    for (OssOperation never :
        List.of(
            new ServiceOperation.ListBuckets(null, null, 100),
            new BucketOperation.PutBucket(B),
            new BucketOperation.DeleteBucket(B),
            new BucketOperation.GetBucketInfo(B),
            new BucketOperation.GetBucketAcl(B),
            new BucketOperation.PutBucketAcl(B),
            new ObjectOperation.GetObjectAcl(B, K),
            new ObjectOperation.PutObjectAcl(B, K),
            new ObjectOperation.GetObjectTagging(B, K),
            new ObjectOperation.PutObjectTagging(B, K),
            new ObjectOperation.DeleteObjectTagging(B, K),
            new ObjectOperation.SealAppendObject(B, K, 0L),
            new BucketOperation.UnsupportedBucketOperation(B, "GET", "cors"))) {
      rows.add(Arguments.of(never, PUBLIC_READ_WRITE, PUBLIC_READ_WRITE, FORBIDDEN));
    }
    return rows.stream();
  }

  @ParameterizedTest
  @MethodSource("anonymousTable")
  void anonymousAccessFollowsCannedAcls(
      OssOperation op, CannedAcl bucketAcl, CannedAcl objectAcl, String denial) {
    Ctx ctx = new Ctx(bucketAcl, objectAcl, false);
    if (denial == null) {
      assertThatCode(() -> authorizer.authorize(ANON, op, ctx)).doesNotThrowAnyException();
    } else {
      OssException e =
          catchThrowableOfType(OssException.class, () -> authorizer.authorize(ANON, op, ctx));
      assertThat(e).isNotNull();
      assertThat(e.code()).isEqualTo(OssErrorCode.ACCESS_DENIED);
      assertThat(e.getMessage()).isEqualTo(denial);
    }
  }

  /**
   * An operation the ACLs never grant still reports an absent bucket as such; PutBucket has no
   * bucket to ask.
   */
  @Test
  void anonymousDenialOfAnAbsentBucketIsNoSuchBucket() {
    AccessContext absent =
        new AccessContext() {
          @Override
          public CannedAcl bucketAcl() {
            throw OssException.of(OssErrorCode.NO_SUCH_BUCKET);
          }

          @Override
          public CannedAcl objectAcl() {
            throw OssException.of(OssErrorCode.NO_SUCH_BUCKET);
          }

          @Override
          public boolean hasResponseOverrides() {
            return false;
          }
        };
    for (OssOperation op :
        List.of(
            new BucketOperation.GetBucketAcl(B),
            new BucketOperation.GetBucketInfo(B),
            new ObjectOperation.GetObjectAcl(B, K),
            new BucketOperation.DeleteBucket(B))) {
      OssException e =
          catchThrowableOfType(OssException.class, () -> authorizer.authorize(ANON, op, absent));
      assertThat(e.code()).as(op.apiName()).isEqualTo(OssErrorCode.NO_SUCH_BUCKET);
    }
    List<OssOperation> bucketless =
        List.of(
            new BucketOperation.PutBucket(B), new ServiceOperation.ListBuckets(null, null, 100));
    for (OssOperation op : bucketless) {
      OssException e =
          catchThrowableOfType(
              OssException.class, () -> authorizer.authorize(ANON, op, UNREACHABLE));
      assertThat(e.code()).as(op.apiName()).isEqualTo(OssErrorCode.ACCESS_DENIED);
    }
  }

  /** Spec §2.5: response-* overrides are for signed requests only, even on a public object. */
  @Test
  void anonymousGetWithResponseOverridesIsDenied() {
    ResponseOverrides overrides = new ResponseOverrides("text/plain", null, null, null, null, null);
    OssOperation get = new ObjectOperation.GetObject(B, K, overrides);
    OssException e =
        catchThrowableOfType(
            OssException.class,
            () -> authorizer.authorize(ANON, get, new Ctx(PUBLIC_READ_WRITE, DEFAULT, true)));
    assertThat(e.code()).isEqualTo(OssErrorCode.ACCESS_DENIED);
    OssOperation plain = new ObjectOperation.GetObject(B, K, ResponseOverrides.NONE);
    assertThat(
            catchThrowableOfType(
                OssException.class,
                () -> authorizer.authorize(ANON, plain, new Ctx(PUBLIC_READ, DEFAULT, true))))
        .isNotNull();
  }
}
