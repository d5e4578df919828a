package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;
import com.aliyun.oss.model.AppendObjectRequest;
import com.aliyun.oss.model.OSSObject;
import com.aliyun.oss.model.SealAppendObjectRequest;
import dev.osprey.client.AppendSession;
import dev.osprey.client.AppendWriter;
import dev.osprey.client.ObjectFollower;
import dev.osprey.client.RetryPolicy;
import dev.osprey.server.OspreyServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streams that survive: the osprey-client appender and follower (what {@code osprey append} and
 * {@code osprey cat --follow} run on) across a real server restart on the same port and data
 * directory, following an object that does not exist yet, and flushing what was written without
 * waiting for the delay (what the SIGINT/SIGTERM hook of {@code osprey append} does).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CliStreamRestartTest {
  private static final String ID = "LTAIrestarttest";
  private static final String SECRET = "restart-test-secret";
  private static final String BUCKET = "streams";

  @TempDir Path tmp;
  private OspreyServer server;
  private int port;
  private OSS oss;

  @BeforeEach
  void setUp() throws Exception {
    server = start(0);
    port = URI.create(server.endpoint()).getPort();
    oss = client();
    oss.createBucket(BUCKET);
  }

  @AfterEach
  void tearDown() {
    oss.shutdown();
    if (server != null) {
      server.close();
    }
  }

  @Test
  void theAppenderWaitsForARestartAndLosesOrRepeatsNothing() throws Exception {
    AppendSession appender =
        AppendSession.open(oss, BUCKET, "log", RetryPolicy.retryFor(Duration.ofSeconds(60)));
    appender.append(bytes("before;"), 0, 7);
    AppendSession impatient =
        AppendSession.open(oss, BUCKET, "log", RetryPolicy.retryFor(Duration.ZERO));
    server.close();
    server = null;

    assertThatThrownBy(() -> impatient.append(bytes("x"), 0, 1))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("cannot reach the server");

    CompletableFuture<Void> during =
        CompletableFuture.runAsync(
            () -> {
              try {
                appender.append(bytes("during;"), 0, 7);
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
    server = start(port);
    during.get(60, TimeUnit.SECONDS);
    appender.append(bytes("after"), 0, 5);

    assertThat(new String(read("log"), StandardCharsets.UTF_8)).isEqualTo("before;during;after");
    assertThat(appender.position()).isEqualTo(19);
  }

  @Test
  void theFollowerCarriesOnAcrossARestartFromTheLastByte() throws Exception {
    append("log", 0, "one;");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ObjectFollower follower =
        ObjectFollower.builder(oss, BUCKET, "log")
            .pollInterval(Duration.ofMillis(20))
            .retry(RetryPolicy.retryFor(Duration.ofSeconds(60)))
            .open();
    CompletableFuture<Long> following = CompletableFuture.supplyAsync(() -> follow(follower, out));
    awaitOutput(out, "one;");

    server.close();
    server = start(port);
    append("log", 4, "two");
    oss.sealAppendObject(new SealAppendObjectRequest(BUCKET, "log").withPosition(7L));

    assertThat(following.get(60, TimeUnit.SECONDS)).isEqualTo(7);
    assertThat(text(out)).isEqualTo("one;two");
  }

  @Test
  void followingWaitsForAnObjectThatDoesNotExistYet() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ObjectFollower follower =
        ObjectFollower.builder(oss, BUCKET, "later").pollInterval(Duration.ofMillis(20)).open();
    CompletableFuture<Long> following = CompletableFuture.supplyAsync(() -> follow(follower, out));

    append("later", 0, "born");
    oss.sealAppendObject(new SealAppendObjectRequest(BUCKET, "later").withPosition(4L));

    assertThat(following.get(60, TimeUnit.SECONDS)).isEqualTo(4);
    assertThat(text(out)).isEqualTo("born");
  }

  @Test
  void flushSendsWhatWasWrittenWithoutWaitingForTheDelay() throws Exception {
    AppendWriter writer =
        AppendWriter.builder(oss, BUCKET, "signal").maxDelay(Duration.ofHours(1)).open();
    writer.write(bytes("last line\n"));

    writer.flush(); // what the SIGINT/SIGTERM hook of `osprey append` calls

    assertThat(writer.position()).isEqualTo(10);
    assertThat(new String(read("signal"), StandardCharsets.UTF_8)).isEqualTo("last line\n");
    writer.close();
  }

  private static long follow(ObjectFollower follower, ByteArrayOutputStream out) {
    return CliClientTest.copy(follower, new SynchronizedOut(out));
  }

  private static void awaitOutput(ByteArrayOutputStream out, String expected) {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!text(out).equals(expected) && System.nanoTime() < until) {
      Thread.onSpinWait();
    }
    assertThat(text(out)).isEqualTo(expected);
  }

  private static String text(ByteArrayOutputStream out) {
    synchronized (out) {
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  /** Writes under the buffer's lock, so the test thread reads it safely. */
  private static final class SynchronizedOut extends java.io.OutputStream {
    private final ByteArrayOutputStream out;

    SynchronizedOut(ByteArrayOutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) {
      synchronized (out) {
        out.write(b);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) {
      synchronized (out) {
        out.write(b, off, len);
      }
    }
  }

  private void append(String key, long position, String text) {
    AppendObjectRequest req =
        new AppendObjectRequest(BUCKET, key, new ByteArrayInputStream(bytes(text)));
    req.setPosition(position);
    oss.appendObject(req);
  }

  private byte[] read(String key) throws IOException {
    try (OSSObject o = oss.getObject(BUCKET, key)) {
      return o.getObjectContent().readAllBytes();
    }
  }

  private OspreyServer start(int p) throws IOException {
    return OspreyServer.builder()
        .port(p)
        .dataDir(tmp.resolve("data"))
        .rootCredentials(ID, SECRET)
        .build()
        .start();
  }

  private OSS client() {
    ClientBuilderConfiguration conf = new ClientBuilderConfiguration();
    conf.setMaxErrorRetry(0);
    return new OSSClientBuilder().build("http://127.0.0.1:" + port, ID, SECRET, conf);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
