package dev.osprey.client;

import static dev.osprey.client.FaultyProxy.appends;
import static dev.osprey.client.TestServer.bytes;
import static dev.osprey.client.TestServer.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyun.oss.OSS;
import dev.osprey.client.FaultyProxy.Fault;
import dev.osprey.client.OssStreamException.Reason;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Appends whose answer never reached the client: the server applied them (or not), and the writer
 * must learn which from the object's length and CRC-64, never sending a byte twice or losing one. A
 * loopback proxy between the SDK and a real server loses the answers.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LostReplyTest {
  private final String bucket = TestServer.uniqueBucket("lost");
  private FaultyProxy proxy;
  private OSS direct;

  @BeforeEach
  void setUp() throws Exception {
    String endpoint = TestServer.shared().endpoint();
    proxy = new FaultyProxy(endpoint);
    direct = TestServer.client(endpoint);
    direct.createBucket(bucket);
  }

  @AfterEach
  void tearDown() throws Exception {
    proxy.close();
    direct.shutdown();
  }

  @Test
  void anAppendAppliedWhoseAnswerWasLostIsNotSentAgain() throws Exception {
    OSS oss = TestServer.client(proxy.endpoint(), conf -> conf.setMaxErrorRetry(0));
    try (AppendWriter w = writer(oss, "log")) {
      w.write(bytes("one;"));
      w.flush();
      proxy.once(appends(), Fault.DROP_REPLY);

      w.write(bytes("two;"));
      w.flush(); // the server stored "two;", the client heard nothing

      w.write(bytes("three"));
      w.flush();
      assertThat(w.position()).isEqualTo(13);
    } finally {
      oss.shutdown();
    }
    assertThat(read(direct, bucket, "log")).isEqualTo("one;two;three");
    assertThat(proxy.requests().stream().filter(appends()).count())
        .as("one;, two; (answer lost), three: no second two;")
        .isEqualTo(3);
  }

  @Test
  void theSdksOwnRetryOfALostAnswerMeetsThePositionCheckAndCountsAsLanded() throws Exception {
    // With the SDK's default of 3 retries, it resends the append itself: the server refuses it
    // (PositionNotEqualToLength), and the writer finds its bytes already in place.
    OSS oss = TestServer.client(proxy.endpoint());
    try (AppendWriter w = writer(oss, "log")) {
      w.write(bytes("first;"));
      w.flush();
      proxy.once(appends(), Fault.DROP_REPLY);
      w.write(bytes("second"));
      w.flush();
      assertThat(w.position()).isEqualTo(12);
      assertThat(w.crc()).isEqualTo(direct.getObjectMetadata(bucket, "log").getServerCRC());
    } finally {
      oss.shutdown();
    }
    assertThat(read(direct, bucket, "log")).isEqualTo("first;second");
  }

  @Test
  void anAnswerThatNeverComesIsATimeoutAfterWhichTheWriterLooksBeforeSending() throws Exception {
    OSS oss =
        TestServer.client(
            proxy.endpoint(),
            conf -> {
              conf.setMaxErrorRetry(0);
              conf.setSocketTimeout(1_000);
            });
    try (AppendWriter w = writer(oss, "log")) {
      proxy.once(appends(), Fault.HOLD_REPLY);
      w.write(bytes("held;"));
      w.flush();
      w.write(bytes("next"));
      w.flush();
      assertThat(w.position()).isEqualTo(9);
    } finally {
      oss.shutdown();
    }
    assertThat(read(direct, bucket, "log")).isEqualTo("held;next");
  }

  @Test
  void aRequestThatNeverReachedTheServerIsSentAgain() throws Exception {
    OSS oss = TestServer.client(proxy.endpoint(), conf -> conf.setMaxErrorRetry(0));
    try (AppendWriter w = writer(oss, "log")) {
      w.write(bytes("a;"));
      w.flush();
      proxy.once(appends(), Fault.DROP_REQUEST);
      w.write(bytes("b;"));
      w.flush();
      w.write(bytes("c"));
      w.flush();
      assertThat(w.position()).isEqualTo(5);
    } finally {
      oss.shutdown();
    }
    assertThat(read(direct, bucket, "log")).isEqualTo("a;b;c");
    assertThat(proxy.requests().stream().filter(appends()).count())
        .as("a;, b; (dropped), b; again, c")
        .isEqualTo(4);
  }

  @Test
  void aSealWhoseAnswerWasLostIsRepeatedHarmlessly() throws Exception {
    OSS oss = TestServer.client(proxy.endpoint(), conf -> conf.setMaxErrorRetry(0));
    try {
      AppendWriter w =
          AppendWriter.builder(oss, bucket, "log")
              .sealOnClose(true)
              .retry(
                  new RetryPolicy(
                      Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofSeconds(20)))
              .open();
      w.write(bytes("sealed"));
      proxy.once(line -> line.startsWith("POST ") && line.contains("seal"), Fault.DROP_REPLY);

      w.close(); // the first seal is applied unheard; the second, at the same length, succeeds
    } finally {
      oss.shutdown();
    }
    assertThat(direct.getObjectMetadata(bucket, "log").getSealedTime()).isNotNull();
    assertThat(proxy.requests().stream().filter(l -> l.contains("seal")).count()).isEqualTo(2);
    assertThat(read(direct, bucket, "log")).isEqualTo("sealed");
  }

  @Test
  void aCrcThatDoesNotContinueTheChainStopsTheWriter() throws Exception {
    OSS oss = TestServer.client(proxy.endpoint(), conf -> conf.setMaxErrorRetry(0));
    try {
      AppendWriter w = writer(oss, "log");
      w.write(bytes("good;"));
      w.flush();
      proxy.once(appends(), Fault.TAMPER_CRC);
      w.write(bytes("bad"));

      assertThatThrownBy(w::flush)
          .isInstanceOfSatisfying(
              OssStreamException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CRC_MISMATCH))
          .hasMessageContaining("CRC-64 mismatch");
      assertThatThrownBy(() -> w.write(bytes("more")))
          .isInstanceOf(OssStreamException.class)
          .hasMessageContaining("an earlier append failed");
      w.close();
    } finally {
      oss.shutdown();
    }
  }

  private AppendWriter writer(OSS oss, String key) throws OssStreamException {
    return AppendWriter.builder(oss, bucket, key)
        .maxDelay(Duration.ofHours(1))
        .retry(
            new RetryPolicy(Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofSeconds(20)))
        .open();
  }
}
