package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.OSSObject;
import dev.osprey.server.OspreyServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Server lifecycle and readers' safety: graceful shutdown, and GETs that outlive an overwrite or a
 * delete.
 */
class LifecycleTest {
  private static final String AK = "LTAIlifecycleKey0000";
  private static final String SK = "lifecycleSecret0123456789abcdef";

  @TempDir Path data;

  @Test
  void closeLetsTheRequestInFlightFinishAndKeepsItsData() throws Exception {
    OspreyServer server = start();
    OSS oss = Clients.sdk(server.endpoint(), "V1", AK, SK);
    oss.createBucket("grace");
    oss.shutdown();
    byte[] body = "half one|half two".getBytes(StandardCharsets.UTF_8);
    RawRequest put =
        RawRequest.of("PUT", "grace", "slow.txt")
            .host("127.0.0.1:" + server.port())
            .credentials(AK, SK)
            .body(body);
    CompletableFuture<Void> closing;
    try (RawConnection c = new RawConnection(server.port())) {
      c.write(put.headBytes());
      c.write(Arrays.copyOf(body, 9));
      assertThat(await(() -> server.requestsInFlight() == 1))
          .as("the upload is in flight")
          .isTrue();

      closing = CompletableFuture.runAsync(server::close);
      assertThat(await(() -> !accepting(server.port()))).as("no new connections").isTrue();
      assertThat(closing).as("close waits for the request in flight").isNotDone();

      c.write(Arrays.copyOfRange(body, 9, body.length));
      assertThat(c.read(false).status()).isEqualTo(200);
    }
    closing.get(30, TimeUnit.SECONDS);

    try (OspreyServer restarted = start()) {
      OSS after = Clients.sdk(restarted.endpoint(), "V1", AK, SK);
      try (OSSObject o = after.getObject("grace", "slow.txt")) {
        assertThat(o.getObjectContent().readAllBytes()).isEqualTo(body);
      }
      after.shutdown();
    }
  }

  @Test
  void aGetInProgressKeepsServingTheOldBytesThroughOverwriteAndDelete() throws Exception {
    try (OspreyServer server = start()) {
      OSS oss = Clients.sdk(server.endpoint(), "V4", AK, SK);
      oss.createBucket("readers");
      // Large enough that the response cannot sit whole in socket buffers when the overwrite
      // happens.
      byte[] original = random(48 << 20, 1);
      byte[] replacement = random(1 << 20, 2);
      oss.putObject("readers", "big.bin", new ByteArrayInputStream(original));

      try (OSSObject reading = oss.getObject("readers", "big.bin");
          InputStream in = reading.getObjectContent()) {
        byte[] head = in.readNBytes(1 << 20);
        oss.putObject("readers", "big.bin", new ByteArrayInputStream(replacement));
        oss.deleteObject("readers", "big.bin");
        byte[] rest = in.readAllBytes();
        assertThat(head.length + rest.length).isEqualTo(original.length);
        assertThat(Arrays.equals(head, 0, head.length, original, 0, head.length)).isTrue();
        assertThat(Arrays.equals(rest, 0, rest.length, original, head.length, original.length))
            .as("the rest of the old object, byte for byte")
            .isTrue();
      }
      assertThat(oss.doesObjectExist("readers", "big.bin")).isFalse();
      oss.shutdown();
    }
  }

  @Test
  void anIdleKeptAliveConnectionIsClosedButABusyOneIsNot() throws Exception {
    try (OspreyServer server =
        OspreyServer.builder()
            .port(0)
            .dataDir(data)
            .rootCredentials(AK, SK)
            .idleTimeout(Duration.ofMillis(300))
            .build()
            .start()) {
      OSS oss = Clients.sdk(server.endpoint(), "V1", AK, SK);
      oss.createBucket("idle");
      oss.shutdown();
      // Requests are built first: building one may start the shared server, which takes longer than
      // the timeout.
      RawRequest list =
          RawRequest.of("GET", "idle", null).host("127.0.0.1:" + server.port()).credentials(AK, SK);
      byte[] body = "slowly".getBytes(StandardCharsets.UTF_8);
      RawRequest put =
          RawRequest.of("PUT", "idle", "slow.txt")
              .host("127.0.0.1:" + server.port())
              .credentials(AK, SK)
              .body(body);
      try (RawConnection idle = new RawConnection(server.port());
          RawConnection slow = new RawConnection(server.port())) {
        assertThat(idle.send(list).status()).isEqualTo(200);
        slow.write(put.headBytes());
        slow.write(Arrays.copyOf(body, 2));

        idle.setReadTimeout(Duration.ofSeconds(20));
        assertThat(idle.closedByServer()).as("idle connection closed").isTrue();
        // The upload's connection has been silent for longer than the idle timeout too, but a
        // request is in flight.
        slow.write(Arrays.copyOfRange(body, 2, body.length));
        assertThat(slow.read(false).status()).isEqualTo(200);
      }
    }
  }

  private OspreyServer start() throws IOException {
    return OspreyServer.builder().port(0).dataDir(data).rootCredentials(AK, SK).build().start();
  }

  private static boolean accepting(int port) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      return true;
    } catch (ConnectException e) {
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  /** Checks a condition until it holds or 20 seconds pass. */
  private static boolean await(BooleanSupplier condition) throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < until) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(5);
    }
    return condition.getAsBoolean();
  }

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }
}
