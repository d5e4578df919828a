package dev.osprey.storage;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A manual probe, not a test: durable 1 KiB appends per second with N concurrent writers, each on
 * its own object. Run: {@code java -cp <test classpath> dev.osprey.storage.AppendThroughputProbe
 * <writers> <appendsPerWriter>}.
 */
public final class AppendThroughputProbe {
  private AppendThroughputProbe() {}

  public static void main(String[] args) throws Exception {
    int writers = Integer.parseInt(args[0]);
    int perWriter = Integer.parseInt(args[1]);
    Path dir = Files.createTempDirectory("osprey-probe");
    byte[] chunk = new byte[1024];
    try (ObjectService service = EmbeddedStorage.open(dir);
        ExecutorService pool = Executors.newFixedThreadPool(writers)) {
      service.createBucket(TestRecords.bucket("probe"));
      long start = System.nanoTime();
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        String key = "obj-" + w;
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < perWriter; i++) {
                    service.appendObject(
                        new AppendObjectCommand(
                            "probe", key, (long) i * chunk.length, chunk.length, null, null),
                        new ByteArrayInputStream(chunk));
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "%d writers x %d appends of 1 KiB: %.0f appends/s%n",
          writers, perWriter, writers * perWriter / seconds);
    }
  }
}
