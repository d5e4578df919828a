package dev.osprey.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Small appends through the tail: commit, read merging, folding, crash recovery. */
class TailFoldTest extends TailFoldTestBase {

  @Test
  void smallAppendsCommitInTheTailAndFoldIntoTheBlob() throws IOException {
    append("log", 0, "0123456789"); // creates the object and its blob: the blob path
    assertThat(state("log").tail()).isEmpty();
    append("log", 10, "abc");
    ObjectRecord o = append("log", 13, "defg");
    ObjectState pending = state("log");
    assertThat(pending.foldedLength()).isEqualTo(10);
    assertThat(pending.tail()).extracting(TailChunk::offset).containsExactly(10L, 13L);
    assertThat(blobText("log")).isEqualTo("0123456789");
    assertThat(content("log")).isEqualTo("0123456789abcdefg");
    assertThat(metadata.objectsWithTail()).containsExactly(new ObjectRef(BUCKET, "log"));

    service.folder().foldQueued();
    ObjectState folded = state("log");
    assertThat(folded.foldedLength()).isEqualTo(17);
    assertThat(folded.tail()).isEmpty();
    assertThat(blobText("log")).isEqualTo("0123456789abcdefg");
    assertThat(content("log")).isEqualTo("0123456789abcdefg");
    assertThat(service.headObject(BUCKET, "log")).isEqualTo(o);
    assertThat(metadata.objectsWithTail()).isEmpty();
  }

  @Test
  void copyingAnObjectWithAPendingTailCopiesEveryByte() throws IOException {
    append("log", 0, "0123456789");
    append("log", 10, "abc");
    assertThat(state("log").tail()).as("still in the tail").isNotEmpty();
    ObjectRecord copy =
        service.copyObject(
            new CopyObjectCommand(BUCKET, "log", BUCKET, "copy", o -> {}, a -> a, false));
    assertThat(copy.size()).isEqualTo(13);
    assertThat(content("copy")).isEqualTo("0123456789abc");
    assertThat(copy.crc64()).isEqualTo(service.headObject(BUCKET, "log").crc64());
  }

  @Test
  void completingAnUploadOverAnObjectWithAPendingTailDropsTheTail() throws IOException {
    append("log", 0, "0123456789");
    append("log", 10, "abc");
    UploadRecord upload =
        service.initiateMultipartUpload(
            new InitiateUploadCommand(
                BUCKET,
                "log",
                new ObjectAttributes(null, null, null, null, null, null, null, null, null, null),
                false));
    PartRecord part =
        service.uploadPart(
            new UploadPartCommand(BUCKET, "log", upload.uploadId(), 1, 4, null),
            new java.io.ByteArrayInputStream(
                "PART".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    service.completeMultipartUpload(
        new CompleteUploadCommand(
            BUCKET,
            "log",
            upload.uploadId(),
            java.util.List.of(new CompleteUploadCommand.CompletedPart(1, part.etag())),
            null,
            false));
    assertThat(content("log")).isEqualTo("PART");
    assertThat(metadata.objectsWithTail()).isEmpty();
    service.folder().foldQueued(); // a fold queued for the old generation finds it gone
    assertThat(content("log")).isEqualTo("PART");
  }

  @Test
  void crcEtagAndPositionsAreThoseOfTheBlobPath() {
    String[] chunks = {"first", "-second", "", "-third", "x"};
    long position = 0;
    long reference = 0;
    for (String c : chunks) {
      ObjectRecord viaTail = append("tail", position, c);
      ObjectRecord viaBlob = appendChunked("blob", reference, c);
      assertThat(viaTail.size()).isEqualTo(viaBlob.size());
      assertThat(viaTail.crc64()).isEqualTo(viaBlob.crc64());
      assertThat(viaTail.etag()).isEqualTo(viaBlob.etag());
      position = viaTail.size();
      reference = viaBlob.size();
    }
    assertThat(state("tail").tail()).isNotEmpty();
    assertThat(service.headObject(BUCKET, "tail").crc64()).isEqualTo(crc("first-second-thirdx"));
    OssException stale =
        ServiceTestBase.assertOssError(
            () -> append("tail", 3, "late"), OssErrorCode.POSITION_NOT_EQUAL_TO_LENGTH);
    assertThat(stale.headers()).containsEntry("x-oss-next-append-position", "19");
  }

  @Test
  void readsMergeBlobAndTailAtEveryBoundary() throws IOException {
    append("log", 0, "0123456789");
    append("log", 10, "abc");
    append("log", 13, "defg");
    append("log", 17, "h");
    String expected = "0123456789abcdefgh";
    try (OpenObject before = service.openObject(BUCKET, "log")) {
      assertEveryRange(before, expected, 10);
      service.folder().foldQueued();
      append("log", 18, "XYZ");
      append("log", 21, "!");
      // a reader opened before the fold keeps its view, blob prefix and pinned tail alike
      assertEveryRange(before, expected, 10);
    }
    try (OpenObject after = service.openObject(BUCKET, "log")) {
      assertEveryRange(after, expected + "XYZ!", 18);
    }
    service.folder().foldQueued();
    try (OpenObject all = service.openObject(BUCKET, "log")) {
      assertEveryRange(all, expected + "XYZ!", 22);
      // fully folded: the whole object is one zero-copy blob region, like a PUT object
      assertThat(all.segments(0, 22)).singleElement().isInstanceOf(ObjectSegment.FileSegment.class);
    }
  }

  /** Every (offset, length) range: the bytes, and the segments' shape (blob first, then bytes). */
  private static void assertEveryRange(OpenObject open, String expected, long folded)
      throws IOException {
    assertThat(open.reader().foldedLength()).isEqualTo(folded);
    for (int offset = 0; offset <= expected.length(); offset++) {
      for (int length = 0; offset + length <= expected.length(); length++) {
        String range = "[" + offset + ", +" + length + ")";
        assertThat(read(open, offset, length))
            .as(range)
            .isEqualTo(expected.substring(offset, offset + length));
        List<ObjectSegment> segments = open.segments(offset, length);
        assertThat(segments.stream().mapToLong(ObjectSegment::length).sum())
            .as(range)
            .isEqualTo(length);
        boolean fromBlob = length > 0 && offset < folded;
        assertThat(!segments.isEmpty() && segments.get(0) instanceof ObjectSegment.FileSegment)
            .as(range)
            .isEqualTo(fromBlob);
        for (int i = 0; i < segments.size(); i++) {
          assertThat(segments.get(i).length()).as(range).isPositive();
          if (i > 0) {
            assertThat(segments.get(i)).as(range).isInstanceOf(ObjectSegment.BytesSegment.class);
          }
        }
        if (fromBlob) {
          ObjectSegment.FileSegment f = (ObjectSegment.FileSegment) segments.get(0);
          assertThat(f.offset()).isEqualTo(offset);
          assertThat(f.offset() + f.length()).isLessThanOrEqualTo(folded);
        }
      }
    }
    assertThatThrownBy(() -> open.segments(1, expected.length()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aCrashBetweenCommitAndFoldKeepsEveryAcknowledgedByte() throws IOException {
    append("log", 0, "base-");
    append("log", 5, "one-");
    append("log", 9, "two");
    String blobId = state("log").object().blobId();
    reopen(); // closed without folding: the tails are all there is of these appends
    // a fold that wrote and crashed before its commit left bytes past the folded length
    try (FileChannel ch = FileChannel.open(blobFile(blobId), StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(bytes("GARBAGE-NEVER-COMMITTED")), 5);
    }
    assertThat(content("log")).isEqualTo("base-one-two");
    assertThat(service.headObject(BUCKET, "log").crc64()).isEqualTo(crc("base-one-two"));

    service.folder().foldQueued(); // resumed at open, from the tails the store lists
    assertThat(state("log").tail()).isEmpty();
    assertThat(Files.readString(blobFile(blobId))).isEqualTo("base-one-two");
    append("log", 12, "+three");
    reopen();
    assertThat(content("log")).isEqualTo("base-one-two+three");
  }

  @Test
  void aFoldRacingAnOverwriteNeverKeepsTheOldGeneration() throws IOException {
    append("k", 0, "old-");
    append("k", 4, "tail");
    String oldBlob = state("k").object().blobId();
    // the overwrite commits after the folder opened the old blob and before it writes
    data.afterNextOpenForAppend = () -> put("k", "new bytes");
    service.folder().foldQueued();
    assertThat(content("k")).isEqualTo("new bytes");
    assertThat(Files.exists(blobFile(oldBlob))).isFalse();
    assertThat(blobFiles()).hasSize(1);
    assertThat(metadata.tailStart(BUCKET, "k", oldBlob)).isEmpty();
    assertThat(metadata.objectsWithTail()).isEmpty();

    append("k2", 0, "old-");
    append("k2", 4, "tail");
    // the overwrite commits and deletes the blob before the folder opens it
    data.beforeNextOpenForAppend = () -> put("k2", "newer");
    service.folder().foldQueued();
    assertThat(content("k2")).isEqualTo("newer");
    assertThat(blobFiles()).hasSize(2);
  }

  @Test
  void aFoldRacingADeleteLeavesNothing() throws IOException {
    append("k", 0, "old-");
    append("k", 4, "tail");
    data.afterNextOpenForAppend = () -> service.deleteObject(BUCKET, "k");
    service.folder().foldQueued();
    ServiceTestBase.assertOssError(() -> service.headObject(BUCKET, "k"), OssErrorCode.NO_SUCH_KEY);
    assertThat(blobFiles()).isEmpty();
    assertThat(metadata.objectsWithTail()).isEmpty();
    append("k", 0, "again");
    assertThat(content("k")).isEqualTo("again");
  }

  @Test
  void aLargeAppendFoldsTheTailFirst() throws IOException {
    append("log", 0, "head-");
    append("log", 5, "tail-");
    String big = "L".repeat(ObjectAppender.TAIL_APPEND_LIMIT + 1);
    ObjectRecord o = append("log", 10, big);
    assertThat(state("log").tail()).isEmpty();
    assertThat(Files.size(blobFile(o.blobId()))).isEqualTo(o.size());
    assertThat(content("log")).isEqualTo("head-tail-" + big);
    assertThat(o.crc64()).isEqualTo(crc("head-tail-" + big));
  }

  @Test
  void theTailStaysBoundedWhenTheFolderFallsBehind() throws IOException {
    append("log", 0, "start");
    String kib = "k".repeat(1024);
    long position = 5;
    int appends = (int) (ObjectAppender.MAX_TAIL_BYTES / 1024) + 40;
    for (int i = 0; i < appends; i++) {
      position = append("log", position, kib).size();
      ObjectState s = state("log");
      assertThat(s.object().size() - s.foldedLength())
          .isLessThanOrEqualTo(ObjectAppender.MAX_TAIL_BYTES);
    }
    assertThat(state("log").foldedLength()).as("folded by the appends themselves").isPositive();
    assertThat(content("log")).isEqualTo("start" + kib.repeat(appends));
  }

  @Test
  void sealAndTagsKeepThePendingTail() throws IOException {
    append("log", 0, "abc");
    append("log", 3, "def");
    service.putObjectTags(BUCKET, "log", Map.of("k", "v"));
    service.sealAppendObject(BUCKET, "log", 6);
    assertThat(state("log").tail()).hasSize(1);
    ServiceTestBase.assertOssError(() -> append("log", 6, "g"), OssErrorCode.OBJECT_NOT_APPENDABLE);
    service.folder().foldQueued();
    assertThat(content("log")).isEqualTo("abcdef");
    assertThat(service.headObject(BUCKET, "log").sealedTime()).isNotNull();
    assertThat(service.headObject(BUCKET, "log").attributes().tags()).containsEntry("k", "v");
  }
}
