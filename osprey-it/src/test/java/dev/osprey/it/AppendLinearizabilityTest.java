package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Many clients race appends on a few objects over raw HTTP (one kept-alive connection each, so the
 * client costs little), every answer is recorded, and {@link AppendHistory} checks the history is
 * linearizable: one chain of acknowledged appends per object, every 409 reporting a length that was
 * true during the request, the final bytes exactly the winners' payloads in order.
 *
 * <p>CI runs {@value #CI_ATTEMPTS} appends; {@code -Dosprey.appendRace.attempts=100000} runs the
 * long version (figures in docs/benchmarks.md).
 */
class AppendLinearizabilityTest {
  private static final int CI_ATTEMPTS = 20_000;
  private static final int CLIENTS = 16;
  private static final int OBJECTS = 4;
  private static final int SDK_APPENDERS = 4;
  private static final int SDK_READERS = 2;
  private static final int SDK_APPENDS = 150;

  @Test
  void racingAppendsAreLinearizable() throws Exception {
    int total = Integer.getInteger("osprey.appendRace.attempts", CI_ATTEMPTS);
    String bucket = Buckets.unique("append-linear");
    OSS oss = Clients.shared("V1");
    try {
      oss.createBucket(bucket);
      for (int o = 0; o < OBJECTS; o++) {
        Appends.append(oss, bucket, key(o), 0, new byte[0]);
      }
      AppendHistory history = new AppendHistory();
      long started = System.nanoTime();
      race(bucket, total, history);
      long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

      assertThat(history.size()).as("answers recorded").isEqualTo(total);
      List<String> problems = new ArrayList<>();
      for (int o = 0; o < OBJECTS; o++) {
        byte[] content;
        try (var obj = oss.getObject(bucket, key(o))) {
          content = obj.getObjectContent().readAllBytes();
        }
        String prefix = key(o) + ": ";
        problems.addAll(history.violations(o, content).stream().map(prefix::concat).toList());
      }
      System.out.printf(
          "append race: %d appends by %d clients on %d objects in %d ms: %d acknowledged, %d"
              + " conflicts, %d violations%n",
          total,
          CLIENTS,
          OBJECTS,
          elapsedMs,
          history.acknowledged(),
          history.conflicts(),
          problems.size());
      assertThat(problems).isEmpty();
      assertThat(history.acknowledged()).isGreaterThan(OBJECTS);
      assertThat(history.conflicts()).as("the clients did race").isPositive();
    } finally {
      oss.shutdown();
    }
  }

  /**
   * The official SDK, as applications use it: appenders (V1 and V4 signatures) race on one object,
   * each learning the length from its own answers and, after losing, from a HEAD; readers GET the
   * whole object meanwhile. Every append answer and every read is checked by {@link AppendHistory}:
   * the acknowledged appends form one chain, each visible at its position, and no reader saw a byte
   * that was not acknowledged or that changed later, or a length out of real-time order. {@code
   * -Dosprey.appendRace.sdkAppends=N} sets the appends per appender.
   */
  @Test
  void sdkAppendersAndReadersSeeOneHistory() throws Exception {
    int appends = Integer.getInteger("osprey.appendRace.sdkAppends", SDK_APPENDS);
    String bucket = Buckets.unique("append-linear-sdk");
    String key = "one.log";
    OSS owner = Clients.shared("V4");
    List<OSS> clients = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(SDK_APPENDERS + SDK_READERS);
    try {
      owner.createBucket(bucket);
      Appends.append(owner, bucket, key, 0, new byte[0]);
      AppendHistory history = new AppendHistory();
      CountDownLatch start = new CountDownLatch(1);
      AtomicBoolean appending = new AtomicBoolean(true);
      List<Future<?>> appenders = new ArrayList<>();
      for (int a = 0; a < SDK_APPENDERS; a++) {
        OSS oss = Clients.shared(a % 2 == 0 ? "V1" : "V4");
        clients.add(oss);
        int client = a;
        appenders.add(
            pool.submit(
                () -> {
                  start.await();
                  sdkAppender(oss, bucket, key, client, appends, history);
                  return null;
                }));
      }
      List<Future<Integer>> readers = new ArrayList<>();
      for (int r = 0; r < SDK_READERS; r++) {
        OSS oss = Clients.shared(r % 2 == 0 ? "V4" : "V1");
        clients.add(oss);
        readers.add(
            pool.submit(
                () -> {
                  start.await();
                  int n = 0;
                  while (appending.get()) {
                    long sent = System.nanoTime();
                    byte[] seen;
                    try (var o = oss.getObject(bucket, key)) {
                      seen = o.getObjectContent().readAllBytes();
                    }
                    history.record(
                        new AppendHistory.Read(0, seen.length, seen, sent, System.nanoTime()));
                    n++;
                  }
                  return n;
                }));
      }
      start.countDown();
      try {
        for (Future<?> f : appenders) {
          f.get(5, TimeUnit.MINUTES);
        }
      } finally {
        appending.set(false);
      }
      int gets = 0;
      for (Future<Integer> f : readers) {
        gets += f.get(1, TimeUnit.MINUTES);
      }
      byte[] content;
      try (var o = owner.getObject(bucket, key)) {
        content = o.getObjectContent().readAllBytes();
      }
      List<String> problems = history.violations(0, content);
      System.out.printf(
          "sdk append race: %d appends by %d appenders, %d acknowledged, %d conflicts; %d reads"
              + " (%d GETs by %d readers); %d violations%n",
          history.size(),
          SDK_APPENDERS,
          history.acknowledged(),
          history.conflicts(),
          history.reads(),
          gets,
          SDK_READERS,
          problems.size());
      assertThat(problems).isEmpty();
      assertThat(history.size()).isEqualTo(SDK_APPENDERS * appends);
      assertThat(history.acknowledged()).isGreaterThan(SDK_APPENDERS);
      assertThat(content.length).isPositive();
      assertThat(gets).as("the readers did read while the appenders ran").isPositive();
    } finally {
      pool.shutdownNow();
      clients.forEach(OSS::shutdown);
      owner.shutdown();
    }
  }

  /**
   * Appends {@code appends} times at the length it knows: from a success's next position, or after
   * a PositionNotEqualToLength from a HEAD (recorded as a read: it is one).
   */
  private static void sdkAppender(
      OSS oss, String bucket, String key, int client, int appends, AppendHistory history) {
    Random random = new Random(100 + client);
    long known = 0;
    for (int i = 0; i < appends; i++) {
      StringBuilder sb = new StringBuilder().append("sdk").append(client).append('.').append(i);
      for (int n = random.nextInt(40); n > 0; n--) {
        sb.append((char) ('a' + random.nextInt(26)));
      }
      byte[] payload = sb.append('\n').toString().getBytes(StandardCharsets.US_ASCII);
      long sent = System.nanoTime();
      AppendHistory.Answer answer;
      try {
        long next = Appends.append(oss, bucket, key, known, payload).getNextPosition();
        answer = new AppendHistory.Answer(200, null, next);
      } catch (OSSException e) {
        // The SDK keeps no x-oss-next-append-position of an error answer: -1, learnt by HEAD.
        answer = new AppendHistory.Answer(409, e.getErrorCode(), -1);
      }
      long answered = System.nanoTime();
      history.record(new AppendHistory.Attempt(0, known, payload, sent, answered, answer));
      if (answer.status() == 200) {
        known = answer.nextPosition();
      } else {
        long headSent = System.nanoTime();
        long length = oss.getObjectMetadata(bucket, key).getContentLength();
        history.record(new AppendHistory.Read(0, length, null, headSent, System.nanoTime()));
        known = length;
      }
    }
  }

  private static String key(int object) {
    return "race-" + object + ".log";
  }

  /** Runs {@code total} appends from {@link #CLIENTS} clients at once, recording each answer. */
  private static void race(String bucket, int total, AppendHistory history) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> clients = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        int attempts = total / CLIENTS + (c < total % CLIENTS ? 1 : 0);
        clients.add(
            pool.submit(
                () -> {
                  start.await();
                  new Appender(bucket, client, history).run(attempts);
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : clients) {
        f.get(10, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * One client: appends to a random object at the length it last heard of, learning the new one
   * from each answer, 200 or 409, as OSS's documented append loop does.
   */
  private static final class Appender {
    private final String bucket;
    private final int client;
    private final AppendHistory history;
    private final long[] known = new long[OBJECTS];
    private final Random random;
    private RawConnection connection;

    Appender(String bucket, int client, AppendHistory history) {
      this.bucket = bucket;
      this.client = client;
      this.history = history;
      this.random = new Random(client);
    }

    void run(int attempts) throws IOException {
      try {
        for (int i = 0; i < attempts; i++) {
          int object = random.nextInt(OBJECTS);
          byte[] payload = payload(i);
          long position = known[object];
          RawRequest request =
              RawRequest.of("POST", bucket, key(object))
                  .query("append", null)
                  .query("position", Long.toString(position))
                  .body(payload);
          long sent = System.nanoTime();
          RawResponse r = send(request);
          long answered = System.nanoTime();
          String next = r.header("x-oss-next-append-position");
          long nextPosition = next == null ? -1 : Long.parseLong(next);
          AppendHistory.Answer answer =
              new AppendHistory.Answer(
                  r.status(), r.status() == 200 ? null : r.errorCode(), nextPosition);
          history.record(
              new AppendHistory.Attempt(object, position, payload, sent, answered, answer));
          if (nextPosition >= 0) {
            known[object] = nextPosition;
          }
        }
      } finally {
        if (connection != null) {
          connection.close();
        }
      }
    }

    /** Unique to this client and attempt, of varying length, so any misplaced byte shows. */
    private byte[] payload(int attempt) {
      StringBuilder sb = new StringBuilder().append(client).append('.').append(attempt).append(':');
      for (int n = random.nextInt(24); n > 0; n--) {
        sb.append((char) ('a' + random.nextInt(26)));
      }
      return sb.append('\n').toString().getBytes(StandardCharsets.US_ASCII);
    }

    private RawResponse send(RawRequest request) throws IOException {
      if (connection == null) {
        connection = new RawConnection();
      }
      RawResponse r = connection.send(request);
      if ("close".equalsIgnoreCase(r.header("connection"))) {
        connection.close();
        connection = null;
      }
      return r;
    }
  }
}
