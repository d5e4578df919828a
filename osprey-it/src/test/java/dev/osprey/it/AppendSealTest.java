package dev.osprey.it;

import static dev.osprey.it.Appends.append;
import static dev.osprey.it.Appends.expectError;
import static dev.osprey.it.WireChecks.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.SealAppendObjectRequest;
import com.aliyun.oss.model.VoidResult;
import dev.osprey.protocol.HttpDates;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SealAppendObject (spec §1.10): the position must match, the first seal time sticks, appends end.
 */
class AppendSealTest {
  private static final String BUCKET = Buckets.unique("append-seal");
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
  void sealThroughTheSdkReportsTheSealedTimeOnLaterReads() throws Exception {
    append(oss, BUCKET, "sealed.log", 0, "12345");
    Instant before = Instant.now().minusSeconds(1);
    VoidResult sealed =
        oss.sealAppendObject(new SealAppendObjectRequest(BUCKET, "sealed.log").withPosition(5L));
    assertThat(sealed.getRequestId()).matches("[0-9A-F]{24}");
    String sealedHeader = sealed.getResponse().getHeaders().get("x-oss-sealed-time");
    assertThat(HttpDates.parseRfc1123(sealedHeader))
        .isBetween(before, Instant.now().plusSeconds(1));

    ObjectMetadata head = oss.headObject(BUCKET, "sealed.log");
    assertThat(head.getObjectType()).isEqualTo("Appendable");
    assertThat(head.getSealedTime()).isEqualTo(Date.from(HttpDates.parseRfc1123(sealedHeader)));
    assertThat(head.getContentLength()).isEqualTo(5);
    try (var o = oss.getObject(BUCKET, "sealed.log")) {
      assertThat(o.getObjectMetadata().getSealedTime()).isEqualTo(head.getSealedTime());
      assertThat(o.getObjectContent().readAllBytes()).hasSize(5);
    }
  }

  @Test
  void appendsAfterASealAreRefused() throws IOException {
    append(oss, BUCKET, "closed.log", 0, "abc");
    oss.sealAppendObject(new SealAppendObjectRequest(BUCKET, "closed.log").withPosition(3L));
    // Which code OSS answers here is UNCONFIRMED (spec §1.10): Osprey says ObjectNotAppendable.
    OSSException e =
        expectError("ObjectNotAppendable", () -> append(oss, BUCKET, "closed.log", 3, "more"));
    assertThat(e.getErrorMessage()).containsIgnoringCase("seal");
    expectError("ObjectNotAppendable", () -> append(oss, BUCKET, "closed.log", 0, "more"));
    assertThat(oss.headObject(BUCKET, "closed.log").getContentLength()).isEqualTo(3);
  }

  @Test
  void sealWithTheWrongPositionIsPositionNotEqualToLength() throws IOException {
    append(oss, BUCKET, "early.log", 0, "abcdef");
    for (long wrong : new long[] {0, 5, 7}) {
      expectError(
          "PositionNotEqualToLength",
          () ->
              oss.sealAppendObject(
                  new SealAppendObjectRequest(BUCKET, "early.log").withPosition(wrong)));
    }
    RawResponse wire =
        RawConnection.exchange(
            RawRequest.of("POST", BUCKET, "early.log").query("seal", null).query("position", "2"));
    assertError(wire, 409, "PositionNotEqualToLength");
    assertThat(wire.header("x-oss-next-append-position")).isEqualTo("6");
    assertThat(oss.headObject(BUCKET, "early.log").getRawMetadata())
        .doesNotContainKey("x-oss-sealed-time");
    assertThat(append(oss, BUCKET, "early.log", 6, "g").getNextPosition()).isEqualTo(7L);
  }

  @Test
  void repeatedSealsKeepTheFirstSealTime() throws Exception {
    append(oss, BUCKET, "twice.log", 0, "x");
    RawResponse first =
        RawConnection.exchange(
            RawRequest.of("POST", BUCKET, "twice.log").query("seal", null).query("position", "1"));
    assertThat(first.status()).as("%s", first).isEqualTo(200);
    String sealedAt = first.header("x-oss-sealed-time");
    assertThat(sealedAt).isNotNull();
    // Not waiting for a condition: the clock itself must pass the header's one-second resolution,
    // or a wrongly
    // refreshed seal time would look unchanged.
    Duration left =
        Duration.between(
            Instant.now(), HttpDates.parseRfc1123(sealedAt).plus(Duration.ofMillis(1100)));
    if (!left.isNegative()) {
      Thread.sleep(left);
    }
    RawResponse second =
        RawConnection.exchange(
            RawRequest.of("POST", BUCKET, "twice.log").query("seal", null).query("position", "1"));
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.header("x-oss-sealed-time")).isEqualTo(sealedAt);
    RawResponse head = RawConnection.exchange(RawRequest.of("HEAD", BUCKET, "twice.log"));
    assertThat(head.header("x-oss-sealed-time")).isEqualTo(sealedAt);
  }

  @Test
  void sealingANormalOrAbsentObjectFails() {
    oss.putObject(BUCKET, "normal.txt", new java.io.ByteArrayInputStream(new byte[] {1}));
    OSSException normal =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            OSSException.class,
            () ->
                oss.sealAppendObject(
                    new SealAppendObjectRequest(BUCKET, "normal.txt").withPosition(1L)));
    assertThat(normal.getErrorCode()).isEqualTo("ObjectNotAppendable");
    OSSException absent =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            OSSException.class,
            () ->
                oss.sealAppendObject(
                    new SealAppendObjectRequest(BUCKET, "absent.log").withPosition(0L)));
    assertThat(absent.getErrorCode()).isIn("NoSuchKey", "PositionNotEqualToLength");
  }
}
