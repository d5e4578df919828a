package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.ClientException;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.common.utils.CRC64;
import com.aliyun.oss.model.AppendObjectRequest;
import com.aliyun.oss.model.CompleteMultipartUploadRequest;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.ListMultipartUploadsRequest;
import com.aliyun.oss.model.ListObjectsRequest;
import com.aliyun.oss.model.MultipartUpload;
import com.aliyun.oss.model.MultipartUploadListing;
import com.aliyun.oss.model.OSSObject;
import com.aliyun.oss.model.OSSObjectSummary;
import com.aliyun.oss.model.ObjectListing;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.PartETag;
import com.aliyun.oss.model.SealAppendObjectRequest;
import com.aliyun.oss.model.UploadPartRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash soak (issue 9, item 2): several clients drive small and large appends, PUTs, multipart
 * uploads, copies, deletes and seals through the SDK while the server process is killed with
 * SIGKILL at a random moment; folds of tails (every small append schedules one) and orphan
 * collection ({@code --orphan-grace 1s}: a pass every second) run throughout, so kills land in them
 * too. After each restart on the same data directory:
 *
 * <ul>
 *   <li>every acknowledged write reads back byte for byte, and the write that was in flight at the
 *       kill is either wholly there or wholly absent (no part of an unacknowledged append);
 *   <li>the x-oss-hash-crc64ecma of every object matches its content;
 *   <li>the listing holds exactly the objects the model says exist; an acknowledged seal holds;
 *   <li>once unfinished uploads are aborted, orphan collection leaves exactly one blob per object.
 * </ul>
 *
 * <p>{@code -Dosprey.soak.rounds=N} (default 3) and {@code -Dosprey.soak.seed=S}; {@code
 * scripts/crash-soak} runs long versions. A round in which nothing was acknowledged is a round, not
 * a failure. Each worker owns its keys, so the expected state of every key is exact.
 */
class CrashSoakTest {
  private static final String AK = "LTAIcrashSoakKey0000";
  private static final String SK = "crashSoakSecret0123456789abcdefg";
  private static final String BUCKET = "crash-soak";
  private static final int WORKERS = 4;
  private static final List<String> OPTIONS = List.of("--orphan-grace", "1s");

  @TempDir Path data;

  /** What the server acknowledged for one key, and the write in flight on it, if any. */
  static final class KeyState {
    byte[] content; // null: absent
    boolean sealed;
    Outcome pending; // a write whose answer never came
  }

  /** The state a write leads to: content (null for a delete) and whether sealed. */
  record Outcome(byte[] content, boolean sealed) {}

  private final Map<String, KeyState> model = new ConcurrentHashMap<>();
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicLong inFlightAtKill = new AtomicLong();
  private long keysChecked;
  private long bytesChecked;
  private final List<Long> recoveryMillis = new ArrayList<>();

  @Test
  void acknowledgedWritesSurviveRepeatedSigkillUnderMixedLoad() throws Exception {
    int rounds = Integer.getInteger("osprey.soak.rounds", 3);
    long seed = Long.getLong("osprey.soak.seed", System.nanoTime());
    Random random = new Random(seed);
    System.out.printf("crash soak: %d rounds, seed %d%n", rounds, seed);
    ServerProcess server = ServerProcess.start(data, AK, SK, OPTIONS);
    OSS setup = Clients.sdk(server.endpoint(), "V1", AK, SK);
    setup.createBucket(BUCKET);
    setup.shutdown();
    int roundsWithAcks = 0;
    for (int round = 1; round <= rounds; round++) {
      long before = acknowledged.get();
      load(server, random.nextLong(), 300 + random.nextInt(2200));
      if (acknowledged.get() > before) {
        roundsWithAcks++;
      }
      long start = System.nanoTime();
      server = ServerProcess.start(data, AK, SK, OPTIONS);
      recoveryMillis.add((System.nanoTime() - start) / 1_000_000);
      OSS oss = Clients.sdk(server.endpoint(), "V1", AK, SK);
      try {
        verify(oss, round);
        noOrphansAfterCleanup(oss, round);
      } finally {
        oss.shutdown();
      }
    }
    server.stop();
    List<Long> sorted = new ArrayList<>(recoveryMillis);
    sorted.sort(null);
    String summary =
        String.format(
            "crash soak: %d rounds (%d with acknowledged writes), %d SIGKILLs, %d acknowledged"
                + " writes, %d writes in flight at a kill, %d object checks (%d bytes compared);"
                + " restart to serving: min %d ms, median %d ms, max %d ms; seed %d",
            rounds,
            roundsWithAcks,
            rounds,
            acknowledged.get(),
            inFlightAtKill.get(),
            keysChecked,
            bytesChecked,
            sorted.get(0),
            sorted.get(sorted.size() / 2),
            sorted.get(sorted.size() - 1),
            seed);
    System.out.println(summary);
    Path out = Path.of("target", "crash-soak-summary.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, summary + System.lineSeparator());
    assertThat(acknowledged.get()).as("the soak acknowledged writes at all").isPositive();
  }

  /**
   * Runs the workers against {@code server} and kills it with SIGKILL after {@code killAfterMs}.
   */
  private void load(ServerProcess server, long seed, long killAfterMs) throws Exception {
    OSS oss = Clients.sdk(server.endpoint(), "V1", AK, SK);
    AtomicBoolean killed = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
    List<Future<?>> workers = new ArrayList<>();
    for (int w = 0; w < WORKERS; w++) {
      Random random = new Random(seed + w);
      String prefix = "w" + w + "/";
      workers.add(pool.submit(() -> work(oss, prefix, random, killed)));
    }
    Thread.sleep(killAfterMs);
    killed.set(true);
    server.kill();
    for (Future<?> f : workers) {
      f.get(2, TimeUnit.MINUTES); // a worker's own assertion failure surfaces here
    }
    pool.shutdown();
    oss.shutdown();
  }

  /** One client: random writes on its own keys until the server goes away. */
  private void work(OSS oss, String prefix, Random random, AtomicBoolean killed) {
    while (true) {
      int dice = random.nextInt(100);
      String key;
      KeyState state;
      Outcome after;
      Runnable call;
      if (dice < 40) {
        key = prefix + "log-" + random.nextInt(3);
        state = state(key);
        if (state.sealed) {
          continue;
        }
        byte[] chunk =
            bytes(random, dice < 30 ? 1 + random.nextInt(8192) : 64_000 + random.nextInt(200_000));
        long position = state.content == null ? 0 : state.content.length;
        after = new Outcome(concat(state.content, chunk), false);
        boolean chunked = random.nextBoolean();
        call = () -> append(oss, key, position, chunk, chunked);
      } else if (dice < 62) {
        key = prefix + "put-" + random.nextInt(8);
        state = state(key);
        byte[] body = bytes(random, random.nextInt(150_000));
        after = new Outcome(body, false);
        call = () -> oss.putObject(BUCKET, key, new ByteArrayInputStream(body));
      } else if (dice < 72) {
        key = prefix + "mp-" + random.nextInt(4);
        state = state(key);
        byte[] body = bytes(random, 100 * 1024 + random.nextInt(60_000));
        after = new Outcome(body, false);
        call = () -> multipart(oss, key, body);
      } else if (dice < 82) {
        String source = prefix + "put-" + random.nextInt(8);
        KeyState from = state(source);
        if (from.content == null || from.pending != null) {
          continue;
        }
        key = prefix + "copy-" + random.nextInt(4);
        state = state(key);
        after = new Outcome(from.content, false);
        call = () -> oss.copyObject(BUCKET, source, BUCKET, key);
      } else if (dice < 95) {
        String[] kinds = {"log-", "put-", "mp-", "copy-"};
        key = prefix + kinds[random.nextInt(kinds.length)] + random.nextInt(3);
        state = state(key);
        if (state.content == null) {
          continue;
        }
        after = new Outcome(null, false);
        call = () -> oss.deleteObject(BUCKET, key);
      } else {
        key = prefix + "log-" + random.nextInt(3);
        state = state(key);
        if (state.content == null || state.sealed) {
          continue;
        }
        long position = state.content.length;
        after = new Outcome(state.content, true);
        call =
            () ->
                oss.sealAppendObject(
                    new SealAppendObjectRequest(BUCKET, key).withPosition(position));
      }
      state.pending = after;
      try {
        call.run();
      } catch (ClientException e) {
        if (!killed.get()) {
          throw new AssertionError("request on " + key + " failed before the kill", e);
        }
        inFlightAtKill.incrementAndGet(); // the answer never came: either outcome is allowed
        return;
      } catch (OSSException e) {
        if (killed.get()) {
          inFlightAtKill.incrementAndGet();
          return;
        }
        throw new AssertionError(
            "the server refused a valid write on " + key + ": " + e.getErrorCode(), e);
      }
      state.content = after.content();
      state.sealed = after.content() != null && after.sealed();
      state.pending = null;
      acknowledged.incrementAndGet();
    }
  }

  private KeyState state(String key) {
    return model.computeIfAbsent(key, k -> new KeyState());
  }

  private void verify(OSS oss, int round) throws Exception {
    Set<String> present = new HashSet<>();
    for (Map.Entry<String, KeyState> e : new TreeMap<>(model).entrySet()) {
      String key = e.getKey();
      KeyState s = e.getValue();
      Stored stored = read(oss, key);
      String what = "round " + round + ", " + key;
      if (s.pending == null) {
        assertThat(describe(stored == null ? null : stored.content))
            .as("%s: the acknowledged state", what)
            .isEqualTo(describe(s.content));
      } else {
        byte[] seen = stored == null ? null : stored.content;
        boolean old = Arrays.equals(seen, s.content);
        boolean neu = Arrays.equals(seen, s.pending.content());
        assertThat(old || neu)
            .as(
                "%s: %s is neither the acknowledged %s nor the whole in-flight write %s",
                what, describe(seen), describe(s.content), describe(s.pending.content()))
            .isTrue();
        if (neu && !old) {
          s.content = s.pending.content();
        }
        if (neu && s.pending.sealed() && seen != null) {
          s.sealed = sealed(oss, key); // a seal in flight: either way
        }
        s.pending = null;
      }
      if (stored != null) {
        present.add(key);
        CRC64 crc = new CRC64();
        crc.update(stored.content, stored.content.length);
        assertThat(stored.serverCrc)
            .as("%s: CRC-64 header against the content", what)
            .isEqualTo(crc.getValue());
        keysChecked++;
        bytesChecked += stored.content.length;
        if (s.sealed) {
          assertThat(sealed(oss, key)).as("%s: acknowledged seal", what).isTrue();
        }
      } else {
        s.sealed = false;
      }
    }
    assertThat(listAll(oss)).as("round %d: the listing", round).isEqualTo(present);
  }

  /**
   * Unfinished uploads (their Complete never came) are aborted; then the collector must bring the
   * blob files down to one per object: nothing a crash left behind survives cleanup.
   */
  private void noOrphansAfterCleanup(OSS oss, int round) throws Exception {
    MultipartUploadListing uploads =
        oss.listMultipartUploads(maxUploads(new ListMultipartUploadsRequest(BUCKET)));
    for (MultipartUpload u : uploads.getMultipartUploads()) {
      oss.abortMultipartUpload(
          new com.aliyun.oss.model.AbortMultipartUploadRequest(
              BUCKET, u.getKey(), u.getUploadId()));
    }
    long objects = model.values().stream().filter(s -> s.content != null).count();
    long blobs = -1;
    for (int attempt = 0; attempt < 300; attempt++) {
      blobs = countBlobs();
      if (blobs == objects) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "round " + round + ": " + blobs + " blob files for " + objects + " objects after cleanup");
  }

  private static ListMultipartUploadsRequest maxUploads(ListMultipartUploadsRequest r) {
    r.setMaxUploads(1000);
    return r;
  }

  private long countBlobs() throws IOException {
    try (Stream<Path> files = Files.walk(data.resolve("blobs"))) {
      return files.filter(Files::isRegularFile).count();
    }
  }

  private static Set<String> listAll(OSS oss) {
    Set<String> keys = new HashSet<>();
    String marker = null;
    while (true) {
      ObjectListing page =
          oss.listObjects(new ListObjectsRequest(BUCKET).withMarker(marker).withMaxKeys(1000));
      for (OSSObjectSummary o : page.getObjectSummaries()) {
        keys.add(o.getKey());
      }
      if (!page.isTruncated()) {
        return keys;
      }
      marker = page.getNextMarker();
    }
  }

  private static boolean sealed(OSS oss, String key) {
    return oss.getObjectMetadata(BUCKET, key).getRawMetadata().containsKey("x-oss-sealed-time");
  }

  private record Stored(byte[] content, Long serverCrc) {}

  private static Stored read(OSS oss, String key) throws IOException {
    try (OSSObject o = oss.getObject(BUCKET, key)) {
      byte[] content = o.getObjectContent().readAllBytes();
      return new Stored(content, o.getServerCRC());
    } catch (OSSException e) {
      if ("NoSuchKey".equals(e.getErrorCode())) {
        return null;
      }
      throw e;
    }
  }

  private static void append(OSS oss, String key, long position, byte[] chunk, boolean chunked) {
    AppendObjectRequest req = new AppendObjectRequest(BUCKET, key, new ByteArrayInputStream(chunk));
    if (!chunked) {
      ObjectMetadata meta = new ObjectMetadata();
      meta.setContentLength(chunk.length);
      req.setMetadata(meta);
    }
    req.setPosition(position);
    oss.appendObject(req);
  }

  private static void multipart(OSS oss, String key, byte[] body) {
    String id =
        oss.initiateMultipartUpload(new InitiateMultipartUploadRequest(BUCKET, key)).getUploadId();
    int first = 100 * 1024;
    List<PartETag> etags = new ArrayList<>();
    etags.add(part(oss, key, id, 1, body, 0, first));
    etags.add(part(oss, key, id, 2, body, first, body.length - first));
    oss.completeMultipartUpload(new CompleteMultipartUploadRequest(BUCKET, key, id, etags));
  }

  private static PartETag part(
      OSS oss, String key, String id, int n, byte[] body, int off, int len) {
    UploadPartRequest req =
        new UploadPartRequest(BUCKET, key, id, n, new ByteArrayInputStream(body, off, len), len);
    return oss.uploadPart(req).getPartETag();
  }

  private static byte[] bytes(Random random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    if (a == null) {
      return b.clone();
    }
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static String describe(byte[] content) {
    if (content == null) {
      return "absent";
    }
    CRC64 crc = new CRC64();
    crc.update(content, content.length);
    return content.length + " bytes, crc " + Long.toUnsignedString(crc.getValue(), 16);
  }
}
