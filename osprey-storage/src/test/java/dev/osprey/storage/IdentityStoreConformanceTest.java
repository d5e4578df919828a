package dev.osprey.storage;

import static dev.osprey.storage.TestRecords.bucket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import java.nio.file.Path;
import java.time.Instant;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract of {@link MetadataStore}'s bucket-policy and RAM-identity methods, which every
 * backend must meet (a sibling of {@link MetadataStoreConformanceTest}).
 */
public abstract class IdentityStoreConformanceTest {
  private static final Instant T = Instant.parse("2025-01-02T03:04:05.678Z");

  @TempDir protected Path dir;
  protected MetadataStore store;

  protected abstract MetadataStore open(Path dir);

  @BeforeEach
  void openStore() {
    store = open(dir);
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  private void reopen() {
    store.close();
    store = open(dir);
  }

  private static void assertOssError(ThrowingCallable call, OssErrorCode code) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(OssException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  @Test
  void bucketPolicyIsStoredReplacedAndDeleted() {
    store.createBucket(bucket("b1"));
    assertThat(store.getBucketPolicy("b1")).isEmpty();
    store.putBucketPolicy("b1", "{\"v\":1}");
    store.putBucketPolicy("b1", "{\"v\":2}");
    reopen();
    assertThat(store.getBucketPolicy("b1")).contains("{\"v\":2}");
    store.deleteBucketPolicy("b1");
    store.deleteBucketPolicy("b1");
    assertThat(store.getBucketPolicy("b1")).isEmpty();
  }

  @Test
  void bucketPolicyNeedsTheBucket() {
    assertOssError(() -> store.putBucketPolicy("nope", "{}"), OssErrorCode.NO_SUCH_BUCKET);
    assertOssError(() -> store.getBucketPolicy("nope"), OssErrorCode.NO_SUCH_BUCKET);
    assertOssError(() -> store.deleteBucketPolicy("nope"), OssErrorCode.NO_SUCH_BUCKET);
  }

  @Test
  void aRecreatedBucketDoesNotInheritThePolicy() {
    store.createBucket(bucket("b1"));
    store.putBucketPolicy("b1", "{}");
    store.deleteBucket("b1");
    BucketRecord again = bucket("b1");
    store.createBucket(
        new BucketRecord(
            "b1",
            again.created().plusSeconds(1),
            again.owner(),
            again.acl(),
            again.storageClass(),
            again.dataRedundancyType()));
    assertThat(store.getBucketPolicy("b1")).isEmpty();
  }

  @Test
  void usersAreUniqueListedByNameAndSurviveReopen() {
    assertThat(store.createUser(new UserRecord("bob", "2001", T))).isTrue();
    assertThat(store.createUser(new UserRecord("alice", "2002", T))).isTrue();
    assertThat(store.createUser(new UserRecord("bob", "2003", T))).isFalse();
    reopen();
    assertThat(store.getUser("bob")).contains(new UserRecord("bob", "2001", T));
    assertThat(store.listUsers()).extracting(UserRecord::name).containsExactly("alice", "bob");
    assertThat(store.getUser("carol")).isEmpty();
  }

  @Test
  void accessKeysBelongToExistingUsers() {
    AccessKeyRecord k = new AccessKeyRecord("LTAIbob1", "bob", "sealed", true, T);
    assertThat(store.putAccessKey(k)).isFalse();
    store.createUser(new UserRecord("bob", "2001", T));
    store.createUser(new UserRecord("bobby", "2002", T));
    assertThat(store.putAccessKey(k)).isTrue();
    assertThat(store.putAccessKey(new AccessKeyRecord("LTAIbob0", "bob", "s0", false, T))).isTrue();
    assertThat(store.putAccessKey(new AccessKeyRecord("LTAIbobby", "bobby", "s", true, T)))
        .isTrue();
    reopen();
    assertThat(store.getAccessKey("LTAIbob1")).contains(k);
    assertThat(store.listAccessKeys("bob"))
        .extracting(AccessKeyRecord::accessKeyId)
        .containsExactly("LTAIbob0", "LTAIbob1");
    assertThat(store.deleteAccessKey("LTAIbob0")).isTrue();
    assertThat(store.deleteAccessKey("LTAIbob0")).isFalse();
    assertThat(store.putAccessKey(new AccessKeyRecord("LTAIbob1", "bob", "sealed", false, T)))
        .isTrue();
    assertThat(store.getAccessKey("LTAIbob1"))
        .hasValueSatisfying(r -> assertThat(r.active()).isFalse());
  }

  @Test
  void policiesAreAttachedByNameAndNotSharedBetweenSimilarNames() {
    assertThat(store.putUserPolicy("bob", "read", "{}")).isFalse();
    store.createUser(new UserRecord("bob", "2001", T));
    store.createUser(new UserRecord("bo", "2002", T));
    assertThat(store.putUserPolicy("bob", "read", "{\"r\":1}")).isTrue();
    assertThat(store.putUserPolicy("bob", "deny", "{\"d\":1}")).isTrue();
    assertThat(store.putUserPolicy("bo", "other", "{}")).isTrue();
    reopen();
    assertThat(store.getUserPolicies("bob")).containsOnlyKeys("deny", "read");
    assertThat(store.getUserPolicies("bob").get("read")).isEqualTo("{\"r\":1}");
    assertThat(store.getUserPolicies("bo")).containsOnlyKeys("other");
    assertThat(store.deleteUserPolicy("bob", "read")).isTrue();
    assertThat(store.deleteUserPolicy("bob", "read")).isFalse();
    assertThat(store.getUserPolicies("bob")).containsOnlyKeys("deny");
  }

  @Test
  void deletingAUserDeletesItsKeysAndPolicies() {
    store.createUser(new UserRecord("bob", "2001", T));
    store.putAccessKey(new AccessKeyRecord("LTAIbob1", "bob", "s", true, T));
    store.putUserPolicy("bob", "read", "{}");
    assertThat(store.deleteUser("bob")).isTrue();
    assertThat(store.deleteUser("bob")).isFalse();
    assertThat(store.getAccessKey("LTAIbob1")).isEmpty();
    assertThat(store.getUserPolicies("bob")).isEmpty();
    store.createUser(new UserRecord("bob", "2009", T));
    assertThat(store.listAccessKeys("bob")).isEmpty();
  }
}
