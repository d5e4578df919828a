package dev.osprey.it;

import static dev.osprey.it.WireChecks.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.osprey.server.OspreyServer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The connection limits of a server configured with short timeouts and few connections: the
 * connection bound, the slow-header (slowloris) guard, and the idle timeout. Raw HTTP: no SDK sends
 * a head a byte at a time.
 */
class ConnectionLimitsTest {
  private static final int MAX_CONNECTIONS = 3;
  private static final Duration HEADER_TIMEOUT = Duration.ofSeconds(1);
  private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(3);
  private static final String SIMPLE_GET = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

  private static OspreyServer server;

  @BeforeAll
  static void start() throws IOException {
    server =
        OspreyServer.builder()
            .port(0)
            .tempDataDir()
            .rootCredentials(SharedServer.ACCESS_KEY_ID, SharedServer.ACCESS_KEY_SECRET)
            .maxConnections(MAX_CONNECTIONS)
            .headerTimeout(HEADER_TIMEOUT)
            .idleTimeout(IDLE_TIMEOUT)
            .build()
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static RawConnection connect() throws IOException {
    return new RawConnection(server.port());
  }

  /** An anonymous service listing: any answer at all shows the connection is served. */
  private static int answerOn(RawConnection c) throws IOException {
    c.write(SIMPLE_GET);
    return c.read(false).status();
  }

  @Test
  void connectionsPastTheLimitAreClosedAndServedAgainOnceOneCloses() throws Exception {
    List<RawConnection> open = new ArrayList<>();
    try {
      for (int i = 0; i < MAX_CONNECTIONS; i++) {
        RawConnection c = connect();
        open.add(c);
        assertThat(answerOn(c)).isEqualTo(403);
      }
      try (RawConnection extra = connect()) {
        extra.setReadTimeout(Duration.ofSeconds(5));
        assertThat(extra.closedByServer()).as("a connection past the limit is closed").isTrue();
      }
      open.remove(0).close();
      // The freed slot is released when the server sees the close: retry briefly.
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (true) {
        try (RawConnection again = connect()) {
          assertThat(answerOn(again)).isEqualTo(403);
          break;
        } catch (IOException e) {
          if (System.nanoTime() > deadline) {
            throw e;
          }
          Thread.sleep(50);
        }
      }
    } finally {
      for (RawConnection c : open) {
        c.close();
      }
    }
  }

  @Test
  void aHeadThatTricklesPastTheHeaderTimeoutIsRequestTimeoutAndClosed() throws Exception {
    try (RawConnection c = connect()) {
      long start = System.nanoTime();
      c.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n");
      // A byte every 100 ms for most of the timeout keeps the connection busy; the deadline counts
      // from the first byte, so the answer comes one timeout after it, not after the last byte.
      // (The trickle stops before the deadline: bytes sent into a closed socket would reset it.)
      Duration trickle = HEADER_TIMEOUT.multipliedBy(8).dividedBy(10);
      String more = "X-Slow: abcdefghijklmnopqrstuvwxyz";
      for (int i = 0; elapsed(start).compareTo(trickle) < 0; i++) {
        c.write(more.substring(i, i + 1));
        Thread.sleep(100);
      }
      RawResponse r = c.read(false);
      Duration waited = elapsed(start);
      assertError(r, 400, "RequestTimeout");
      assertThat(r.header("connection")).isEqualToIgnoringCase("close");
      assertThat(waited).isBetween(HEADER_TIMEOUT, trickle.plus(HEADER_TIMEOUT).minusMillis(100));
      assertThat(c.closedByServer()).isTrue();
    }
  }

  private static Duration elapsed(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  @Test
  void anUnusedConnectionOutlivesTheHeaderTimeoutAndIsClosedWhenIdle() throws Exception {
    try (RawConnection c = connect()) {
      assertThat(answerOn(c)).isEqualTo(403);
      // Nothing sent: the header clock never starts, so the connection stays open past it...
      Thread.sleep(HEADER_TIMEOUT.multipliedBy(2).toMillis());
      assertThat(answerOn(c)).isEqualTo(403);
      // ...and the idle timeout closes it once nothing happens for that long.
      long start = System.nanoTime();
      c.setReadTimeout(IDLE_TIMEOUT.multipliedBy(3));
      assertThat(c.closedByServer()).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThan(IDLE_TIMEOUT.minusMillis(500));
    }
  }
}
