package dev.osprey.bench;

import dev.osprey.protocol.CannedAcl;
import dev.osprey.protocol.StorageClass;
import dev.osprey.storage.AppendObjectCommand;
import dev.osprey.storage.BucketRecord;
import dev.osprey.storage.EmbeddedStorage;
import dev.osprey.storage.ObjectService;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Durable small appends per second: Osprey's storage ({@code ObjectService.appendObject}, each
 * append acknowledged only once synced) against a baseline measured in the same run, on the same
 * disk: a plain file per writer with one 1 KiB write + fdatasync per append, the disk's own ceiling
 * for one-sync-per-write.
 *
 * <p>Usage: {@code AppendBench <writers> <appendsPerWriter> [chunkBytes]}.
 */
public final class AppendBench {
  private AppendBench() {}

  /** One measured task per writer. */
  @FunctionalInterface
  interface Writer {
    void run(int writer, int appends) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    int writers = Integer.parseInt(args[0]);
    int perWriter = Integer.parseInt(args[1]);
    int chunk = args.length > 2 ? Integer.parseInt(args[2]) : 1024;
    Path root =
        Files.createTempDirectory(Path.of(System.getProperty("bench.dir", ".")), "osprey-bench-");
    byte[] payload = new byte[chunk];

    Path raw = Files.createDirectories(root.resolve("raw"));
    double baseline =
        measure(writers, perWriter, (w, n) -> rawAppends(raw.resolve("f" + w), payload, n));

    double osprey;
    try (ObjectService service = EmbeddedStorage.open(root.resolve("osprey"))) {
      service.createBucket(
          new BucketRecord(
              "bench", Instant.now(), "bench", CannedAcl.PRIVATE, StorageClass.STANDARD, "LRS"));
      osprey =
          measure(writers, perWriter, (w, n) -> ospreyAppends(service, "obj-" + w, payload, n));
    }
    deleteRecursively(root);
    System.out.printf(
        "writers=%d appends/writer=%d chunk=%dB  baseline(write+fdatasync)=%.0f/s  osprey=%.0f/s  ratio=%.2f%n",
        writers, perWriter, chunk, baseline, osprey, osprey / baseline);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static double measure(int writers, int perWriter, Writer task) throws Exception {
    try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
      long start = System.nanoTime();
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int id = w;
        futures.add(
            pool.submit(
                () -> {
                  task.run(id, perWriter);
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      return writers * (double) perWriter / ((System.nanoTime() - start) / 1e9);
    }
  }

  private static void rawAppends(Path file, byte[] payload, int n) throws IOException {
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      for (int i = 0; i < n; i++) {
        ByteBuffer b = ByteBuffer.wrap(payload);
        while (b.hasRemaining()) {
          ch.write(b);
        }
        ch.force(false);
      }
    }
  }

  private static void ospreyAppends(ObjectService service, String key, byte[] payload, int n) {
    for (int i = 0; i < n; i++) {
      service.appendObject(
          new AppendObjectCommand(
              "bench", key, (long) i * payload.length, payload.length, null, null),
          new ByteArrayInputStream(payload));
    }
  }
}
