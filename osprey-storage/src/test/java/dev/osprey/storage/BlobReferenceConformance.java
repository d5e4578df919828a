package dev.osprey.storage;

import static dev.osprey.storage.TestRecords.bucket;
import static dev.osprey.storage.TestRecords.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import java.time.Instant;
import java.util.Optional;

/**
 * The blob-reference part of the {@link MetadataStore} contract, run by {@link
 * MetadataStoreConformanceTest} for backends that keep the index: every mutation that names or
 * stops naming a blob updates {@link MetadataStore#isBlobReferenced} in the same write.
 */
final class BlobReferenceConformance {
  private static final String UPLOAD = "00000000000100000000000000000001";

  private final MetadataStoreConformanceTest test;

  BlobReferenceConformance(MetadataStoreConformanceTest test) {
    this.test = test;
  }

  private MetadataStore store() {
    return test.store;
  }

  static String blob(int n) {
    return String.format("%032x", n);
  }

  private boolean referenced(int n) {
    return store().isBlobReferenced(blob(n));
  }

  private void put(String key, int blob) {
    ObjectRecord o = TailStoreConformance.inBlob(object("b", key, 3), blob(blob));
    store().updateObject("b", key, cur -> Optional.of(o));
  }

  private static UploadRecord upload(String key) {
    return new UploadRecord(
        "b", key, UPLOAD, Instant.parse("2024-05-06T07:08:09Z"), TestRecords.plainAttributes());
  }

  private static PartRecord part(int number, int blob) {
    return new PartRecord(
        UPLOAD, number, 100, "ETAG", 7, Instant.parse("2024-05-06T07:08:10Z"), blob(blob));
  }

  void objectsNameTheirBlobAcrossPutOverwriteUpdateAndDelete() {
    store().createBucket(bucket("b"));
    assertThat(referenced(1)).isFalse();
    put("k", 1);
    assertThat(referenced(1)).isTrue();
    put("k", 2);
    assertThat(referenced(1)).as("replaced generation").isFalse();
    assertThat(referenced(2)).isTrue();
    store()
        .updateObject(
            "b", "k", cur -> Optional.of(cur.orElseThrow().withAttributes(richAttributes())));
    assertThat(referenced(2)).as("same generation, new attributes").isTrue();
    test.reopen();
    assertThat(referenced(2)).as("after reopen").isTrue();
    assertThat(referenced(1)).isFalse();
    store().updateObject("b", "k", cur -> Optional.empty());
    assertThat(referenced(2)).as("deleted").isFalse();
  }

  private static ObjectAttributes richAttributes() {
    return TestRecords.richAttributes();
  }

  void aBlobNamedTwiceStaysReferencedUntilBothNamesGo() {
    store().createBucket(bucket("b"));
    put("one", 1);
    put("two", 1);
    store().updateObject("b", "one", cur -> Optional.empty());
    assertThat(referenced(1)).isTrue();
    store().updateObject("b", "two", cur -> Optional.empty());
    assertThat(referenced(1)).isFalse();
  }

  void aFailingMutationChangesNoReference() {
    store().createBucket(bucket("b"));
    put("k", 1);
    try {
      store()
          .updateObject(
              "b",
              "k",
              cur -> {
                throw new OssException(OssErrorCode.FILE_ALREADY_EXISTS);
              });
    } catch (OssException expected) {
      // the mutation refused: nothing changed
    }
    assertThat(referenced(1)).isTrue();
  }

  void partsNameTheirBlobsUntilReplacedCompletedOrAborted() {
    store().createBucket(bucket("b"));
    put("k", 9);
    UploadRecord u = upload("k");
    store().createUpload(u);
    store().putPart(u, part(1, 1));
    store().putPart(u, part(2, 2));
    assertThat(referenced(1)).isTrue();
    store().putPart(u, part(1, 3));
    assertThat(referenced(1)).as("replaced part").isFalse();
    assertThat(referenced(3)).isTrue();
    ObjectRecord done = TailStoreConformance.inBlob(object("b", "k", 200), blob(4));
    store().completeUpload(u, cur -> Optional.of(done));
    assertThat(referenced(4)).as("completed object").isTrue();
    assertThat(referenced(9)).as("object replaced by the completion").isFalse();
    assertThat(referenced(2)).as("parts of a completed upload").isFalse();
    assertThat(referenced(3)).isFalse();

    UploadRecord aborted = upload("other");
    store().createUpload(aborted);
    store().putPart(aborted, part(1, 5));
    store().deleteUpload(aborted);
    assertThat(referenced(5)).as("parts of an aborted upload").isFalse();
    assertThat(referenced(4)).isTrue();
  }

  void aFailingCompletionKeepsThePartsReferenced() {
    store().createBucket(bucket("b"));
    UploadRecord u = upload("k");
    store().createUpload(u);
    store().putPart(u, part(1, 1));
    try {
      store()
          .completeUpload(
              u,
              cur -> {
                throw new OssException(OssErrorCode.FILE_ALREADY_EXISTS);
              });
    } catch (OssException expected) {
      // refused: the upload and its parts stay
    }
    assertThat(referenced(1)).isTrue();
  }

  void tailUpdatesKeepTheGenerationReferenced() {
    store().createBucket(bucket("b"));
    ObjectRecord first = TailStoreConformance.inBlob(object("b", "k", 3), blob(1));
    // A generation that starts in the tail (nothing in its blob yet) names its blob all the same.
    store()
        .updateObject(
            "b",
            "k",
            cur -> Optional.of(first),
            new TailChunk(0, TailStoreConformance.bytes("abc")));
    assertThat(referenced(1)).isTrue();
    ObjectRecord grown = TailStoreConformance.inBlob(object("b", "k", 5), blob(1));
    store()
        .updateObject(
            "b",
            "k",
            cur -> Optional.of(grown),
            new TailChunk(3, TailStoreConformance.bytes("de")));
    assertThat(store().foldTail("b", "k", blob(1), 5)).isTrue();
    assertThat(referenced(1)).as("appended and folded").isTrue();
    ObjectRecord next = TailStoreConformance.inBlob(object("b", "k", 1), blob(2));
    store()
        .updateObject(
            "b", "k", cur -> Optional.of(next), new TailChunk(0, TailStoreConformance.bytes("x")));
    assertThat(referenced(1)).as("replaced by a generation started in the tail").isFalse();
    assertThat(referenced(2)).isTrue();
  }
}
