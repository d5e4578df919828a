package dev.osprey.bench;

import dev.osprey.server.OspreyServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Whole-object PUT and GET through HTTP on loopback (a minimal client, {@link LoopbackHttp}, so the
 * client is not what is measured) against an in-process server, beside a baseline measured in the
 * same run on the same disk: writing the same bytes to plain files with one fdatasync each, and
 * reading them back. The bucket is public-read-write so requests are unsigned: this measures the
 * server's data path, not HMAC.
 *
 * <p>Usage: {@code HttpBench <clients> <objects> <objectKiB>}.
 */
public final class HttpBench {
  private HttpBench() {}

  /** One measured step per object index. */
  @FunctionalInterface
  interface Step {
    void run(int index) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    int clients = Integer.parseInt(args[0]);
    int objects = Integer.parseInt(args[1]);
    int size = Integer.parseInt(args[2]) * 1024;
    Path root = Files.createTempDirectory(Path.of("."), "osprey-httpbench-");
    byte[] payload = new byte[size];
    new Random(1).nextBytes(payload);
    Path raw = Files.createDirectories(root.resolve("raw"));

    double rawWrite = measure(clients, objects, i -> writeSynced(raw.resolve("o" + i), payload));
    double rawRead = measure(clients, objects, i -> readAll(raw.resolve("o" + i), size));
    double put;
    double get;
    try (OspreyServer server =
        OspreyServer.builder()
            .port(0)
            .dataDir(root.resolve("osprey"))
            .rootCredentials("LTAIbench00000000000", "benchSecret000000000000000000")
            .build()
            .start()) {
      createPublicBucket(server);
      int port = server.port();
      put =
          measure(
              clients,
              objects,
              i -> {
                try (LoopbackHttp http = new LoopbackHttp(port)) {
                  int status = http.put("/bench/o" + i, payload);
                  if (status != 200) {
                    throw new IllegalStateException("PUT answered " + status);
                  }
                }
              });
      get =
          measure(
              clients,
              objects,
              i -> {
                try (LoopbackHttp http = new LoopbackHttp(port)) {
                  if (http.get("/bench/o" + i) != size) {
                    throw new IllegalStateException("short GET");
                  }
                }
              });
    }
    deleteRecursively(root);
    double mib = size / (1024.0 * 1024.0);
    System.out.printf(
        "clients=%d objects=%d size=%dKiB  PUT %.1f MiB/s vs write+fdatasync %.1f MiB/s (%.2f)"
            + "  GET %.1f MiB/s vs file read %.1f MiB/s (%.2f)%n",
        clients,
        objects,
        size / 1024,
        put * mib,
        rawWrite * mib,
        put / rawWrite,
        get * mib,
        rawRead * mib,
        get / rawRead);
  }

  /**
   * Creates the bucket with a signed request through the admin-free path: the SDK is not a
   * dependency here.
   */
  private static void createPublicBucket(OspreyServer server) throws Exception {
    SignedPut.createBucket(server.endpoint(), server.credentials(), "bench", "public-read-write");
  }

  private static void writeSynced(Path file, byte[] payload) throws IOException {
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.wrap(payload);
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(false);
    }
  }

  private static void readAll(Path file, int size) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      if (in.transferTo(OutputSink.INSTANCE) != size) {
        throw new IllegalStateException("short read");
      }
    }
  }

  /** Objects per second over {@code objects} steps spread across {@code clients} threads. */
  static double measure(int clients, int objects, Step step) throws Exception {
    try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
      long start = System.nanoTime();
      List<Future<?>> futures = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int first = c;
        futures.add(
            pool.submit(
                () -> {
                  for (int i = first; i < objects; i += clients) {
                    step.run(i);
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      return objects / ((System.nanoTime() - start) / 1e9);
    }
  }

  static void deleteRecursively(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
