package dev.osprey.storage;

import static dev.osprey.storage.TestRecords.bucket;
import static dev.osprey.storage.TestRecords.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The tail part of the {@link MetadataStore} contract, run by {@link MetadataStoreConformanceTest}
 * for backends that keep tails: chunks commit with the record, fold, and follow the generation.
 */
final class TailStoreConformance {
  static final String OTHER_BLOB = "ffffffffffffffffffffffffffffffff";

  private final MetadataStoreConformanceTest test;

  TailStoreConformance(MetadataStoreConformanceTest test) {
    this.test = test;
  }

  private MetadataStore store() {
    return test.store;
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static ObjectRecord inBlob(ObjectRecord o, String blobId) {
    return new ObjectRecord(
        o.bucket(),
        o.key(),
        o.type(),
        o.size(),
        o.crc64(),
        o.etag(),
        o.contentMd5(),
        o.lastModified(),
        o.attributes(),
        blobId,
        o.sealedTime());
  }

  /** Appends {@code s} to the object's tail: the record grows by its length in the same write. */
  ObjectChange appendTail(String key, String s) {
    long size = store().getObject("b", key).orElseThrow().size();
    byte[] b = bytes(s);
    return store()
        .updateObject(
            "b",
            key,
            cur -> Optional.of(object("b", key, size + b.length)),
            new TailChunk(size, b));
  }

  String tailText(ObjectState state) {
    StringBuilder sb = new StringBuilder();
    for (TailChunk c : state.tail()) {
      sb.append(new String(c.bytes(), StandardCharsets.UTF_8));
    }
    return sb.toString();
  }

  ObjectState state(String key) {
    return store().getObjectWithTail("b", key).orElseThrow();
  }

  void chunksCommitWithTheRecordAndFoldInOrder() {
    store().createBucket(bucket("b"));
    store().updateObject("b", "k", cur -> Optional.of(object("b", "k", 4)));
    ObjectState plain = state("k");
    assertThat(plain.foldedLength()).isEqualTo(4);
    assertThat(plain.tail()).isEmpty();
    assertThat(store().tailStart("b", "k", plain.object().blobId())).isEmpty();

    appendTail("k", "ab");
    appendTail("k", "cde");
    appendTail("k", "f");
    ObjectState s = state("k");
    assertThat(s.object().size()).isEqualTo(10);
    assertThat(s.foldedLength()).isEqualTo(4);
    assertThat(s.tail()).extracting(TailChunk::offset).containsExactly(4L, 6L, 9L);
    assertThat(tailText(s)).isEqualTo("abcdef");
    String blob = s.object().blobId();
    assertThat(store().tailStart("b", "k", blob)).isEqualTo(OptionalLong.of(4));
    assertThat(store().objectsWithTail()).containsExactly(new ObjectRef("b", "k"));

    assertThat(store().foldTail("b", "k", blob, 7)).as("not a chunk boundary").isFalse();
    assertThat(store().foldTail("b", "k", OTHER_BLOB, 6)).as("another generation").isFalse();
    assertThat(store().foldTail("b", "k", blob, 11)).as("past the size").isFalse();
    assertThat(store().foldTail("b", "k", blob, 4)).as("nothing to fold").isFalse();
    assertThat(state("k").tail()).hasSize(3);

    assertThat(store().foldTail("b", "k", blob, 9)).isTrue();
    ObjectState partly = state("k");
    assertThat(partly.foldedLength()).isEqualTo(9);
    assertThat(tailText(partly)).isEqualTo("f");
    assertThat(store().foldTail("b", "k", blob, 6)).as("folded already").isFalse();
    appendTail("k", "gh");
    assertThat(tailText(state("k"))).isEqualTo("fgh");

    assertThat(store().foldTail("b", "k", blob, 12)).isTrue();
    ObjectState done = state("k");
    assertThat(done.foldedLength()).isEqualTo(12);
    assertThat(done.tail()).isEmpty();
    assertThat(store().tailStart("b", "k", blob)).isEmpty();
    assertThat(store().objectsWithTail()).isEmpty();
  }

  void aNewGenerationLeavesNoTailBehind() {
    store().createBucket(bucket("b"));
    for (String key : List.of("overwritten", "deleted", "kept")) {
      store().updateObject("b", key, cur -> Optional.of(object("b", key, 1)));
      appendTail(key, "xy");
    }
    String oldBlob = state("overwritten").object().blobId();
    ObjectRecord replacement = inBlob(object("b", "overwritten", 5), OTHER_BLOB);
    store().updateObject("b", "overwritten", cur -> Optional.of(replacement));
    store().updateObject("b", "deleted", cur -> Optional.empty());

    ObjectState replaced = state("overwritten");
    assertThat(replaced.foldedLength()).isEqualTo(5);
    assertThat(replaced.tail()).isEmpty();
    assertThat(store().tailStart("b", "overwritten", oldBlob)).isEmpty();
    assertThat(store().tailStart("b", "deleted", oldBlob)).isEmpty();
    assertThat(store().foldTail("b", "overwritten", oldBlob, 3)).isFalse();
    assertThat(store().objectsWithTail()).containsExactly(new ObjectRef("b", "kept"));

    // the deleted key starts again: a fresh generation has no tail of the old one
    store().updateObject("b", "deleted", cur -> Optional.of(object("b", "deleted", 1)));
    assertThat(state("deleted").tail()).isEmpty();
    assertThat(state("deleted").foldedLength()).isEqualTo(1);
  }

  void updatesWithoutAChunkKeepTheTail() {
    store().createBucket(bucket("b"));
    store().updateObject("b", "k", cur -> Optional.of(object("b", "k", 2)));
    appendTail("k", "tail");
    store()
        .updateObject(
            "b",
            "k",
            cur ->
                Optional.of(
                    cur.orElseThrow()
                        .withAttributes(cur.get().attributes().withTags(Map.of("t", "1")))));
    ObjectState s = state("k");
    assertThat(s.object().attributes().tags()).containsEntry("t", "1");
    assertThat(s.foldedLength()).isEqualTo(2);
    assertThat(tailText(s)).isEqualTo("tail");
    // bytes may not bypass a pending tail: the size changes only through chunks then
    assertThatThrownBy(
            () -> store().updateObject("b", "k", cur -> Optional.of(object("b", "k", 9))))
        .isInstanceOf(IllegalStateException.class);
    assertThat(state("k").object().size()).isEqualTo(6);
  }

  void chunksThatDoNotExtendTheObjectAreRefused() {
    store().createBucket(bucket("b"));
    store().updateObject("b", "k", cur -> Optional.of(object("b", "k", 3)));
    assertThatThrownBy(
            () ->
                store()
                    .updateObject(
                        "b",
                        "k",
                        cur -> Optional.of(object("b", "k", 5)),
                        new TailChunk(2, bytes("xyz"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                store()
                    .updateObject(
                        "b",
                        "k",
                        cur -> Optional.of(object("b", "k", 9)),
                        new TailChunk(3, bytes("xy"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                store()
                    .updateObject("b", "k", cur -> Optional.empty(), new TailChunk(3, bytes("x"))))
        .isInstanceOf(IllegalArgumentException.class);
    MetadataStoreConformanceTest.assertOssError(
        () ->
            store()
                .updateObject(
                    "b",
                    "k",
                    cur -> {
                      throw new OssException(OssErrorCode.POSITION_NOT_EQUAL_TO_LENGTH);
                    },
                    new TailChunk(3, bytes("x"))),
        OssErrorCode.POSITION_NOT_EQUAL_TO_LENGTH);
    ObjectState s = state("k");
    assertThat(s.object().size()).isEqualTo(3);
    assertThat(s.tail()).isEmpty();
    assertThat(store().objectsWithTail()).isEmpty();
  }

  void aGenerationMayStartInTheTail() {
    store().createBucket(bucket("b"));
    store()
        .updateObject(
            "b", "k", cur -> Optional.of(object("b", "k", 3)), new TailChunk(0, bytes("new")));
    ObjectState s = state("k");
    assertThat(s.foldedLength()).isZero();
    assertThat(tailText(s)).isEqualTo("new");
  }

  void tailsSurviveReopenAndAreFoundPerObject() {
    store().createBucket(bucket("b"));
    store().createBucket(bucket("c"));
    List<String> keys = List.of("a", "a\u0000b", "a/\uFFFD", "z");
    for (String key : keys) {
      store().updateObject("b", key, cur -> Optional.of(object("b", key, 1)));
      appendTail(key, "1");
      appendTail(key, "22");
    }
    store().updateObject("c", "a", cur -> Optional.of(object("c", "a", 1)));
    test.reopen();
    for (String key : keys) {
      assertThat(tailText(state(key))).as(key).isEqualTo("122");
    }
    assertThat(store().objectsWithTail())
        .containsExactlyInAnyOrder(
            new ObjectRef("b", "a"),
            new ObjectRef("b", "a\u0000b"),
            new ObjectRef("b", "a/\uFFFD"),
            new ObjectRef("b", "z"));
  }
}
