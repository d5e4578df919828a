package dev.osprey.storage;

import static dev.osprey.storage.TestRecords.bucket;
import static dev.osprey.storage.TestRecords.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.osprey.protocol.ObjectType;
import dev.osprey.protocol.OssErrorCode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The versioning part of the {@link MetadataStore} contract (spec §1.7, docs/versioning.md), run by
 * {@link MetadataStoreConformanceTest}: which record is current, which stay as previous versions,
 * which are released, the order ListObjectVersions sees, and that nothing of it is lost on reopen.
 */
final class VersioningConformance {
  private final MetadataStoreConformanceTest test;

  VersioningConformance(MetadataStoreConformanceTest test) {
    this.test = test;
  }

  private MetadataStore store() {
    return test.store;
  }

  private void versionedBucket(Versioning v) {
    store().createBucket(bucket("b"));
    store().updateBucket(bucket("b").withVersioning(v));
  }

  private ObjectChange put(String key, int blob) {
    ObjectRecord o =
        TailStoreConformance.inBlob(object("b", key, blob), BlobReferenceConformance.blob(blob));
    return store().updateObject("b", key, cur -> Optional.of(o));
  }

  private ObjectChange delete(String key) {
    return store()
        .updateObject(
            "b", key, cur -> Optional.of(ObjectRecord.deleteMarker("b", key, Instant.EPOCH)));
  }

  private List<VersionEntry> all(String prefix) {
    return store().listVersions("b", prefix, VersionCursor.start(), 1000);
  }

  private static List<Long> sizes(List<VersionEntry> entries) {
    return entries.stream().map(e -> e.record().size()).toList();
  }

  void overwritesKeepPreviousVersionsNewestFirst() {
    versionedBucket(Versioning.ENABLED);
    ObjectChange first = put("k", 1);
    ObjectChange second = put("k", 2);
    assertThat(second.released()).isEmpty();
    String firstId = first.after().orElseThrow().version().id();
    String secondId = second.after().orElseThrow().version().id();
    assertThat(firstId).isNotEqualTo(secondId).isNotEqualTo(ObjectVersion.NULL_ID);
    assertThat(store().getObject("b", "k").orElseThrow().size()).isEqualTo(2);
    assertThat(store().getObjectVersion("b", "k", firstId).orElseThrow().size()).isEqualTo(1);
    assertThat(store().getObjectVersion("b", "k", secondId).orElseThrow().size()).isEqualTo(2);
    assertThat(store().isBlobReferenced(BlobReferenceConformance.blob(1))).isTrue();
    List<VersionEntry> listed = all("");
    assertThat(sizes(listed)).containsExactly(2L, 1L);
    assertThat(listed.stream().map(VersionEntry::latest)).containsExactly(true, false);
    // only current records are listed as objects
    assertThat(store().listObjects("b", null, null, 10)).hasSize(1);
  }

  void deleteAddsAMarkerAndVersionDeletesPromote() {
    versionedBucket(Versioning.ENABLED);
    String v1 = put("k", 1).after().orElseThrow().version().id();
    ObjectChange deleted = delete("k");
    ObjectRecord marker = deleted.deleteMarker().orElseThrow();
    assertThat(deleted.released()).isEmpty();
    assertThat(store().getObject("b", "k")).isEmpty();
    assertThat(store().latestDeleteMarker("b", "k")).contains(marker);
    assertThat(store().listObjects("b", null, null, 10)).isEmpty();
    assertThat(all("").stream().map(e -> e.record().isDeleteMarker())).containsExactly(true, false);
    assertOss(() -> store().deleteBucket("b"), OssErrorCode.BUCKET_NOT_EMPTY);

    // removing the marker makes the previous version current again
    ObjectChange unmarked = store().deleteObjectVersion("b", "k", marker.version().id());
    assertThat(unmarked.deleteMarker()).contains(marker);
    assertThat(store().getObject("b", "k").orElseThrow().version().id()).isEqualTo(v1);
    // removing the only version releases it and leaves nothing
    ObjectChange gone = store().deleteObjectVersion("b", "k", v1);
    assertThat(gone.released()).hasSize(1);
    assertThat(store().getObject("b", "k")).isEmpty();
    assertThat(all("")).isEmpty();
    assertThat(store().isBlobReferenced(BlobReferenceConformance.blob(1))).isFalse();
    store().deleteBucket("b");
  }

  void suspendedWritesReplaceTheNullVersion() {
    store().createBucket(bucket("b"));
    ObjectChange legacy = put("k", 1); // written before versioning: the null version
    store().updateBucket(bucket("b").withVersioning(Versioning.ENABLED));
    String v2 = put("k", 2).after().orElseThrow().version().id();
    store().updateBucket(bucket("b").withVersioning(Versioning.SUSPENDED));
    ObjectChange third = put("k", 3);
    assertThat(third.after().orElseThrow().version().id()).isEqualTo(ObjectVersion.NULL_ID);
    assertThat(third.released()).containsExactly(legacy.after().orElseThrow());
    ObjectChange fourth = put("k", 4);
    assertThat(fourth.released()).hasSize(1);
    assertThat(fourth.released().getFirst().size()).isEqualTo(3);
    assertThat(sizes(all(""))).containsExactly(4L, 2L);
    assertThat(store().getObjectVersion("b", "k", v2)).isPresent();
    ObjectChange marked = delete("k");
    assertThat(marked.deleteMarker().orElseThrow().version().id()).isEqualTo(ObjectVersion.NULL_ID);
    assertThat(marked.released()).hasSize(1);
    assertThat(all("").stream().map(e -> e.record().isDeleteMarker())).containsExactly(true, false);
  }

  void inPlaceUpdatesKeepTheVersionAndAppendablesHaveTheNullId() {
    versionedBucket(Versioning.ENABLED);
    ObjectRecord appendable =
        new ObjectRecord(
            "b",
            "log",
            ObjectType.APPENDABLE,
            3,
            0,
            "E",
            null,
            Instant.EPOCH,
            TestRecords.plainAttributes(),
            BlobReferenceConformance.blob(7),
            null);
    ObjectChange created = store().updateObject("b", "log", cur -> Optional.of(appendable));
    ObjectVersion v = created.after().orElseThrow().version();
    assertThat(v.id()).isEqualTo(ObjectVersion.NULL_ID);
    ObjectChange grown =
        store()
            .updateObject(
                "b",
                "log",
                cur ->
                    Optional.of(
                        TailStoreConformance.inBlob(
                            object("b", "log", 5), BlobReferenceConformance.blob(7))));
    assertThat(grown.after().orElseThrow().version()).isEqualTo(v);
    assertThat(all("")).hasSize(1);
    // a PUT over it keeps it as a previous version
    put("log", 8);
    assertThat(store().getObjectVersion("b", "log", "null").orElseThrow().size()).isEqualTo(5);
    ObjectChange tagged =
        store()
            .updateObjectVersion(
                "b",
                "log",
                "null",
                cur ->
                    cur.map(
                        o ->
                            o.withAttributes(o.attributes().withTags(java.util.Map.of("t", "1")))));
    assertThat(tagged.after().orElseThrow().attributes().tags()).containsEntry("t", "1");
    assertThat(store().getObjectVersion("b", "log", "null").orElseThrow().attributes().tags())
        .containsEntry("t", "1");
  }

  void pagesResumeAfterAVersionAndSurviveReopen() {
    versionedBucket(Versioning.ENABLED);
    put("a", 1);
    put("a", 2);
    delete("a");
    put("a\u0000", 3); // a key extending "a" with a zero byte sorts after all of a's versions
    put("ab", 4);
    test.reopen();
    List<VersionEntry> everything = all("");
    assertThat(everything.stream().map(e -> e.record().key()))
        .containsExactly("a", "a", "a", "a\u0000", "ab");
    VersionEntry second = everything.get(1);
    List<VersionEntry> rest =
        store()
            .listVersions(
                "b", "", VersionCursor.afterVersion("a", second.record().version().id()), 10);
    assertThat(rest).containsExactlyElementsOf(everything.subList(2, 5));
    assertThat(rest.getFirst().latest()).isFalse();
    assertThat(store().listVersions("b", "", VersionCursor.afterKey("a"), 10))
        .containsExactlyElementsOf(everything.subList(3, 5));
    assertThat(store().listVersions("b", "ab", VersionCursor.start(), 10)).hasSize(1);
    assertThat(store().listVersions("b", "", VersionCursor.atKey("ab"), 10)).hasSize(1);
  }

  private static void assertOss(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call, OssErrorCode code) {
    MetadataStoreConformanceTest.assertOssError(call, code);
  }
}
