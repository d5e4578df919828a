package dev.osprey.client;

import static dev.osprey.client.TestServer.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.AppendObjectRequest;
import com.aliyun.oss.model.SealAppendObjectRequest;
import dev.osprey.client.FaultyProxy.Fault;
import dev.osprey.client.OssStreamException.Reason;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link ObjectFollower} against a real server: following, positions, checks, closing. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ObjectFollowerTest {
  private final String bucket = TestServer.uniqueBucket("follow");
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
  void followsAppendsAndEndsAtTheSeal() throws Exception {
    append("log", 0, "one;");
    ObjectFollower f = follower("log").open();
    CompletableFuture<String> all = readAll(f);
    append("log", 4, "two;");
    append("log", 8, "three");
    oss.sealAppendObject(new SealAppendObjectRequest(bucket, "log").withPosition(13L));

    assertThat(all.get(30, TimeUnit.SECONDS)).isEqualTo("one;two;three");
    assertThat(f.position()).isEqualTo(13);
  }

  @Test
  void startsFromAGivenPosition() throws Exception {
    append("log", 0, "skip;keep");
    try (ObjectFollower f = follower("log").from(5).follow(false).open()) {
      assertThat(new String(f.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("keep");
      assertThat(f.position()).isEqualTo(9);
    }
  }

  @Test
  void notFollowingReadsToTheCurrentEndAndAMissingObjectIsNoSuchKey() throws Exception {
    append("log", 0, "now");
    try (ObjectFollower f = follower("log").follow(false).open()) {
      assertThat(f.readAllBytes()).isEqualTo(bytes("now"));
    }
    try (ObjectFollower f = follower("absent").follow(false).open()) {
      assertThatThrownBy(f::read)
          .isInstanceOfSatisfying(
              OssStreamException.class, e -> assertThat(e.errorCode()).isEqualTo("NoSuchKey"));
    }
  }

  @Test
  void waitsForAnObjectThatDoesNotExistYet() throws Exception {
    ObjectFollower f = follower("later").open();
    CompletableFuture<String> all = readAll(f);
    append("later", 0, "born");
    oss.sealAppendObject(new SealAppendObjectRequest(bucket, "later").withPosition(4L));

    assertThat(all.get(30, TimeUnit.SECONDS)).isEqualTo("born");
  }

  @Test
  void closingFromAnotherThreadEndsAWaitingRead() throws Exception {
    append("log", 0, "x");
    ObjectFollower f = follower("log").open();
    assertThat(f.read()).isEqualTo('x');
    CompletableFuture<Integer> waiting =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return f.read();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            },
            TestServer.THREADS);

    f.close();

    assertThat(waiting.get(30, TimeUnit.SECONDS)).isEqualTo(-1);
  }

  @Test
  void anObjectReplacedByAShorterOneStopsTheFollower() throws Exception {
    append("log", 0, "long enough");
    try (ObjectFollower f = follower("log").open()) {
      assertThat(f.readNBytes(11)).isEqualTo(bytes("long enough"));
      oss.putObject(bucket, "log", new ByteArrayInputStream(bytes("short")));

      assertThatThrownBy(f::read)
          .isInstanceOfSatisfying(
              OssStreamException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REPLACED))
          .hasMessageContaining("shrank");
    }
  }

  @Test
  void aCrcThatDoesNotMatchTheBytesReadStopsTheFollower() throws Exception {
    append("log", 0, "checked");
    try (FaultyProxy proxy = new FaultyProxy(TestServer.shared().endpoint())) {
      OSS viaProxy = TestServer.client(proxy.endpoint());
      proxy.once(FaultyProxy.gets(), Fault.TAMPER_CRC);
      try (ObjectFollower f =
          ObjectFollower.builder(viaProxy, bucket, "log").follow(false).open()) {
        assertThatThrownBy(f::readAllBytes)
            .isInstanceOfSatisfying(
                OssStreamException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.CRC_MISMATCH));
      } finally {
        viaProxy.shutdown();
      }
    }
  }

  @Test
  void aConnectionCutMidBodyIsResumedFromTheLastByte() throws Exception {
    byte[] big = new byte[300_000];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) (i % 251);
    }
    AppendObjectRequest req = new AppendObjectRequest(bucket, "big", new ByteArrayInputStream(big));
    req.setPosition(0L);
    oss.appendObject(req);
    try (FaultyProxy proxy = new FaultyProxy(TestServer.shared().endpoint())) {
      OSS viaProxy = TestServer.client(proxy.endpoint(), conf -> conf.setMaxErrorRetry(0));
      proxy.once(FaultyProxy.gets(), Fault.CUT_BODY);
      try (ObjectFollower f =
          ObjectFollower.builder(viaProxy, bucket, "big")
              .follow(true)
              .retry(
                  new RetryPolicy(
                      Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(10)))
              .open()) {
        assertThat(f.readNBytes(big.length)).isEqualTo(big);
        assertThat(f.position()).isEqualTo(big.length);
      } finally {
        viaProxy.shutdown();
      }
      List<String> gets = proxy.requests().stream().filter(FaultyProxy.gets()).toList();
      assertThat(gets).as("the whole object, then the rest after the cut").hasSize(2);
    }
  }

  @Test
  void aServerWithoutTheLiveTailIsFollowedByPolling() throws Exception {
    append("log", 0, "one;");
    try (FaultyProxy proxy = new FaultyProxy(TestServer.shared().endpoint()).withoutLiveTail()) {
      OSS viaProxy = TestServer.client(proxy.endpoint());
      try {
        ObjectFollower f =
            ObjectFollower.builder(viaProxy, bucket, "log")
                .pollInterval(Duration.ofMillis(10), Duration.ofMillis(40))
                .open();
        CompletableFuture<String> all = readAll(f);
        // The first read reaches the end of what exists; wait for a poll before appending, so
        // the new bytes can only arrive by polling.
        awaitRequest(proxy, line -> line.startsWith("HEAD "));
        append("log", 4, "two;");
        append("log", 8, "three");
        oss.sealAppendObject(new SealAppendObjectRequest(bucket, "log").withPosition(13L));

        assertThat(all.get(30, TimeUnit.SECONDS)).isEqualTo("one;two;three");
      } finally {
        viaProxy.shutdown();
      }
      List<String> tailRequests =
          proxy.requests().stream().filter(line -> line.contains("x-osprey-tail=")).toList();
      assertThat(tailRequests)
          .as("one live-tail request, answered as a plain GET; polling from then on")
          .hasSize(1);
      assertThat(proxy.requests().stream().filter(line -> line.startsWith("HEAD ")).count())
          .as("polls")
          .isPositive();
    }
  }

  private static void awaitRequest(FaultyProxy proxy, java.util.function.Predicate<String> line)
      throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (proxy.requests().stream().noneMatch(line)) {
      assertThat(System.nanoTime()).as("a matching request reached the proxy").isLessThan(until);
      Thread.sleep(5);
    }
  }

  private ObjectFollower.Builder follower(String key) {
    return ObjectFollower.builder(oss, bucket, key)
        .pollInterval(Duration.ofMillis(10), Duration.ofMillis(40));
  }

  private static CompletableFuture<String> readAll(ObjectFollower f) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (f) {
            return new String(f.readAllBytes(), StandardCharsets.UTF_8);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        },
        TestServer.THREADS);
  }

  private void append(String key, long position, String text) {
    AppendObjectRequest req =
        new AppendObjectRequest(bucket, key, new ByteArrayInputStream(bytes(text)));
    req.setPosition(position);
    oss.appendObject(req);
  }
}
