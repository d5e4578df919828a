package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.AppendObjectRequest;
import com.aliyun.oss.model.OSSObject;
import com.aliyun.oss.model.ObjectMetadata;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "A 200 means durable": writers append and put while the server process is killed with SIGKILL;
 * after a restart on the same data directory every acknowledged write is there, whole, and of a
 * write that was in flight at the kill either all or nothing is visible.
 */
class CrashDurabilityTest {
  private static final String AK = "LTAIcrashTestKey000";
  private static final String SK = "crashTestSecret0123456789abcdef";
  private static final String BUCKET = "crash-durability";
  private static final int APPENDERS = 6;
  private static final int ACKS_BEFORE_KILL = 30;

  @TempDir Path data;

  /**
   * What one writer knows: the bytes the server acknowledged, and the chunk it was sending when the
   * kill came.
   */
  static final class Log {
    final ByteArrayOutputStream acknowledged = new ByteArrayOutputStream();
    volatile byte[] inFlight;
  }

  @Test
  void acknowledgedWritesSurviveSigkill() throws Exception {
    Map<String, Log> appended = new ConcurrentHashMap<>();
    Map<String, byte[]> put = new ConcurrentHashMap<>();
    ServerProcess server = ServerProcess.start(data, AK, SK);
    OSS oss = Clients.sdk(server.endpoint(), "V1", AK, SK);
    oss.createBucket(BUCKET);
    CountDownLatch enough = new CountDownLatch(APPENDERS * ACKS_BEFORE_KILL);
    ExecutorService pool = Executors.newFixedThreadPool(APPENDERS + 1);
    for (int w = 0; w < APPENDERS; w++) {
      String key = "log-" + w;
      Log log = new Log();
      appended.put(key, log);
      pool.submit(() -> appendUntilFailure(oss, key, log, enough));
    }
    pool.submit(() -> putUntilFailure(oss, put));
    assertThat(enough.await(120, TimeUnit.SECONDS)).as("writers made progress").isTrue();
    server.kill();
    pool.shutdown();
    assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    oss.shutdown();

    try (ServerProcess restarted = ServerProcess.start(data, AK, SK)) {
      OSS after = Clients.sdk(restarted.endpoint(), "V1", AK, SK);
      for (Map.Entry<String, Log> e : appended.entrySet()) {
        byte[] acked = e.getValue().acknowledged.toByteArray();
        assertThat(acked.length).isPositive();
        byte[] stored = read(after, e.getKey());
        byte[] pending = e.getValue().inFlight;
        if (stored.length == acked.length) {
          assertThat(stored).as("appends to %s", e.getKey()).isEqualTo(acked);
        } else {
          assertThat(pending).as("%s grew past what was acknowledged", e.getKey()).isNotNull();
          assertThat(stored)
              .as("%s = acknowledged + the whole in-flight append", e.getKey())
              .isEqualTo(concat(acked, pending));
        }
      }
      assertThat(put).isNotEmpty();
      for (Map.Entry<String, byte[]> e : put.entrySet()) {
        assertThat(read(after, e.getKey())).as("put %s", e.getKey()).isEqualTo(e.getValue());
      }
      after.shutdown();
    }
  }

  private static void appendUntilFailure(OSS oss, String key, Log log, CountDownLatch enough) {
    Random random = new Random(key.hashCode());
    try {
      for (int seq = 0; ; seq++) {
        byte[] chunk = new byte[1 + random.nextInt(8192)];
        random.nextBytes(chunk);
        log.inFlight = chunk;
        AppendObjectRequest req =
            new AppendObjectRequest(BUCKET, key, new ByteArrayInputStream(chunk));
        if (seq % 2 == 0) {
          ObjectMetadata meta = new ObjectMetadata();
          meta.setContentLength(chunk.length); // half with Content-Length, half chunked
          req.setMetadata(meta);
        }
        req.setPosition((long) log.acknowledged.size());
        oss.appendObject(req);
        log.acknowledged.writeBytes(chunk);
        log.inFlight = null;
        enough.countDown();
      }
    } catch (RuntimeException e) {
      // the server was killed: whatever was in flight is either wholly there or wholly absent
    }
  }

  private static void putUntilFailure(OSS oss, Map<String, byte[]> put) {
    Random random = new Random(42);
    try {
      for (int i = 0; ; i++) {
        byte[] body = new byte[random.nextInt(64 * 1024)];
        random.nextBytes(body);
        String key = "put-" + i;
        oss.putObject(BUCKET, key, new ByteArrayInputStream(body));
        put.put(key, body);
      }
    } catch (RuntimeException e) {
      // killed
    }
  }

  private static byte[] read(OSS oss, String key) throws Exception {
    try (OSSObject o = oss.getObject(BUCKET, key)) {
      return o.getObjectContent().readAllBytes();
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    List<byte[]> parts = new ArrayList<>(List.of(a, b));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    parts.forEach(out::writeBytes);
    return out.toByteArray();
  }
}
