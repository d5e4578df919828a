package dev.osprey.client;

import static dev.osprey.client.TestServer.bytes;
import static dev.osprey.client.TestServer.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import dev.osprey.server.OspreyServer;
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
 * A writer and a follower across a real server restart (same port, same data directory): the
 * writer's timer and flushes wait for the server to come back, and neither loses nor repeats a
 * byte.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RestartTest {
  private static final RetryPolicy PATIENT =
      new RetryPolicy(Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofSeconds(60));

  @TempDir Path dir;
  private OspreyServer server;
  private int port;
  private OSS oss;

  @BeforeEach
  void setUp() {
    server = TestServer.start(0, dir);
    port = server.port();
    oss = TestServer.client(server.endpoint(), conf -> conf.setMaxErrorRetry(0));
    oss.createBucket("streams");
  }

  @AfterEach
  void tearDown() {
    oss.shutdown();
    if (server != null) {
      server.close();
    }
  }

  @Test
  void writerAndFollowerCarryOnAcrossARestart() throws Exception {
    AppendWriter w =
        AppendWriter.builder(oss, "streams", "log")
            .maxDelay(Duration.ofMillis(20))
            .retry(PATIENT)
            .sealOnClose(true)
            .open();
    ObjectFollower f =
        ObjectFollower.builder(oss, "streams", "log")
            .pollInterval(Duration.ofMillis(10), Duration.ofMillis(50))
            .retry(PATIENT)
            .open();
    CompletableFuture<String> followed =
        CompletableFuture.supplyAsync(
            () -> {
              try (f) {
                return new String(f.readAllBytes(), StandardCharsets.UTF_8);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            },
            TestServer.THREADS);
    w.write(bytes("before;"));
    w.flush();

    server.close();
    w.write(bytes("during;")); // waits in the writer while the server is away
    CompletableFuture<Void> flushing =
        CompletableFuture.runAsync(
            () -> {
              try {
                w.flush();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            },
            TestServer.THREADS);
    server = TestServer.start(port, dir);
    flushing.get(60, TimeUnit.SECONDS);
    w.write(bytes("after"));
    w.close();

    assertThat(followed.get(60, TimeUnit.SECONDS)).isEqualTo("before;during;after");
    assertThat(read(oss, "streams", "log")).isEqualTo("before;during;after");
    assertThat(w.position()).isEqualTo(19);
  }
}
