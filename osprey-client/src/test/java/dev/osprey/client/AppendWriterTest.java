package dev.osprey.client;

import static dev.osprey.client.TestServer.bytes;
import static dev.osprey.client.TestServer.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.AppendObjectRequest;
import com.aliyun.oss.model.ObjectMetadata;
import dev.osprey.client.OssStreamException.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link AppendWriter} against a real server: batching, threads, sealing, refusals. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AppendWriterTest {
  private static final Duration NEVER = Duration.ofHours(1);
  private final String bucket = TestServer.uniqueBucket("writer");
  private OSS oss;

  @BeforeEach
  void setUp() {
    oss = TestServer.client(TestServer.shared().endpoint());
    oss.createBucket(bucket);
  }

  @AfterEach
  void tearDown() {
    oss.shutdown();
  }

  @Test
  void aBatchGoesOutWhenItIsFullAndNotBefore() throws Exception {
    try (AppendWriter w =
        AppendWriter.builder(oss, bucket, "log").batchSize(8).maxDelay(NEVER).open()) {
      w.write(bytes("1234567"));
      assertThat(oss.doesObjectExist(bucket, "log")).isFalse();
      assertThat(w.position()).isZero();

      w.write(bytes("89"));
      // The write that filled the batch sent it before returning; one byte waits.
      assertThat(length("log")).isEqualTo(8);
      assertThat(w.position()).isEqualTo(8);
      assertThat(w.written()).isEqualTo(9);
    }
    assertThat(read(oss, bucket, "log")).isEqualTo("123456789");
  }

  @Test
  void aBatchGoesOutWhenItsOldestByteHasWaitedMaxDelay() throws Exception {
    try (AppendWriter w =
            AppendWriter.builder(oss, bucket, "log").maxDelay(Duration.ofMillis(100)).open();
        ObjectFollower f = ObjectFollower.builder(oss, bucket, "log").open()) {
      w.write(bytes("tick"));
      // No flush: only the writer's timer can send it, and the follower blocks until it is there.
      assertThat(f.readNBytes(4)).isEqualTo(bytes("tick"));
      assertThat(w.position()).isEqualTo(4);
    }
  }

  @Test
  void flushSendsAtOnceAndALargeWriteIsCutIntoBatches() throws Exception {
    byte[] big = new byte[10_000];
    Arrays.fill(big, (byte) 'x');
    try (AppendWriter w =
        AppendWriter.builder(oss, bucket, "log").batchSize(4096).maxDelay(NEVER).open()) {
      w.write(bytes("head;"));
      w.flush();
      assertThat(length("log")).isEqualTo(5);

      w.write(big);
      // Nothing waited, so two batches of 4,096 went out as they were written; 1,808 wait.
      assertThat(length("log")).isEqualTo(8197);
      w.flush();
      assertThat(w.position()).isEqualTo(10_005);
      assertThat(w.crc()).isEqualTo(oss.getObjectMetadata(bucket, "log").getServerCRC());
    }
  }

  @Test
  void writesFromManyThreadsEachLandWholeAndOnce() throws Exception {
    int threads = 8;
    int records = 200;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (AppendWriter w =
        AppendWriter.builder(oss, bucket, "log")
            .batchSize(1000)
            .maxDelay(Duration.ofMillis(5))
            .open()) {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < records; i++) {
                    w.write(bytes(String.format("t%02d-r%04d\n", thread, i)));
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    List<String> lines = read(oss, bucket, "log").lines().sorted().toList();
    List<String> expected = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      for (int i = 0; i < records; i++) {
        expected.add(String.format("t%02d-r%04d", t, i));
      }
    }
    assertThat(lines).isEqualTo(expected.stream().sorted().toList());
  }

  @Test
  void sealOnCloseSealsTheObjectAndLaterAppendsAreRefused() throws Exception {
    try (AppendWriter w = AppendWriter.builder(oss, bucket, "log").sealOnClose(true).open()) {
      w.write(bytes("final"));
    }
    assertThat(oss.getObjectMetadata(bucket, "log").getSealedTime()).isNotNull();
    assertThat(read(oss, bucket, "log")).isEqualTo("final");

    AppendWriter again = AppendWriter.builder(oss, bucket, "log").maxDelay(Duration.ZERO).open();
    assertThat(again.position()).isEqualTo(5);
    assertThatThrownBy(() -> again.write(bytes("more")))
        .isInstanceOfSatisfying(
            OssStreamException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.REFUSED);
              assertThat(e.errorCode()).isEqualTo("ObjectNotAppendable");
            });
    again.close();
  }

  @Test
  void aWriterThatWroteNothingSealsAnEmptyObject() throws Exception {
    AppendWriter.builder(oss, bucket, "empty").sealOnClose(true).open().close();

    ObjectMetadata m = oss.getObjectMetadata(bucket, "empty");
    assertThat(m.getContentLength()).isZero();
    assertThat(m.getObjectType()).isEqualTo("Appendable");
    assertThat(m.getSealedTime()).isNotNull();
  }

  @Test
  void aWriterCarriesOnAtTheEndOfAnExistingObject() throws Exception {
    AppendObjectRequest first =
        new AppendObjectRequest(bucket, "log", new ByteArrayInputStream(bytes("earlier;")));
    first.setPosition(0L);
    oss.appendObject(first);

    try (AppendWriter w = AppendWriter.builder(oss, bucket, "log").open()) {
      assertThat(w.position()).isEqualTo(8);
      w.write(bytes("later"));
    }
    assertThat(read(oss, bucket, "log")).isEqualTo("earlier;later");
  }

  @Test
  void anObjectThatIsNotAppendableIsRefusedAtOpen() {
    oss.putObject(bucket, "plain", new ByteArrayInputStream(bytes("put")));

    assertThatThrownBy(() -> AppendWriter.builder(oss, bucket, "plain").open())
        .isInstanceOfSatisfying(
            OssStreamException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REFUSED))
        .hasMessageContaining("not appendable");
  }

  @Test
  void aMissingBucketIsTheServersRefusal() {
    assertThatThrownBy(
            () -> {
              try (AppendWriter w =
                  AppendWriter.builder(oss, bucket + "-absent", "log")
                      .maxDelay(Duration.ZERO)
                      .open()) {
                w.write(bytes("x"));
              }
            })
        .isInstanceOfSatisfying(
            OssStreamException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo("NoSuchBucket");
              assertThat(e.getCause()).isInstanceOf(OSSException.class);
            });
  }

  @Test
  void aClosedWriterRefusesWrites() throws IOException {
    AppendWriter w = AppendWriter.builder(oss, bucket, "log").open();
    w.close();
    w.close();
    assertThatThrownBy(() -> w.write(1))
        .isInstanceOfSatisfying(
            OssStreamException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CLOSED));
  }

  private long length(String key) {
    return oss.getObjectMetadata(bucket, key).getContentLength();
  }
}
