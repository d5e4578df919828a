package dev.osprey.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osprey.protocol.CannedAcl;
import dev.osprey.protocol.ObjectType;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.storage.file.FileDataStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * AppendObject and SealAppendObject: the state table of spec §1.2 row by row, then §1.3, §1.4,
 * §1.10.
 */
class AppendObjectTest extends ServiceTestBase {

  private static void assertNextPosition(OssException e, long next) {
    assertThat(e.headers()).containsEntry("x-oss-next-append-position", Long.toString(next));
  }

  @Test
  void absentKeyAtPositionZeroCreatesAnAppendableObject() throws IOException {
    ObjectRecord o = append("log", 0, "hello");
    assertThat(o.type()).isEqualTo(ObjectType.APPENDABLE);
    assertThat(o.size()).isEqualTo(5);
    assertThat(o.crc64()).isEqualTo(crc(bytes("hello")));
    assertThat(o.contentMd5()).isNull();
    assertThat(o.sealedTime()).isNull();
    assertThat(content("log")).isEqualTo("hello");
  }

  @Test
  void absentKeyAtNonZeroPositionIsAMismatchWithNextPositionZero() {
    OssException e =
        assertOssError(() -> append("log", 3, "x"), OssErrorCode.POSITION_NOT_EQUAL_TO_LENGTH);
    assertNextPosition(e, 0);
    assertOssError(() -> service.headObject(BUCKET, "log"), OssErrorCode.NO_SUCH_KEY);
  }

  @Test
  void appendAtTheLengthExtendsAndMismatchesReportTheTrueLength() throws IOException {
    append("log", 0, "abc");
    assertThat(append("log", 3, "def").size()).isEqualTo(6);
    OssException behind =
        assertOssError(() -> append("log", 3, "zzz"), OssErrorCode.POSITION_NOT_EQUAL_TO_LENGTH);
    assertNextPosition(behind, 6);
    OssException ahead =
        assertOssError(() -> append("log", 9, "zzz"), OssErrorCode.POSITION_NOT_EQUAL_TO_LENGTH);
    assertNextPosition(ahead, 6);
    OssException zero =
        assertOssError(() -> append("log", 0, "zzz"), OssErrorCode.POSITION_NOT_EQUAL_TO_LENGTH);
    assertNextPosition(zero, 6);
    assertThat(content("log")).isEqualTo("abcdef");
  }

  @Test
  void emptyAppendableObjectAcceptsPositionZero() throws IOException {
    ObjectRecord empty = append("log", 0, "");
    assertThat(empty.type()).isEqualTo(ObjectType.APPENDABLE);
    assertThat(empty.size()).isZero();
    assertThat(append("log", 0, "").size()).isZero();
    assertThat(append("log", 0, "first").size()).isEqualTo(5);
    assertThat(content("log")).isEqualTo("first");
  }

  @Test
  void emptyAppendAtTheRightPositionChangesNothing() {
    ObjectRecord o = append("log", 0, "abc");
    clock.advance(Duration.ofSeconds(10));
    assertThat(append("log", 3, "")).isEqualTo(o);
    assertThat(appendChunked("log", 3, "")).isEqualTo(o);
    assertThat(service.headObject(BUCKET, "log")).isEqualTo(o);
  }

  @Test
  void normalAndMultipartObjectsAreNotAppendable() {
    put("normal", "abc");
    assertOssError(() -> append("normal", 3, "x"), OssErrorCode.OBJECT_NOT_APPENDABLE);
    assertOssError(() -> append("normal", 0, "x"), OssErrorCode.OBJECT_NOT_APPENDABLE);
    assertThat(service.headObject(BUCKET, "normal").size()).isEqualTo(3);
  }

  @Test
  void appendNeedsTheBucketBeforeReadingTheBody() {
    assertOssError(
        () ->
            service.appendObject(
                new AppendObjectCommand("ghost", "k", 0, 1, null, null), untouchable()),
        OssErrorCode.NO_SUCH_BUCKET);
    assertOssError(
        () ->
            service.appendObject(
                new AppendObjectCommand(BUCKET, "k", 0, 1, "bad", null), untouchable()),
        OssErrorCode.INVALID_DIGEST);
  }

  @Test
  void crcRunsAcrossAppendsAndEtagChangesEachTime() {
    String[] parts = {"The quick ", "brown fox ", "jumps over ", "the lazy dog"};
    StringBuilder all = new StringBuilder();
    String previousEtag = null;
    for (String part : parts) {
      ObjectRecord o =
          all.length() % 2 == 0
              ? append("log", all.length(), part)
              : appendChunked("log", all.length(), part);
      all.append(part);
      assertThat(o.crc64()).isEqualTo(crc(bytes(all.toString())));
      assertThat(o.etag()).matches("[0-9A-F]{24}00000000").isNotEqualTo(previousEtag);
      previousEtag = o.etag();
    }
  }

  @Test
  void lastModifiedMovesWithEveryAppend() {
    ObjectRecord first = append("log", 0, "a");
    clock.advance(Duration.ofSeconds(3));
    ObjectRecord second = append("log", 1, "b");
    assertThat(second.lastModified()).isEqualTo(first.lastModified().plusSeconds(3));
  }

  @Test
  void createAttributesApplyOnlyWhenTheAppendCreatesTheObject() {
    ObjectAttributes onCreate = TestRecords.richAttributes();
    byte[] a = bytes("a");
    service.appendObject(new AppendObjectCommand(BUCKET, "log", 0, 1, null, onCreate), body(a));
    ObjectAttributes later =
        new ObjectAttributes(
            "image/png", null, null, null, null, null, null, CannedAcl.PRIVATE, null, null);
    ObjectRecord o =
        service.appendObject(new AppendObjectCommand(BUCKET, "log", 1, 1, null, later), body(a));
    assertThat(o.attributes()).isEqualTo(onCreate);
  }

  @Test
  void contentMd5OfEachBodyIsVerified() throws Exception {
    byte[] body = bytes("checked");
    service.appendObject(
        new AppendObjectCommand(BUCKET, "log", 0, body.length, md5Base64(body), null), body(body));
    String wrong = md5Base64(bytes("something else"));
    assertOssError(
        () ->
            service.appendObject(
                new AppendObjectCommand(BUCKET, "log", 7, body.length, wrong, null), body(body)),
        OssErrorCode.INVALID_DIGEST);
    assertOssError(
        () ->
            service.appendObject(
                new AppendObjectCommand(BUCKET, "log", 7, -1, wrong, null), body(body)),
        OssErrorCode.INVALID_DIGEST);
    service.appendObject(
        new AppendObjectCommand(BUCKET, "log", 7, -1, md5Base64(body), null), body(body));
    assertThat(content("log")).isEqualTo("checkedchecked");
  }

  @Test
  void declaredLengthMustMatchTheBody() throws IOException {
    append("log", 0, "base");
    assertOssError(
        () ->
            service.appendObject(
                new AppendObjectCommand(BUCKET, "log", 4, 10, null, null), body(bytes("short"))),
        OssErrorCode.INCOMPLETE_BODY);
    assertOssError(
        () ->
            service.appendObject(
                new AppendObjectCommand(BUCKET, "log", 4, 2, null, null), body(bytes("long"))),
        OssErrorCode.INCOMPLETE_BODY);
    assertThat(content("log")).isEqualTo("base");
  }

  @Test
  void aFailedStreamingAppendLeavesNoBytesBehind() throws IOException {
    append("log", 0, "base");
    byte[] big = new byte[BodyCopier.BUFFER_SIZE * 2];
    assertOssError(
        () ->
            service.appendObject(
                new AppendObjectCommand(BUCKET, "log", 4, big.length + 1, null, null), body(big)),
        OssErrorCode.INCOMPLETE_BODY);
    try (OpenObject open = service.openObject(BUCKET, "log")) {
      assertThat(open.reader().fileChannel().size()).isEqualTo(4);
    }
    assertThat(append("log", 4, "+next").crc64()).isEqualTo(crc(bytes("base+next")));
  }

  @Test
  void appendsPastTheSizeLimitAreRefusedWithoutStoringAByte() throws IOException {
    Path dir = dataDir.resolve("small");
    try (ObjectService small =
        new DefaultObjectService(
            openMetadata(dir.resolve("meta")),
            FileDataStore.open(dir.resolve("blobs")),
            clock,
            10)) {
      small.createBucket(TestRecords.bucket("tiny"));
      small.appendObject(
          new AppendObjectCommand("tiny", "k", 0, 8, null, null), body(bytes("12345678")));
      // known length: refused under the lock, before writing (the small body was already buffered)
      assertOssError(
          () ->
              small.appendObject(
                  new AppendObjectCommand("tiny", "k", 8, 3, null, null), body(bytes("xyz"))),
          OssErrorCode.ENTITY_TOO_LARGE);
      // chunked: refused while streaming, the partial write undone

      assertOssError(
          () ->
              small.appendObject(
                  new AppendObjectCommand("tiny", "k", 8, -1, null, null), body(bytes("abc"))),
          OssErrorCode.ENTITY_TOO_LARGE);
      ObjectRecord o =
          small.appendObject(
              new AppendObjectCommand("tiny", "k", 8, -1, null, null), body(bytes("ab")));
      assertThat(o.size()).isEqualTo(10);
      try (OpenObject open = small.openObject("tiny", "k")) {
        assertThat(readAll(open)).isEqualTo("12345678ab");
        assertThat(open.reader().fileChannel().size()).isEqualTo(10);
      }
    }
  }

  @Test
  void putOverAnAppendableObjectMakesItNormal() {
    append("log", 0, "abc");
    put("log", "normal");
    assertOssError(() -> append("log", 6, "x"), OssErrorCode.OBJECT_NOT_APPENDABLE);
  }

  @Test
  void deletedAppendableObjectStartsAgainAtZero() throws IOException {
    append("log", 0, "abc");
    service.deleteObject(BUCKET, "log");
    assertNextPosition(
        assertOssError(() -> append("log", 3, "x"), OssErrorCode.POSITION_NOT_EQUAL_TO_LENGTH), 0);
    append("log", 0, "fresh");
    assertThat(content("log")).isEqualTo("fresh");
  }

  // ---- seal (spec §1.10)

  @Test
  void sealKeepsTheFirstSealTimeAndStopsAppends() {
    ObjectRecord o = append("log", 0, "abc");
    clock.advance(Duration.ofSeconds(1));
    Instant sealTime = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    ObjectRecord sealed = service.sealAppendObject(BUCKET, "log", 3);
    assertThat(sealed.sealedTime()).isEqualTo(sealTime);
    assertThat(sealed.type()).isEqualTo(ObjectType.APPENDABLE);
    assertThat(sealed.lastModified()).isEqualTo(o.lastModified());
    clock.advance(Duration.ofSeconds(1));
    assertThat(service.sealAppendObject(BUCKET, "log", 3).sealedTime()).isEqualTo(sealTime);

    OssException e =
        assertOssError(() -> append("log", 3, "d"), OssErrorCode.OBJECT_NOT_APPENDABLE);
    assertThat(e.getMessage()).containsIgnoringCase("sealed");
    assertThat(service.headObject(BUCKET, "log").sealedTime()).isEqualTo(sealTime);
  }

  @Test
  void sealChecksKeyTypeAndPosition() {
    assertOssError(() -> service.sealAppendObject(BUCKET, "nope", 0), OssErrorCode.NO_SUCH_KEY);
    assertOssError(() -> service.sealAppendObject("ghost", "nope", 0), OssErrorCode.NO_SUCH_BUCKET);
    put("normal", "x");
    assertOssError(
        () -> service.sealAppendObject(BUCKET, "normal", 1), OssErrorCode.OBJECT_NOT_APPENDABLE);
    append("log", 0, "abc");
    assertNextPosition(
        assertOssError(
            () -> service.sealAppendObject(BUCKET, "log", 2),
            OssErrorCode.POSITION_NOT_EQUAL_TO_LENGTH),
        3);
    assertThat(service.headObject(BUCKET, "log").sealedTime()).isNull();
  }
}
