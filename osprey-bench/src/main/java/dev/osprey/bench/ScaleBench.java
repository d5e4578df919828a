package dev.osprey.bench;

import dev.osprey.protocol.CannedAcl;
import dev.osprey.protocol.StorageClass;
import dev.osprey.storage.BucketRecord;
import dev.osprey.storage.EmbeddedStorage;
import dev.osprey.storage.ListObjectsCommand;
import dev.osprey.storage.ObjectService;
import dev.osprey.storage.OrphanCollection;
import dev.osprey.storage.PutObjectCommand;
import dev.osprey.storage.SyncMode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Does a bucket stay fast as it grows? HEAD of a random object and a 1,000-key ListObjects page
 * from a random marker, p50 and p99, at a small and at a large object count in the same bucket; and
 * the time to open the storage again at each count (a restart must not read every object). Storage
 * layer only (the HTTP cost per request does not depend on the object count); objects are written
 * with {@code --sync never} to build the bucket quickly, which changes nothing for reads.
 *
 * <p>Usage: {@code ScaleBench <smallCount> <largeCount> [samples]}.
 */
public final class ScaleBench {
  private static final String BUCKET = "scale";
  private static final int WRITERS = 4;

  private ScaleBench() {}

  public static void main(String[] args) throws Exception {
    int small = Integer.parseInt(args[0]);
    int large = Integer.parseInt(args[1]);
    int samples = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
    Path root =
        Files.createTempDirectory(Path.of(System.getProperty("bench.dir", ".")), "osprey-scale-");
    EmbeddedStorage.Options options =
        new EmbeddedStorage.Options(Clock.systemUTC(), OrphanCollection.DEFAULT, SyncMode.NEVER);
    try {
      ObjectService service = EmbeddedStorage.open(root, options);
      service.createBucket(
          new BucketRecord(
              BUCKET,
              java.time.Instant.now(),
              "bench",
              CannedAcl.PRIVATE,
              StorageClass.STANDARD,
              "LRS"));
      fill(service, 0, small);
      Figures atSmall = measure(service, small, samples);
      service.close();
      double reopenSmall = reopen(root, options);
      service = EmbeddedStorage.open(root, options);
      long t = System.nanoTime();
      fill(service, small, large);
      double fillSeconds = (System.nanoTime() - t) / 1e9;
      Figures atLarge = measure(service, large, samples);
      service.close();
      double reopenLarge = reopen(root, options);
      System.out.printf(
          "filled %d objects in %.1f s (%.0f/s)%n",
          large - small, fillSeconds, (large - small) / fillSeconds);
      print(small, atSmall, reopenSmall);
      print(large, atLarge, reopenLarge);
      System.out.printf(
          "ratios large/small: head p50 %.2f, list p50 %.2f, reopen %.2f%n",
          atLarge.headP50 / atSmall.headP50,
          atLarge.listP50 / atSmall.listP50,
          reopenLarge / reopenSmall);
    } finally {
      deleteRecursively(root);
    }
  }

  /** Latencies in microseconds. */
  record Figures(double headP50, double headP99, double listP50, double listP99) {}

  private static void print(int count, Figures f, double reopenMs) {
    System.out.printf(
        "%,10d objects: HEAD p50 %.1f µs p99 %.1f µs; list page p50 %.0f µs p99 %.0f µs;"
            + " reopen %.0f ms%n",
        count, f.headP50, f.headP99, f.listP50, f.listP99, reopenMs);
  }

  private static String key(long i) {
    return String.format("dir-%03d/object-%09d", i % 1000, i);
  }

  private static void fill(ObjectService service, long from, long to) throws Exception {
    byte[] body = new byte[16];
    AtomicLong next = new AtomicLong(from);
    try (ExecutorService pool = Executors.newFixedThreadPool(WRITERS)) {
      Future<?>[] done = new Future<?>[WRITERS];
      for (int w = 0; w < WRITERS; w++) {
        done[w] =
            pool.submit(
                () -> {
                  for (long i; (i = next.getAndIncrement()) < to; ) {
                    service.putObject(
                        new PutObjectCommand(BUCKET, key(i), body.length, null, null, false),
                        new ByteArrayInputStream(body));
                  }
                  return null;
                });
      }
      for (Future<?> f : done) {
        f.get();
      }
    }
  }

  private static Figures measure(ObjectService service, int count, int samples) {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < samples; i++) { // warm-up, and the block cache sees the same mix
      service.headObject(BUCKET, key(random.nextInt(count)));
    }
    long[] head = new long[samples];
    for (int i = 0; i < samples; i++) {
      String k = key(random.nextInt(count));
      long t = System.nanoTime();
      service.headObject(BUCKET, k);
      head[i] = System.nanoTime() - t;
    }
    int pages = Math.max(50, samples / 100);
    long[] list = new long[pages];
    for (int i = 0; i < pages; i++) {
      String marker = key(random.nextInt(count));
      long t = System.nanoTime();
      service.listObjects(new ListObjectsCommand(BUCKET, null, null, marker, 1000));
      list[i] = System.nanoTime() - t;
    }
    return new Figures(
        percentile(head, 0.5),
        percentile(head, 0.99),
        percentile(list, 0.5),
        percentile(list, 0.99));
  }

  private static double percentile(long[] nanos, double q) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e3;
  }

  /** Milliseconds to open the storage and answer one HEAD (closing is timed apart). */
  private static double reopen(Path root, EmbeddedStorage.Options options) {
    long t = System.nanoTime();
    ObjectService service = EmbeddedStorage.open(root, options);
    service.headObject(BUCKET, key(0));
    double opened = (System.nanoTime() - t) / 1e6;
    t = System.nanoTime();
    service.close();
    System.out.printf("  (close took %.0f ms)%n", (System.nanoTime() - t) / 1e6);
    return opened;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
