package dev.osprey.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osprey.protocol.OssErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ListObjects (spec §3.5, §3.6): prefixes, delimiters, markers and pages. */
class ListObjectsTest extends ServiceTestBase {
  private static final List<String> KEYS =
      List.of(
          "a.txt",
          "docs/",
          "docs/guide.md",
          "docs/img/1.png",
          "docs/img/2.png",
          "docs/readme",
          "music/a.mp3",
          "music/b.mp3",
          "photos/2024/x.jpg",
          "photos/2025/y.jpg",
          "z.txt",
          "\uFFFD",
          "😀/inside");

  @BeforeEach
  void fill() {
    for (String k : KEYS) {
      put(k, k);
    }
  }

  private ObjectListing list(String prefix, String delimiter, String startAfter, int maxKeys) {
    return service.listObjects(
        new ListObjectsCommand(BUCKET, prefix, delimiter, startAfter, maxKeys));
  }

  private static List<String> keys(ObjectListing l) {
    return l.objects().stream().map(ObjectRecord::key).toList();
  }

  @Test
  void withoutDelimiterListsEveryKeyInUtf8Order() {
    ObjectListing l = list(null, null, null, 1000);
    assertThat(keys(l)).containsExactlyElementsOf(KEYS);
    assertThat(l.commonPrefixes()).isEmpty();
    assertThat(l.truncated()).isFalse();
    assertThat(l.nextMarker()).isNull();
  }

  @Test
  void delimiterRollsKeysUpIntoCommonPrefixes() {
    ObjectListing l = list(null, "/", null, 1000);
    assertThat(keys(l)).containsExactly("a.txt", "z.txt", "\uFFFD");
    assertThat(l.commonPrefixes()).containsExactly("docs/", "music/", "photos/", "😀/");

    ObjectListing docs = list("docs/", "/", null, 1000);
    assertThat(keys(docs)).containsExactly("docs/", "docs/guide.md", "docs/readme");
    assertThat(docs.commonPrefixes()).containsExactly("docs/img/");
  }

  @Test
  void pagesCountObjectsAndPrefixesAndResumeAfterTheMarker() {
    List<String> entries = new ArrayList<>();
    String marker = null;
    int pages = 0;
    while (true) {
      ObjectListing page = list(null, "/", marker, 2);
      pages++;
      assertThat(page.objects().size() + page.commonPrefixes().size()).isLessThanOrEqualTo(2);
      entries.addAll(keys(page));
      entries.addAll(page.commonPrefixes());
      if (!page.truncated()) {
        assertThat(page.nextMarker()).isNull();
        break;
      }
      marker = page.nextMarker();
    }
    assertThat(entries)
        .containsExactlyInAnyOrder("a.txt", "docs/", "music/", "photos/", "z.txt", "\uFFFD", "😀/");
    assertThat(pages).isEqualTo(4);
  }

  @Test
  void aPageEndingOnACommonPrefixUsesItAsNextMarker() {
    ObjectListing first = list(null, "/", null, 2);
    assertThat(keys(first)).containsExactly("a.txt");
    assertThat(first.commonPrefixes()).containsExactly("docs/");
    assertThat(first.truncated()).isTrue();
    assertThat(first.nextMarker()).isEqualTo("docs/");
    ObjectListing second = list(null, "/", "docs/", 2);
    assertThat(second.commonPrefixes()).containsExactly("music/", "photos/");
    assertThat(second.nextMarker()).isEqualTo("photos/");
  }

  @Test
  void exactlyFullLastPageIsNotTruncated() {
    ObjectListing l = list("music/", null, null, 2);
    assertThat(keys(l)).containsExactly("music/a.mp3", "music/b.mp3");
    assertThat(l.truncated()).isFalse();
  }

  @Test
  void startAfterInsideACommonPrefixSkipsThatPrefix() {
    ObjectListing l = list(null, "/", "docs/img/1.png", 1000);
    assertThat(l.commonPrefixes()).containsExactly("music/", "photos/", "😀/");
    assertThat(keys(l)).containsExactly("z.txt", "\uFFFD");
  }

  @Test
  void multiCharacterDelimiterAndPrefixWork() {
    ObjectListing l = list("photos/", "/x", null, 1000);
    assertThat(keys(l)).containsExactly("photos/2025/y.jpg");
    assertThat(l.commonPrefixes()).containsExactly("photos/2024/x");
  }

  @Test
  void listingAnAbsentBucketIsNoSuchBucket() {
    assertOssError(
        () -> service.listObjects(new ListObjectsCommand("ghost", null, null, null, 10)),
        OssErrorCode.NO_SUCH_BUCKET);
  }

  @Test
  void aLargeFolderCostsOneStepPerCommonPrefix() {
    for (int i = 0; i < 300; i++) {
      put("big/" + i, "");
    }
    CountingStore counting = new CountingStore();
    ObjectListing l =
        new ObjectLister(counting).list(new ListObjectsCommand(BUCKET, null, "/", null, 1000));
    assertThat(l.commonPrefixes()).contains("big/");
    // 8 entries, each costing at most one small batch: far fewer records than the 300 under big/
    assertThat(l.commonPrefixes().size() + l.objects().size()).isEqualTo(8);
    assertThat(counting.returned).isLessThanOrEqualTo(8 * 8);
  }

  /** The real store, counting how many records listing pulls out of it. */
  private final class CountingStore implements MetadataStore {
    int returned;
    private final MetadataStore real = metadata;

    @Override
    public void createBucket(BucketRecord bucket) {
      real.createBucket(bucket);
    }

    @Override
    public Optional<BucketRecord> getBucket(String name) {
      return real.getBucket(name);
    }

    @Override
    public void updateBucket(BucketRecord bucket) {
      real.updateBucket(bucket);
    }

    @Override
    public void deleteBucket(String name) {
      real.deleteBucket(name);
    }

    @Override
    public void createUpload(UploadRecord upload) {
      real.createUpload(upload);
    }

    @Override
    public Optional<UploadRecord> getUpload(String bucket, String key, String uploadId) {
      return real.getUpload(bucket, key, uploadId);
    }

    @Override
    public Optional<PartRecord> putPart(UploadRecord upload, PartRecord part) {
      return real.putPart(upload, part);
    }

    @Override
    public List<PartRecord> listParts(UploadRecord upload, int afterPartNumber, int limit) {
      return real.listParts(upload, afterPartNumber, limit);
    }

    @Override
    public List<UploadRecord> listUploads(
        String bucket, String prefix, String keyMarker, String uploadIdMarker, int limit) {
      return real.listUploads(bucket, prefix, keyMarker, uploadIdMarker, limit);
    }

    @Override
    public UploadCompletion completeUpload(UploadRecord upload, ObjectMutation mutation) {
      return real.completeUpload(upload, mutation);
    }

    @Override
    public List<PartRecord> deleteUpload(UploadRecord upload) {
      return real.deleteUpload(upload);
    }

    @Override
    public List<BucketRecord> listBuckets(String prefix, String marker, int limit) {
      return real.listBuckets(prefix, marker, limit);
    }

    @Override
    public Optional<ObjectRecord> getObject(String bucket, String key) {
      return real.getObject(bucket, key);
    }

    @Override
    public Optional<ObjectRecord> getObjectVersion(String bucket, String key, String versionId) {
      return real.getObjectVersion(bucket, key, versionId);
    }

    @Override
    public Optional<ObjectState> getObjectVersionWithTail(
        String bucket, String key, String versionId) {
      return real.getObjectVersionWithTail(bucket, key, versionId);
    }

    @Override
    public Optional<ObjectRecord> latestDeleteMarker(String bucket, String key) {
      return real.latestDeleteMarker(bucket, key);
    }

    @Override
    public ObjectChange updateObjectVersion(
        String bucket, String key, String versionId, ObjectMutation mutation) {
      return real.updateObjectVersion(bucket, key, versionId, mutation);
    }

    @Override
    public ObjectChange deleteObjectVersion(String bucket, String key, String versionId) {
      return real.deleteObjectVersion(bucket, key, versionId);
    }

    @Override
    public List<VersionEntry> listVersions(
        String bucket, String prefix, VersionCursor from, int limit) {
      List<VersionEntry> r = real.listVersions(bucket, prefix, from, limit);
      returned += r.size();
      return r;
    }

    @Override
    public ObjectChange updateObject(String bucket, String key, ObjectMutation mutation) {
      return real.updateObject(bucket, key, mutation);
    }

    @Override
    public List<ObjectRecord> listObjects(
        String bucket, String prefix, String startAfter, int limit) {
      List<ObjectRecord> r = real.listObjects(bucket, prefix, startAfter, limit);
      returned += r.size();
      return r;
    }

    @Override
    public List<ObjectRecord> listObjectsFrom(
        String bucket, String prefix, String startAt, int limit) {
      List<ObjectRecord> r = real.listObjectsFrom(bucket, prefix, startAt, limit);
      returned += r.size();
      return r;
    }

    @Override
    public ObjectChange updateObject(
        String bucket, String key, ObjectMutation mutation, TailChunk tail) {
      return real.updateObject(bucket, key, mutation, tail);
    }

    @Override
    public java.util.concurrent.CompletableFuture<ObjectChange> updateObjectAsync(
        String bucket, String key, ObjectMutation mutation, TailChunk tail) {
      return real.updateObjectAsync(bucket, key, mutation, tail);
    }

    @Override
    public Optional<ObjectState> getObjectWithTail(String bucket, String key) {
      return real.getObjectWithTail(bucket, key);
    }

    @Override
    public java.util.OptionalLong tailStart(String bucket, String key, String blobId) {
      return real.tailStart(bucket, key, blobId);
    }

    @Override
    public boolean foldTail(String bucket, String key, String blobId, long foldedUpTo) {
      return real.foldTail(bucket, key, blobId, foldedUpTo);
    }

    @Override
    public List<ObjectRef> objectsWithTail() {
      return real.objectsWithTail();
    }

    @Override
    public BlobLock lockBlob(String bucket, String key) {
      return real.lockBlob(bucket, key);
    }

    @Override
    public java.util.Optional<BlobLock> tryLease(String work) {
      return real.tryLease(work);
    }

    @Override
    public boolean isBlobReferenced(String blobId) {
      return real.isBlobReferenced(blobId);
    }

    @Override
    public void putBucketPolicy(String bucket, String policy) {
      real.putBucketPolicy(bucket, policy);
    }

    @Override
    public Optional<String> getBucketPolicy(String bucket) {
      return real.getBucketPolicy(bucket);
    }

    @Override
    public void deleteBucketPolicy(String bucket) {
      real.deleteBucketPolicy(bucket);
    }

    @Override
    public boolean createUser(UserRecord user) {
      return real.createUser(user);
    }

    @Override
    public Optional<UserRecord> getUser(String name) {
      return real.getUser(name);
    }

    @Override
    public List<UserRecord> listUsers() {
      return real.listUsers();
    }

    @Override
    public boolean deleteUser(String name) {
      return real.deleteUser(name);
    }

    @Override
    public boolean putAccessKey(AccessKeyRecord key) {
      return real.putAccessKey(key);
    }

    @Override
    public Optional<AccessKeyRecord> getAccessKey(String accessKeyId) {
      return real.getAccessKey(accessKeyId);
    }

    @Override
    public List<AccessKeyRecord> listAccessKeys(String userName) {
      return real.listAccessKeys(userName);
    }

    @Override
    public boolean deleteAccessKey(String accessKeyId) {
      return real.deleteAccessKey(accessKeyId);
    }

    @Override
    public boolean putUserPolicy(String userName, String policyName, String document) {
      return real.putUserPolicy(userName, policyName, document);
    }

    @Override
    public java.util.SortedMap<String, String> getUserPolicies(String userName) {
      return real.getUserPolicies(userName);
    }

    @Override
    public boolean deleteUserPolicy(String userName, String policyName) {
      return real.deleteUserPolicy(userName, policyName);
    }

    @Override
    public void close() {}
  }
}
