package dev.osprey.storage;

import static dev.osprey.storage.TestRecords.bucket;
import static dev.osprey.storage.TestRecords.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osprey.protocol.CannedAcl;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every {@link MetadataStore} backend must meet. A backend's test extends this class
 * and says how to open a store over a directory; reopening the same directory must find everything
 * committed before close.
 */
public abstract class MetadataStoreConformanceTest {
  @TempDir protected Path dir;
  protected MetadataStore store;

  /** Opens the backend over {@code dir} (the same directory again on reopen). */
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

  protected void reopen() {
    store.close();
    store = null;
    store = open(dir);
  }

  /**
   * A second handle on the same records, as another node would hold: the same store for a
   * single-process backend, a second instance over the same database for a shared one.
   */
  protected MetadataStore peer() {
    return store;
  }

  protected static void assertOssError(ThrowingCallable call, OssErrorCode code) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(OssException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  private ObjectChange put(ObjectRecord o) {
    return store.updateObject(o.bucket(), o.key(), cur -> Optional.of(o));
  }

  // ---- buckets

  @Test
  void bucketsAreCreatedReadUpdatedAndRefusedTwice() {
    store.createBucket(bucket("photos"));
    assertThat(store.getBucket("photos")).contains(bucket("photos"));
    assertThat(store.getBucket("other")).isEmpty();
    assertOssError(() -> store.createBucket(bucket("photos")), OssErrorCode.BUCKET_ALREADY_EXISTS);

    store.updateBucket(bucket("photos").withAcl(CannedAcl.PUBLIC_READ));
    assertThat(store.getBucket("photos").orElseThrow().acl()).isEqualTo(CannedAcl.PUBLIC_READ);
    assertOssError(() -> store.updateBucket(bucket("nope")), OssErrorCode.NO_SUCH_BUCKET);
  }

  @Test
  void deleteBucketRequiresItToExistAndBeEmpty() {
    assertOssError(() -> store.deleteBucket("ghost"), OssErrorCode.NO_SUCH_BUCKET);
    store.createBucket(bucket("ab"));
    store.createBucket(bucket("abc"));
    put(object("abc", "k", 1));
    // "ab" is a byte prefix of "abc": its emptiness check must not see abc's objects
    store.deleteBucket("ab");
    assertThat(store.getBucket("ab")).isEmpty();
    assertOssError(() -> store.deleteBucket("abc"), OssErrorCode.BUCKET_NOT_EMPTY);
    store.updateObject("abc", "k", cur -> Optional.empty());
    store.deleteBucket("abc");
    assertThat(store.getBucket("abc")).isEmpty();
  }

  @Test
  void listBucketsHonoursPrefixMarkerAndLimit() {
    for (String name : List.of("b-1", "a-1", "b-2", "b-3", "c-1")) {
      store.createBucket(bucket(name));
    }
    assertThat(names(store.listBuckets(null, null, 100)))
        .containsExactly("a-1", "b-1", "b-2", "b-3", "c-1");
    assertThat(names(store.listBuckets("b-", null, 2))).containsExactly("b-1", "b-2");
    assertThat(names(store.listBuckets("b-", "b-2", 10))).containsExactly("b-3");
    assertThat(names(store.listBuckets(null, "b", 10))).containsExactly("b-1", "b-2", "b-3", "c-1");
  }

  private static List<String> names(List<BucketRecord> buckets) {
    return buckets.stream().map(BucketRecord::name).toList();
  }

  // ---- objects

  @Test
  void updateObjectCreatesReplacesAndDeletes() {
    store.createBucket(bucket("b"));
    ObjectRecord first = object("b", "k", 1).withAttributes(TestRecords.richAttributes());
    ObjectChange created = put(first);
    assertThat(created.before()).isEmpty();
    assertThat(created.after()).contains(first);
    assertThat(store.getObject("b", "k")).contains(first);

    ObjectRecord second = object("b", "k", 2);
    ObjectChange replaced = put(second);
    assertThat(replaced.before()).contains(first);
    assertThat(store.getObject("b", "k")).contains(second);

    ObjectChange deleted = store.updateObject("b", "k", cur -> Optional.empty());
    assertThat(deleted.before()).contains(second);
    assertThat(deleted.after()).isEmpty();
    assertThat(store.getObject("b", "k")).isEmpty();
  }

  @Test
  void updateObjectNeedsTheBucketAndAbortsOnMutationError() {
    assertOssError(() -> put(object("ghost", "k", 1)), OssErrorCode.NO_SUCH_BUCKET);
    store.createBucket(bucket("b"));
    put(object("b", "k", 1));
    assertOssError(
        () ->
            store.updateObject(
                "b",
                "k",
                cur -> {
                  throw new OssException(OssErrorCode.FILE_ALREADY_EXISTS);
                }),
        OssErrorCode.FILE_ALREADY_EXISTS);
    assertThat(store.getObject("b", "k")).contains(object("b", "k", 1));
  }

  @Test
  void keysMayHoldAnyCharacter() {
    store.createBucket(bucket("b"));
    List<String> keys =
        List.of("a\u0000b", "line\nbreak", "/lead", "\\back", "😀 emoji", "\u00FF\u0001", "%2F+&=");
    for (String k : keys) {
      put(object("b", k, k.length()));
    }
    for (String k : keys) {
      assertThat(store.getObject("b", k).orElseThrow().key()).isEqualTo(k);
    }
    assertThat(store.listObjects("b", null, null, 100)).hasSize(keys.size());
  }

  @Test
  void listObjectsIsOrderedByUtf8BytesAndHonoursPrefixStartAfterAndLimit() {
    store.createBucket(bucket("b"));
    store.createBucket(bucket("bb"));
    for (String k : List.of("😀", "\uFFFD", "a/2", "a/1", "a", "b", "a/10")) {
      put(object("b", k, 1));
    }
    put(object("bb", "a/0", 1));
    assertThat(keys(store.listObjects("b", null, null, 100)))
        .containsExactly("a", "a/1", "a/10", "a/2", "b", "\uFFFD", "😀");
    assertThat(keys(store.listObjects("b", "a/", null, 100))).containsExactly("a/1", "a/10", "a/2");
    assertThat(keys(store.listObjects("b", "a/", "a/1", 100))).containsExactly("a/10", "a/2");
    assertThat(keys(store.listObjects("b", "a/", "a", 2))).containsExactly("a/1", "a/10");
    assertThat(keys(store.listObjects("b", null, "b", 100))).containsExactly("\uFFFD", "😀");
    assertThat(keys(store.listObjects("b", "a/", "zzz", 100))).isEmpty();
    assertThat(keys(store.listObjects("b", "", "", 100))).hasSize(7);
    assertThat(keys(store.listObjectsFrom("b", "a/", "a/10", 100))).containsExactly("a/10", "a/2");
    assertThat(keys(store.listObjectsFrom("b", null, "a0", 100)))
        .containsExactly("b", "\uFFFD", "😀");
    assertThat(keys(store.listObjects("ghost", null, null, 100))).isEmpty();
  }

  private static List<String> keys(List<ObjectRecord> objects) {
    return objects.stream().map(ObjectRecord::key).toList();
  }

  @Test
  void everythingSurvivesReopen() {
    store.createBucket(bucket("b"));
    ObjectRecord o = object("b", "k", 7).withAttributes(TestRecords.richAttributes());
    put(o);
    reopen();
    assertThat(store.getBucket("b")).contains(bucket("b"));
    assertThat(store.getObject("b", "k")).contains(o);
  }

  @Test
  void updatesOnOneKeyAreSerialized() throws Exception {
    store.createBucket(bucket("b"));
    put(object("b", "counter", 0));
    int threads = 8;
    int perThread = 100;
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < perThread; i++) {
                    store.updateObject(
                        "b",
                        "counter",
                        cur -> Optional.of(object("b", "counter", cur.orElseThrow().size() + 1)));
                  }
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    }
    assertThat(store.getObject("b", "counter").orElseThrow().size()).isEqualTo(threads * perThread);
  }

  @Test
  void noObjectIsEverCreatedInADeletedBucket() throws Exception {
    try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
      for (int round = 0; round < 50; round++) {
        String name = "race-" + round;
        store.createBucket(bucket(name));
        Future<Boolean> writer =
            pool.submit(
                () -> {
                  try {
                    put(object(name, "k", 1));
                    return true;
                  } catch (OssException e) {
                    assertThat(e.code()).isEqualTo(OssErrorCode.NO_SUCH_BUCKET);
                    return false;
                  }
                });
        boolean deleted;
        try {
          store.deleteBucket(name);
          deleted = true;
        } catch (OssException e) {
          assertThat(e.code()).isEqualTo(OssErrorCode.BUCKET_NOT_EMPTY);
          deleted = false;
        }
        boolean written = writer.get();
        if (deleted) {
          assertThat(store.listObjects(name, null, null, 10)).as("round %d", round).isEmpty();
          assertThat(store.getBucket(name)).isEmpty();
        } else {
          assertThat(written).isTrue();
        }
      }
    }
  }

  // ---- multipart uploads

  private static final String ID_1 = "00000000000100000000000000000001";
  private static final String ID_2 = "00000000000200000000000000000002";
  private static final String ID_3 = "00000000000300000000000000000003";

  private static UploadRecord upload(String bucket, String key, String uploadId) {
    return new UploadRecord(
        bucket,
        key,
        uploadId,
        java.time.Instant.parse("2024-05-06T07:08:09.123Z"),
        TestRecords.richAttributes());
  }

  private static PartRecord part(String uploadId, int number, long size) {
    return new PartRecord(
        uploadId,
        number,
        size,
        "0123456789ABCDEF0123456789ABCDE" + (number % 10),
        0xFEDC_BA98_7654_3210L + number,
        java.time.Instant.parse("2024-05-06T07:08:10.456Z"),
        "0123456789abcdef0123456789abcd" + String.format("%02x", number % 256));
  }

  @Test
  void uploadsAndPartsAreStoredReadAndSurviveReopen() {
    store.createBucket(bucket("mp"));
    UploadRecord u = upload("mp", "dir/video.mp4", ID_1);
    store.createUpload(u);
    assertThat(store.getUpload("mp", "dir/video.mp4", ID_1)).contains(u);
    assertThat(store.getUpload("mp", "dir/other.mp4", ID_1)).as("another key").isEmpty();
    assertThat(store.getUpload("mp", "dir/video.mp4", ID_2)).isEmpty();

    assertThat(store.putPart(u, part(ID_1, 2, 200))).isEmpty();
    assertThat(store.putPart(u, part(ID_1, 1, 100))).isEmpty();
    assertThat(store.putPart(u, part(ID_1, 10_000, 5))).isEmpty();
    assertThat(store.putPart(u, part(ID_1, 2, 222))).as("replaced").contains(part(ID_1, 2, 200));
    reopen();
    assertThat(store.getUpload("mp", "dir/video.mp4", ID_1)).contains(u);
    assertThat(store.listParts(u, 0, 10))
        .containsExactly(part(ID_1, 1, 100), part(ID_1, 2, 222), part(ID_1, 10_000, 5));
    assertThat(store.listParts(u, 1, 1)).containsExactly(part(ID_1, 2, 222));
    assertThat(store.listParts(u, 2, 10)).containsExactly(part(ID_1, 10_000, 5));
    assertThat(store.listParts(u, 10_000, 10)).isEmpty();
  }

  @Test
  void uploadsNeedTheirBucketAndPartsTheirUpload() {
    assertOssError(
        () -> store.createUpload(upload("ghost", "k", ID_1)), OssErrorCode.NO_SUCH_BUCKET);
    store.createBucket(bucket("mp"));
    UploadRecord u = upload("mp", "k", ID_1);
    assertOssError(() -> store.putPart(u, part(ID_1, 1, 1)), OssErrorCode.NO_SUCH_UPLOAD);
    assertOssError(() -> store.deleteUpload(u), OssErrorCode.NO_SUCH_UPLOAD);
    assertOssError(
        () -> store.completeUpload(u, cur -> Optional.of(object("mp", "k", 1))),
        OssErrorCode.NO_SUCH_UPLOAD);
    assertThat(store.getObject("mp", "k")).isEmpty();
  }

  @Test
  void uploadsListInKeyThenIdOrderWithMarkersAndPrefix() {
    store.createBucket(bucket("mp"));
    store.createBucket(bucket("mp2"));
    store.createUpload(upload("mp", "a", ID_2));
    store.createUpload(upload("mp", "a", ID_1));
    store.createUpload(upload("mp", "a/b", ID_3));
    store.createUpload(upload("mp", "a0", ID_1));
    store.createUpload(upload("mp", "b", ID_1));
    store.createUpload(upload("mp2", "a", ID_1));

    assertThat(keysAndIds(store.listUploads("mp", null, null, null, 100)))
        .containsExactly("a " + ID_1, "a " + ID_2, "a/b " + ID_3, "a0 " + ID_1, "b " + ID_1);
    assertThat(keysAndIds(store.listUploads("mp", "a", null, null, 2)))
        .containsExactly("a " + ID_1, "a " + ID_2);
    assertThat(keysAndIds(store.listUploads("mp", null, "a", ID_1, 100)))
        .containsExactly("a " + ID_2, "a/b " + ID_3, "a0 " + ID_1, "b " + ID_1);
    assertThat(keysAndIds(store.listUploads("mp", null, "a", null, 100)))
        .as("a key marker alone skips that key's uploads")
        .containsExactly("a/b " + ID_3, "a0 " + ID_1, "b " + ID_1);
    assertThat(keysAndIds(store.listUploads("mp", "a/", "a", null, 100)))
        .containsExactly("a/b " + ID_3);
    assertThat(keysAndIds(store.listUploads("mp", null, "b", ID_1, 100))).isEmpty();
  }

  private static List<String> keysAndIds(List<UploadRecord> uploads) {
    return uploads.stream().map(u -> u.key() + " " + u.uploadId()).toList();
  }

  @Test
  void completingCreatesTheObjectAndRemovesUploadAndPartsAtomically() {
    store.createBucket(bucket("mp"));
    UploadRecord u = upload("mp", "k", ID_1);
    UploadRecord other = upload("mp", "k", ID_2);
    store.createUpload(u);
    store.createUpload(other);
    store.putPart(u, part(ID_1, 1, 100));
    store.putPart(u, part(ID_1, 3, 300));
    store.putPart(other, part(ID_2, 1, 7));
    put(object("mp", "k", 9));

    ObjectRecord result = object("mp", "k", 400);
    UploadCompletion done = store.completeUpload(u, cur -> Optional.of(result));
    assertThat(done.change().before()).contains(object("mp", "k", 9));
    assertThat(done.change().after()).contains(result);
    assertThat(done.removedParts()).containsExactly(part(ID_1, 1, 100), part(ID_1, 3, 300));
    reopen();
    assertThat(store.getObject("mp", "k")).contains(result);
    assertThat(store.getUpload("mp", "k", ID_1)).isEmpty();
    assertThat(store.listParts(u, 0, 10)).isEmpty();
    assertThat(store.listParts(other, 0, 10)).as("other uploads untouched").hasSize(1);
    assertOssError(() -> store.putPart(u, part(ID_1, 2, 1)), OssErrorCode.NO_SUCH_UPLOAD);
  }

  @Test
  void aFailingCompletionMutationChangesNothing() {
    store.createBucket(bucket("mp"));
    UploadRecord u = upload("mp", "k", ID_1);
    store.createUpload(u);
    store.putPart(u, part(ID_1, 1, 100));
    assertOssError(
        () ->
            store.completeUpload(
                u,
                cur -> {
                  throw new OssException(OssErrorCode.FILE_ALREADY_EXISTS);
                }),
        OssErrorCode.FILE_ALREADY_EXISTS);
    assertThat(store.getUpload("mp", "k", ID_1)).contains(u);
    assertThat(store.listParts(u, 0, 10)).hasSize(1);
    assertThat(store.getObject("mp", "k")).isEmpty();
  }

  @Test
  void deletingAnUploadRemovesItsParts() {
    store.createBucket(bucket("mp"));
    UploadRecord u = upload("mp", "k", ID_1);
    store.createUpload(u);
    store.putPart(u, part(ID_1, 5, 1));
    assertThat(store.deleteUpload(u)).containsExactly(part(ID_1, 5, 1));
    assertThat(store.getUpload("mp", "k", ID_1)).isEmpty();
    assertThat(store.listParts(u, 0, 10)).isEmpty();
    assertThat(store.listUploads("mp", null, null, null, 10)).isEmpty();
  }

  @Test
  void aBucketWithAnUploadInProgressIsNotEmpty() {
    store.createBucket(bucket("mp"));
    UploadRecord u = upload("mp", "k", ID_1);
    store.createUpload(u);
    assertOssError(() -> store.deleteBucket("mp"), OssErrorCode.BUCKET_NOT_EMPTY);
    store.deleteUpload(u);
    store.deleteBucket("mp");
    assertThat(store.getBucket("mp")).isEmpty();
  }

  @Test
  void deleteBucketAndCreateUploadNeverInterleave() throws Exception {
    try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
      for (int round = 0; round < 50; round++) {
        String name = "race-up-" + round;
        store.createBucket(bucket(name));
        UploadRecord u = upload(name, "k", ID_1);
        Future<Boolean> creator =
            pool.submit(
                () -> {
                  try {
                    store.createUpload(u);
                    return true;
                  } catch (OssException e) {
                    assertThat(e.code()).isEqualTo(OssErrorCode.NO_SUCH_BUCKET);
                    return false;
                  }
                });
        boolean deleted;
        try {
          store.deleteBucket(name);
          deleted = true;
        } catch (OssException e) {
          assertThat(e.code()).isEqualTo(OssErrorCode.BUCKET_NOT_EMPTY);
          deleted = false;
        }
        boolean created = creator.get();
        if (deleted) {
          assertThat(store.listUploads(name, null, null, null, 10)).as("round %d", round).isEmpty();
        } else {
          assertThat(created).isTrue();
        }
      }
    }
  }

  // ---- tails (every backend keeps them)

  private TailStoreConformance tails() {
    return new TailStoreConformance(this);
  }

  @Test
  void tailChunksCommitWithTheRecordAndFoldInOrder() {
    tails().chunksCommitWithTheRecordAndFoldInOrder();
  }

  @Test
  void aNewGenerationOrADeleteLeavesNoTailBehind() {
    tails().aNewGenerationLeavesNoTailBehind();
  }

  @Test
  void updatesWithoutAChunkKeepTheTail() {
    tails().updatesWithoutAChunkKeepTheTail();
  }

  @Test
  void tailChunksThatDoNotExtendTheObjectAreRefused() {
    tails().chunksThatDoNotExtendTheObjectAreRefused();
  }

  @Test
  void aGenerationMayStartInTheTail() {
    tails().aGenerationMayStartInTheTail();
  }

  @Test
  void tailsSurviveReopenAndAreFoundPerObject() {
    tails().tailsSurviveReopenAndAreFoundPerObject();
  }

  // ---- blob references (every backend keeps them)

  private BlobReferenceConformance blobRefs() {
    return new BlobReferenceConformance(this);
  }

  @Test
  void objectsNameTheirBlobAcrossPutOverwriteUpdateAndDelete() {
    blobRefs().objectsNameTheirBlobAcrossPutOverwriteUpdateAndDelete();
  }

  @Test
  void aBlobNamedTwiceStaysReferencedUntilBothNamesGo() {
    blobRefs().aBlobNamedTwiceStaysReferencedUntilBothNamesGo();
  }

  @Test
  void aFailingMutationChangesNoBlobReference() {
    blobRefs().aFailingMutationChangesNoReference();
  }

  @Test
  void partsNameTheirBlobsUntilReplacedCompletedOrAborted() {
    blobRefs().partsNameTheirBlobsUntilReplacedCompletedOrAborted();
  }

  @Test
  void aFailingCompletionKeepsThePartsReferenced() {
    blobRefs().aFailingCompletionKeepsThePartsReferenced();
  }

  @Test
  void tailUpdatesKeepTheGenerationReferenced() {
    tails();
    blobRefs().tailUpdatesKeepTheGenerationReferenced();
  }

  // ---- racing appends: exactly one winner per position, across handles

  @Test
  void racingAppendsHaveExactlyOneWinnerPerPosition() throws Exception {
    store.createBucket(bucket("b"));
    store.updateObject("b", "log", cur -> Optional.of(object("b", "log", 0)));
    MetadataStore[] handles = {store, peer()};
    int threads = 6;
    int total = 300;
    java.util.concurrent.ConcurrentHashMap<Long, Byte> winners =
        new java.util.concurrent.ConcurrentHashMap<>();
    java.util.concurrent.atomic.AtomicInteger refused =
        new java.util.concurrent.atomic.AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        byte id = (byte) ('a' + t);
        MetadataStore h = handles[t % handles.length];
        done.add(
            pool.submit(
                () -> {
                  while (true) {
                    long position = h.getObject("b", "log").orElseThrow().size();
                    if (position >= total) {
                      return null;
                    }
                    try {
                      h.updateObject(
                          "b",
                          "log",
                          cur -> {
                            if (cur.orElseThrow().size() != position) {
                              throw new OssException(OssErrorCode.POSITION_NOT_EQUAL_TO_LENGTH);
                            }
                            return Optional.of(object("b", "log", position + 1));
                          },
                          new TailChunk(position, new byte[] {id}));
                      assertThat(winners.putIfAbsent(position, id))
                          .as("second winner at %d", position)
                          .isNull();
                    } catch (OssException e) {
                      assertThat(e.code()).isEqualTo(OssErrorCode.POSITION_NOT_EQUAL_TO_LENGTH);
                      refused.incrementAndGet();
                    }
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    ObjectState state = store.getObjectWithTail("b", "log").orElseThrow();
    assertThat(state.object().size()).isEqualTo(total);
    assertThat(state.foldedLength()).isZero();
    byte[] all = new byte[total];
    int at = 0;
    for (TailChunk c : state.tail()) {
      assertThat(c.offset()).isEqualTo(at);
      System.arraycopy(c.bytes(), 0, all, at, c.bytes().length);
      at += c.bytes().length;
    }
    assertThat(at).isEqualTo(total);
    assertThat(winners).hasSize(total);
    for (int i = 0; i < total; i++) {
      assertThat(all[i]).as("byte at %d", i).isEqualTo(winners.get((long) i));
    }
  }

  // ---- versions

  private VersioningConformance versions() {
    return new VersioningConformance(this);
  }

  @Test
  void overwritesInAVersionedBucketKeepPreviousVersionsNewestFirst() {
    versions().overwritesKeepPreviousVersionsNewestFirst();
  }

  @Test
  void versionedDeletesAddMarkersAndVersionDeletesPromote() {
    versions().deleteAddsAMarkerAndVersionDeletesPromote();
  }

  @Test
  void suspendedWritesReplaceTheNullVersion() {
    versions().suspendedWritesReplaceTheNullVersion();
  }

  @Test
  void inPlaceUpdatesKeepTheVersionAndAppendablesHaveTheNullId() {
    versions().inPlaceUpdatesKeepTheVersionAndAppendablesHaveTheNullId();
  }

  @Test
  void versionPagesResumeAfterAVersionAndSurviveReopen() {
    versions().pagesResumeAfterAVersionAndSurviveReopen();
  }
}
