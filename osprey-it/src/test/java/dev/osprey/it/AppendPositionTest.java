package dev.osprey.it;

import static dev.osprey.it.Appends.append;
import static dev.osprey.it.Appends.expectError;
import static dev.osprey.it.WireChecks.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.AppendObjectRequest;
import com.aliyun.oss.model.AppendObjectResult;
import com.aliyun.oss.model.ObjectMetadata;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The AppendObject position table (spec §1.2, §1.5) through the official SDK, with the 409's {@code
 * x-oss-next-append-position} checked on the wire because the SDK hides error headers (spec §10).
 */
class AppendPositionTest {
  private static final String BUCKET = Buckets.unique("append-pos");
  private static OSS oss;

  @BeforeAll
  static void createBucket() {
    oss = Clients.shared("V1");
    oss.createBucket(BUCKET);
  }

  @AfterAll
  static void shutdown() {
    oss.shutdown();
  }

  @Test
  void absentKeyAtZeroCreatesAnAppendableObject() {
    AppendObjectResult r = append(oss, BUCKET, "new.log", 0, "hello");
    assertThat(r.getNextPosition()).isEqualTo(5L);
    assertThat(r.getRequestId()).matches("[0-9A-F]{24}");
    ObjectMetadata head = oss.headObject(BUCKET, "new.log");
    assertThat(head.getObjectType()).isEqualTo("Appendable");
    assertThat(head.getContentLength()).isEqualTo(5);
    assertThat(head.getRawMetadata().get("x-oss-next-append-position")).isEqualTo("5");
  }

  @Test
  void absentKeyAtNonZeroIsPositionNotEqualToLength() throws IOException {
    OSSException e =
        expectError("PositionNotEqualToLength", () -> append(oss, BUCKET, "absent.log", 3, "x"));
    assertThat(e.getErrorMessage()).isEqualTo(Appends.POSITION_MESSAGE);
    assertThat(oss.doesObjectExist(BUCKET, "absent.log")).isFalse();

    RawResponse wire = RawConnection.exchange(rawAppend("absent.log", 3, "x"));
    Map<String, String> xml = assertError(wire, 409, "PositionNotEqualToLength");
    assertThat(xml.get("Message")).isEqualTo(Appends.POSITION_MESSAGE);
    assertThat(wire.header("x-oss-next-append-position")).isEqualTo("0");
    assertThat(wire.header("x-oss-ec")).isEqualTo("0026-00000016");
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 3, 7, 1000})
  void wrongPositionOnANonEmptyObjectIsPositionNotEqualToLength(long position) throws IOException {
    String key = "stale-" + position + ".log";
    append(oss, BUCKET, key, 0, "abcde");
    OSSException e =
        expectError("PositionNotEqualToLength", () -> append(oss, BUCKET, key, position, "zz"));
    assertThat(e.getErrorMessage()).isEqualTo(Appends.POSITION_MESSAGE);

    RawResponse wire = RawConnection.exchange(rawAppend(key, position, "zz"));
    assertError(wire, 409, "PositionNotEqualToLength");
    assertThat(wire.header("x-oss-next-append-position")).isEqualTo("5");
    assertThat(read(key)).isEqualTo("abcde");
  }

  @Test
  void staleAppendWithALargeBodyStillReportsTheOssError() {
    append(oss, BUCKET, "large-stale.log", 0, "abc");
    // The position is refused before the body is read; the SDK writes all 3 MB before reading the
    // answer.
    OSSException e =
        expectError(
            "PositionNotEqualToLength",
            () -> append(oss, BUCKET, "large-stale.log", 0, new byte[3_000_000]));
    assertThat(e.getErrorMessage()).isEqualTo(Appends.POSITION_MESSAGE);
    assertThat(oss.headObject(BUCKET, "large-stale.log").getContentLength()).isEqualTo(3);
  }

  @Test
  void expectContinueOnAStaleAppendGetsTheConflictWithoutUploading() throws IOException {
    append(oss, BUCKET, "expect.log", 0, "abc");
    RawRequest stale = rawAppend("expect.log", 1, "zz").header("Expect", "100-continue");
    try (RawConnection c = new RawConnection()) {
      c.write(stale.headBytes());
      // The position is checked before the body is read, so the client is refused without uploading
      // it.
      RawResponse first = c.read(false);
      assertError(first, 409, "PositionNotEqualToLength");
      assertThat(first.header("x-oss-next-append-position")).isEqualTo("3");
    }
    assertThat(read("expect.log")).isEqualTo("abc");
  }

  @Test
  void normalObjectIsObjectNotAppendable() throws IOException {
    oss.putObject(
        BUCKET, "normal.txt", new ByteArrayInputStream("normal".getBytes(StandardCharsets.UTF_8)));
    for (long position : new long[] {0, 6}) {
      OSSException e =
          expectError(
              "ObjectNotAppendable", () -> append(oss, BUCKET, "normal.txt", position, "x"));
      assertThat(e.getErrorMessage()).isEqualTo(Appends.NOT_APPENDABLE_MESSAGE);
    }
    RawResponse wire = RawConnection.exchange(rawAppend("normal.txt", 6, "x"));
    assertError(wire, 409, "ObjectNotAppendable");
    assertThat(wire.header("x-oss-ec")).isEqualTo("0026-00000017");
    assertThat(read("normal.txt")).isEqualTo("normal");
    assertThat(oss.headObject(BUCKET, "normal.txt").getObjectType()).isEqualTo("Normal");
  }

  @Test
  void zeroOnAnEmptyAppendableObjectSucceeds() {
    assertThat(append(oss, BUCKET, "empty.log", 0, new byte[0]).getNextPosition()).isZero();
    ObjectMetadata head = oss.headObject(BUCKET, "empty.log");
    assertThat(head.getObjectType()).isEqualTo("Appendable");
    assertThat(head.getContentLength()).isZero();
    assertThat(head.getServerCRC()).isZero();
    assertThat(append(oss, BUCKET, "empty.log", 0, "first").getNextPosition()).isEqualTo(5L);
    assertThat(read("empty.log")).isEqualTo("first");
  }

  @Test
  void zeroLengthAppendAtTheRightPositionChangesNothing() {
    AppendObjectResult first = append(oss, BUCKET, "zero.log", 0, "abc");
    ObjectMetadata before = oss.headObject(BUCKET, "zero.log");
    AppendObjectResult nothing = append(oss, BUCKET, "zero.log", 3, new byte[0]);
    assertThat(nothing.getNextPosition()).isEqualTo(3L);
    assertThat(nothing.getObjectCRC()).isEqualTo(first.getObjectCRC());
    ObjectMetadata after = oss.headObject(BUCKET, "zero.log");
    assertThat(after.getContentLength()).isEqualTo(3);
    assertThat(after.getETag()).isEqualTo(before.getETag());
    assertThat(after.getServerCRC()).isEqualTo(before.getServerCRC());
    assertThat(read("zero.log")).isEqualTo("abc");
  }

  @Test
  void missingPositionIsMissingArgument() throws IOException {
    append(oss, BUCKET, "nopos.log", 0, "abc");
    // A null position makes the SDK omit the parameter altogether (spec §8.1).
    AppendObjectRequest request =
        new AppendObjectRequest(BUCKET, "nopos.log", new ByteArrayInputStream(new byte[] {1, 2}));
    OSSException e = expectError("MissingArgument", () -> oss.appendObject(request));
    assertThat(e.getErrorMessage()).isEqualTo("Missing Some Required Arguments.");

    RawResponse wire =
        RawConnection.exchange(
            RawRequest.of("POST", BUCKET, "nopos.log").query("append", null).body("zz"));
    // Status UNCONFIRMED in OSS's docs (400 or 411, spec §1.1): Osprey answers 400.
    assertError(wire, 400, "MissingArgument");
    assertThat(read("nopos.log")).isEqualTo("abc");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ColdArchive", "DeepColdArchive"})
  void coldArchiveClassesAreRefused(String storageClass) {
    ObjectMetadata meta = new ObjectMetadata();
    meta.setHeader("x-oss-storage-class", storageClass);
    String key = "cold-" + storageClass + ".log";
    OSSException e =
        expectError("InvalidArgument", () -> append(oss, BUCKET, key, 0, "x".getBytes(), meta));
    assertThat(e.getErrorMessage()).contains(storageClass);
    assertThat(oss.doesObjectExist(BUCKET, key)).isFalse();
  }

  @Test
  void positionsBeyondTheLengthOrInvalidNeverWrite() throws IOException {
    append(oss, BUCKET, "bounds.log", 0, "abc");
    assertError(RawConnection.exchange(rawAppend("bounds.log", -1, "x")), 400, "InvalidArgument");
    RawResponse notANumber =
        RawConnection.exchange(
            RawRequest.of("POST", BUCKET, "bounds.log")
                .query("append", null)
                .query("position", "three")
                .body("x"));
    assertError(notANumber, 400, "InvalidArgument");
    assertThat(read("bounds.log")).isEqualTo("abc");
  }

  private static RawRequest rawAppend(String key, long position, String body) {
    return RawRequest.of("POST", BUCKET, key)
        .query("append", null)
        .query("position", Long.toString(position))
        .body(body);
  }

  private static String read(String key) {
    try (var o = oss.getObject(BUCKET, key)) {
      return new String(o.getObjectContent().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
