package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.AppendObjectRequest;
import com.aliyun.oss.model.AppendObjectResult;
import com.aliyun.oss.model.GetObjectRequest;
import com.aliyun.oss.model.OSSObject;
import dev.osprey.storage.postgres.PostgresProcess;
import dev.osprey.storage.s3.S3MockServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three Osprey nodes ({@code osprey server} child processes) sharing one PostgreSQL (metadata) and
 * one S3 server (bytes), the way a scaled-out deployment runs. Writers on every node race appends
 * to the same objects through the official SDK; every acknowledged append is read back at once from
 * another node; one node is killed with SIGKILL mid-load. Then: the acknowledged appends of each
 * object never overlap (one winner per position), every acknowledged byte is where its answer said,
 * what lies between them is only appends whose answer was lost with the killed node, and the CRC-64
 * header is that of the bytes, on every node.
 */
class MultiNodeTest {
  private static final String ID = "LTAIospreyMultiNode1";
  private static final String SECRET = "ospreyMultiNodeSecret0123456789a";
  private static final String BUCKET = "multi-node";
  private static final int NODES = 3;
  private static final int KEYS = 3;
  private static final int WRITERS_PER_NODE = 2;

  @TempDir Path dirs;

  /** An append that a writer sent: acknowledged (at its position) or not (its answer was lost). */
  private record Sent(String key, long position, byte[] bytes, boolean acked) {}

  static ServerProcess node(Path dir, PostgresProcess pg, String schema, S3MockServer s3)
      throws IOException {
    Files.createDirectories(dir);
    String uri = "postgresql://" + PostgresProcess.USER + "@127.0.0.1:" + pg.port() + "/postgres";
    return ServerProcess.launch(
        List.of(
            "--data",
            s3.dataUri(schemaPrefix(schema)),
            "--metadata-dir",
            dir.toString(),
            "--metadata",
            uri + "?schema=" + schema),
        Map.of(
            "AWS_ACCESS_KEY_ID", S3MockServer.ACCESS_KEY_ID,
            "AWS_SECRET_ACCESS_KEY", S3MockServer.SECRET_ACCESS_KEY,
            "OSPREY_METADATA_PASSWORD", pg.password()),
        ID,
        SECRET);
  }

  private static String schemaPrefix(String schema) {
    return "multi-" + schema + "/";
  }

  private static byte[] get(OSS oss, String key, long from, long to) throws IOException {
    GetObjectRequest req = new GetObjectRequest(BUCKET, key);
    if (from >= 0) {
      req.setRange(from, to);
    }
    try (OSSObject o = oss.getObject(req);
        InputStream in = o.getObjectContent()) {
      return in.readAllBytes();
    }
  }

  @Test
  void racingAppendsOnThreeNodesWithOneKilled() throws Exception {
    PostgresProcess pg = PostgresProcess.shared();
    S3MockServer s3 = S3MockServer.shared();
    String schema = pg.newSchema();
    List<ServerProcess> nodes = new ArrayList<>();
    List<OSS> clients = new ArrayList<>();
    try {
      for (int n = 0; n < NODES; n++) {
        nodes.add(node(dirs.resolve("node" + n), pg, schema, s3));
        clients.add(Clients.sdk(nodes.get(n).endpoint(), n % 2 == 0 ? "V4" : "V1", ID, SECRET));
      }
      clients.get(0).createBucket(BUCKET);
      for (int n = 0; n < NODES; n++) {
        assertThat(clients.get(n).doesBucketExist(BUCKET)).as("bucket seen on node %d", n).isTrue();
      }

      ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger acks = new AtomicInteger();
      AtomicInteger conflicts = new AtomicInteger();
      int victim = NODES - 1;
      AtomicBoolean victimDead = new AtomicBoolean();
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> writers = new ArrayList<>();
      for (int n = 0; n < NODES; n++) {
        for (int w = 0; w < WRITERS_PER_NODE; w++) {
          int node = n;
          int writer = n * WRITERS_PER_NODE + w;
          writers.add(
              Thread.ofPlatform()
                  .name("writer-" + writer)
                  .start(
                      () ->
                          write(
                              node,
                              writer,
                              clients,
                              start,
                              stop,
                              victim,
                              victimDead,
                              sent,
                              problems,
                              acks,
                              conflicts)));
        }
      }
      start.countDown();
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (acks.get() < 100 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      victimDead.set(true);
      nodes.get(victim).kill();
      int atKill = acks.get();
      while (acks.get() < atKill + 100 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      stop.set(true);
      for (Thread t : writers) {
        t.join(60_000);
      }
      assertThat(problems).as("problems seen by the writers").isEmpty();
      assertThat(acks.get()).as("acknowledged appends").isGreaterThan(atKill);
      assertThat(conflicts.get()).as("lost races (PositionNotEqualToLength)").isPositive();

      // The killed node comes back over the same directory and serves the same objects.
      nodes.set(victim, node(dirs.resolve("node" + victim), pg, schema, s3));
      clients.get(victim).shutdown();
      clients.set(victim, Clients.sdk(nodes.get(victim).endpoint(), "V4", ID, SECRET));

      for (int k = 0; k < KEYS; k++) {
        String key = "log-" + k;
        List<Sent> acked =
            sent.stream()
                .filter(s -> s.key().equals(key) && s.acked())
                .sorted(Comparator.comparingLong(Sent::position))
                .toList();
        List<byte[]> unacked =
            sent.stream().filter(s -> s.key().equals(key) && !s.acked()).map(Sent::bytes).toList();
        assertThat(acked).as("acked appends to %s", key).isNotEmpty();
        byte[] whole = get(clients.get(0), key, -1, -1);
        long covered = 0;
        for (Sent s : acked) {
          assertThat(s.position())
              .as("%s: acked append at %d overlaps the one before", key, s.position())
              .isGreaterThanOrEqualTo(covered);
          if (s.position() > covered) {
            assertGapIsUnacked(whole, covered, s.position(), unacked, key);
          }
          assertThat(
                  Arrays.copyOfRange(
                      whole, (int) s.position(), (int) s.position() + s.bytes().length))
              .as("%s: bytes acked at %d", key, s.position())
              .isEqualTo(s.bytes());
          covered = s.position() + s.bytes().length;
        }
        if (whole.length > covered) {
          assertGapIsUnacked(whole, covered, whole.length, unacked, key);
        }
        long crc = Payloads.crc64(whole);
        for (int n = 0; n < NODES; n++) {
          OSS oss = clients.get(n);
          assertThat(get(oss, key, -1, -1)).as("%s read on node %d", key, n).isEqualTo(whole);
          assertThat(oss.getObjectMetadata(BUCKET, key).getServerCRC())
              .as("%s CRC on node %d", key, n)
              .isEqualTo(crc);
        }
      }
    } finally {
      for (OSS c : clients) {
        c.shutdown();
      }
      for (ServerProcess p : nodes) {
        p.close();
      }
    }
  }

  /** Bytes [from, to) of {@code whole} must be a run of appends whose answers were lost. */
  private static void assertGapIsUnacked(
      byte[] whole, long from, long to, List<byte[]> unacked, String key) {
    long at = from;
    while (at < to) {
      byte[] found = null;
      for (byte[] u : unacked) {
        if (at + u.length <= to
            && Arrays.equals(whole, (int) at, (int) at + u.length, u, 0, u.length)) {
          found = u;
          break;
        }
      }
      assertThat(found)
          .as("%s: bytes at %d (before %d) are no append that was sent", key, at, to)
          .isNotNull();
      at += found.length;
    }
  }

  private static void write(
      int node,
      int writer,
      List<OSS> clients,
      CountDownLatch start,
      AtomicBoolean stop,
      int victim,
      AtomicBoolean victimDead,
      ConcurrentLinkedQueue<Sent> sent,
      ConcurrentLinkedQueue<String> problems,
      AtomicInteger acks,
      AtomicInteger conflicts) {
    OSS oss = clients.get(node);
    OSS reader =
        clients.get((node + 1) % NODES == victim ? (node + 2) % NODES : (node + 1) % NODES);
    try {
      start.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    long seed = writer * 1_000_000L;
    int attempt = 0;
    while (!stop.get()) {
      String key = "log-" + (attempt % KEYS);
      attempt++;
      // Mostly small appends (the tail path), every 17th one large enough to be a blob of its own.
      int size = attempt % 17 == 0 ? 96 * 1024 + writer : 50 + (attempt * 37 + writer * 11) % 900;
      byte[] bytes = Payloads.random(size, seed + attempt);
      long position;
      try {
        position = positionOf(oss, key);
      } catch (RuntimeException | IOException e) {
        if (node == victim && victimDead.get()) {
          return;
        }
        problems.add("writer " + writer + " length of " + key + ": " + e);
        return;
      }
      try {
        AppendObjectResult r =
            oss.appendObject(
                new AppendObjectRequest(BUCKET, key, Payloads.stream(bytes))
                    .withPosition(position));
        if (r.getNextPosition() != position + size) {
          problems.add(
              "writer "
                  + writer
                  + " "
                  + key
                  + " next "
                  + r.getNextPosition()
                  + " != "
                  + (position + size));
        }
        sent.add(new Sent(key, position, bytes, true));
        acks.incrementAndGet();
        // Read-after-write on another (live) node.
        if (!stop.get()) {
          byte[] back = get(reader, key, position, position + size - 1);
          if (!Arrays.equals(back, bytes)) {
            problems.add(
                "writer "
                    + writer
                    + " "
                    + key
                    + "@"
                    + position
                    + " read back differently on a"
                    + " second node ("
                    + back.length
                    + " bytes)");
          }
        }
      } catch (OSSException e) {
        if ("PositionNotEqualToLength".equals(e.getErrorCode())) {
          conflicts.incrementAndGet();
        } else {
          sent.add(new Sent(key, position, bytes, false));
          problems.add("writer " + writer + " " + key + ": " + e.getErrorCode() + " " + e);
        }
      } catch (RuntimeException | IOException e) {
        // The answer was lost: the append may or may not have landed.
        sent.add(new Sent(key, position, bytes, false));
        if (node == victim && victimDead.get()) {
          return;
        }
        problems.add("writer " + writer + " " + key + ": " + e);
      }
    }
  }

  private static long positionOf(OSS oss, String key) throws IOException {
    try {
      return oss.getObjectMetadata(BUCKET, key).getContentLength();
    } catch (OSSException e) {
      if ("NoSuchKey".equals(e.getErrorCode())) {
        return 0;
      }
      throw e;
    }
  }
}
