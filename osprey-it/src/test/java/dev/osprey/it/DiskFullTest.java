package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.AppendObjectRequest;
import com.aliyun.oss.model.OSSObject;
import com.aliyun.oss.model.ObjectMetadata;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk, for real: the server process's data directory is on a 64 MiB tmpfs that the test
 * mounts. Writers fill it through the SDK (4 KiB appends, which take the tail and group-commit
 * path, and 256 KiB appends and PUTs, which write blobs) until the server refuses with 507
 * InsufficientStorage; then every acknowledged byte reads back unchanged, further writes are
 * refused with the same clear error, deletes succeed on the full disk, and once they have freed
 * space appends and PUTs work again in the same process, with no restart.
 */
class DiskFullTest {
  private static final String AK = "LTAIdiskFullTestKey0";
  private static final String SK = "diskFullTestSecret0123456789abcd";
  private static final String BUCKET = "disk-full";
  private static final String NO_SPACE = "InsufficientStorage";

  @TempDir Path tmp;

  /** Bytes the server acknowledged, per object. */
  private final Map<String, ByteArrayOutputStream> appended = new ConcurrentHashMap<>();

  private final Map<String, byte[]> put = new ConcurrentHashMap<>();

  @Test
  void smallAppendsFillTheDiskThenDeletesMakeRoomWithoutRestart() throws Exception {
    fillCheckAndRecover(4096, 4, 0);
  }

  @Test
  void largeAppendsAndPutsFillTheDiskThenDeletesMakeRoomWithoutRestart() throws Exception {
    fillCheckAndRecover(256 * 1024, 2, 2);
  }

  /**
   * Another process fills the disk to its last MiB behind the server's back: the next write is
   * refused with 507 before it reaches RocksDB, the reserve file is released so that deletes find
   * room, and once the other process's file is gone writes resume, with the reserve written back.
   */
  @Test
  void aDiskFilledByAnotherProcessRefusesWritesKeepsDeletesAndRecovers() throws Exception {
    try (Tmpfs fs = Tmpfs.mount(tmp.resolve("fs"), 64)) {
      Path data = fs.dir().resolve("data");
      try (ServerProcess server =
          ServerProcess.start(data, AK, SK, List.of("--disk-reserve", "8MiB"))) {
        OSS oss = Clients.sdk(server.endpoint(), "V1", AK, SK);
        try {
          oss.createBucket(BUCKET);
          Path reserve = data.resolve("space-reserve");
          assertThat(Files.size(reserve)).as("the reserve file").isEqualTo(1L << 20);
          appended.put("log", new ByteArrayOutputStream());
          for (int i = 0; i < 20; i++) {
            append(oss, "log", Payloads.random(4096, i));
          }
          byte[] kept = Payloads.random(256 << 10, 99);
          oss.putObject(BUCKET, "kept", new ByteArrayInputStream(kept));
          put.put("kept", kept);
          oss.putObject(BUCKET, "doomed", new ByteArrayInputStream(kept));

          Path filler = fs.dir().resolve("filler");
          fillDisk(filler, Files.getFileStore(fs.dir()).getUsableSpace() - (1L << 20));
          Thread.sleep(100); // past the server's free-space cache
          OSSException refused =
              OssErrors.expect(NO_SPACE, () -> append(oss, "log", Payloads.random(4096, 50)));
          assertThat(refused.getErrorMessage()).contains("No space left on device");
          assertThat(Files.exists(reserve)).as("reserve released for deletes").isFalse();
          checkEverything(oss);
          oss.deleteObject(BUCKET, "doomed");
          assertThat(oss.doesObjectExist(BUCKET, "doomed")).isFalse();

          Files.delete(filler);
          appendUntilAdmitted(oss, "log", Payloads.random(4096, 51));
          assertThat(Files.size(reserve)).as("the reserve file is back").isEqualTo(1L << 20);
          checkEverything(oss);
        } finally {
          oss.shutdown();
        }
      }
    }
  }

  /**
   * The known limit, stated: with no reserve ({@code --disk-reserve 0}) a small append reaches
   * RocksDB's WAL on a full disk; RocksDB cannot resume that log in place, so the server answers
   * 507 saying a restart is needed, keeps refusing writes with that message, keeps serving reads,
   * and after space is freed and the server restarted every acknowledged byte is there.
   */
  @Test
  void walOnAFullDiskNeedsARestartAndSaysSo() throws Exception {
    try (Tmpfs fs = Tmpfs.mount(tmp.resolve("fs"), 64)) {
      Path data = fs.dir().resolve("data");
      List<String> noReserve = List.of("--disk-reserve", "0");
      Path filler = fs.dir().resolve("filler");
      try (ServerProcess server = ServerProcess.start(data, AK, SK, noReserve)) {
        OSS oss = Clients.sdk(server.endpoint(), "V1", AK, SK);
        try {
          oss.createBucket(BUCKET);
          appended.put("log", new ByteArrayOutputStream());
          for (int i = 0; i < 10; i++) {
            append(oss, "log", Payloads.random(4096, i));
          }
          fillUntilFull(filler);
          OSSException refused = null;
          for (int i = 0; i < 2000 && refused == null; i++) {
            try {
              append(oss, "log", Payloads.random(4096, 100 + i));
            } catch (OSSException e) {
              refused = e;
            }
          }
          assertThat(refused).as("an append on the full disk").isNotNull();
          assertThat(refused.getErrorCode()).isEqualTo(NO_SPACE);
          assertThat(refused.getErrorMessage()).contains("the server is restarted");
          checkEverything(oss);
          Files.delete(filler);
          OSSException again =
              OssErrors.expect(NO_SPACE, () -> append(oss, "log", Payloads.random(4096, 7)));
          assertThat(again.getErrorMessage()).contains("the server is restarted");
          checkEverything(oss);
        } finally {
          oss.shutdown();
        }
      }
      try (ServerProcess restarted = ServerProcess.start(data, AK, SK, noReserve)) {
        OSS oss = Clients.sdk(restarted.endpoint(), "V1", AK, SK);
        try {
          checkEverything(oss);
          append(oss, "log", Payloads.random(4096, 8));
          oss.deleteObject(BUCKET, "log");
          assertThat(oss.doesObjectExist(BUCKET, "log")).isFalse();
        } finally {
          oss.shutdown();
        }
      }
    }
  }

  /** Writes {@code file} until the disk refuses more (ENOSPC is the goal here, not a failure). */
  private static void fillUntilFull(Path file) throws java.io.IOException {
    try {
      fillDisk(file, Long.MAX_VALUE);
    } catch (java.io.IOException e) {
      if (!String.valueOf(e.getMessage()).contains("No space left on device")) {
        throw e;
      }
    }
  }

  private static void fillDisk(Path file, long bytes) throws java.io.IOException {
    try (java.nio.channels.FileChannel ch =
        java.nio.channels.FileChannel.open(
            file,
            java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.WRITE)) {
      java.nio.ByteBuffer zeros = java.nio.ByteBuffer.allocate(1 << 16);
      for (long at = 0; at < bytes; ) {
        zeros.clear().limit((int) Math.min(zeros.capacity(), bytes - at));
        at += ch.write(zeros, at);
      }
    }
  }

  private void fillCheckAndRecover(int chunk, int appenders, int putters) throws Exception {
    try (Tmpfs fs = Tmpfs.mount(tmp.resolve("fs"), 64)) {
      Path data = fs.dir().resolve("data");
      try (ServerProcess server =
          ServerProcess.start(data, AK, SK, List.of("--disk-reserve", "8MiB"))) {
        OSS oss = Clients.sdk(server.endpoint(), "V1", AK, SK);
        try {
          oss.createBucket(BUCKET);
          List<OSSException> refusals = fill(oss, chunk, appenders, putters);
          assertThat(refusals)
              .as("every writer was stopped by the full disk")
              .hasSize(appenders + putters);
          for (OSSException e : refusals) {
            assertThat(e.getErrorCode()).isEqualTo(NO_SPACE);
            assertThat(e.getErrorMessage()).contains("No space left on device");
          }
          assertThat(Files.getFileStore(fs.dir()).getUsableSpace())
              .as("the disk really is (nearly) full")
              .isLessThan(12L << 20);
          checkEverything(oss);

          // Still full: both kinds of write refused with the documented error, reads unaffected.
          String someLog = appended.keySet().iterator().next();
          OssErrors.expect(NO_SPACE, () -> append(oss, someLog, Payloads.random(chunk, 1)));
          OssErrors.expect(
              NO_SPACE,
              () ->
                  oss.putObject(BUCKET, "refused", new ByteArrayInputStream(new byte[256 << 10])));
          checkEverything(oss);

          // Deletes work on the full disk, and free its space.
          List<String> keys = new ArrayList<>(appended.keySet());
          keys.addAll(put.keySet());
          keys.sort(null);
          for (int i = 0; i < keys.size(); i += 2) {
            String key = keys.get(i);
            oss.deleteObject(BUCKET, key);
            appended.remove(key);
            put.remove(key);
            assertThat(oss.doesObjectExist(BUCKET, key)).isFalse();
          }
          checkEverything(oss);

          // Writes resume by themselves: no restart.
          String survivor = appended.keySet().iterator().next();
          appendUntilAdmitted(oss, survivor, Payloads.random(chunk, 2));
          append(oss, survivor, Payloads.random(chunk, 3));
          byte[] fresh = Payloads.random(256 << 10, 4);
          oss.putObject(BUCKET, "after-deletes", new ByteArrayInputStream(fresh));
          put.put("after-deletes", fresh);
          checkEverything(oss);
        } finally {
          oss.shutdown();
        }
      }
      // And all of it survives a restart on the same directory.
      try (ServerProcess restarted =
          ServerProcess.start(data, AK, SK, List.of("--disk-reserve", "8MiB"))) {
        OSS oss = Clients.sdk(restarted.endpoint(), "V1", AK, SK);
        try {
          checkEverything(oss);
        } finally {
          oss.shutdown();
        }
      }
    }
  }

  /**
   * Writers append or put {@code chunk}-byte bodies until each is refused; returns the refusals.
   */
  private List<OSSException> fill(OSS oss, int chunk, int appenders, int putters) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(appenders + putters);
    try {
      List<Future<OSSException>> writers = new ArrayList<>();
      for (int w = 0; w < appenders; w++) {
        String key = "log-" + w;
        appended.put(key, new ByteArrayOutputStream());
        int seed = w;
        writers.add(
            pool.submit(
                () -> {
                  Random random = new Random(seed);
                  for (int i = 0; i < 100_000; i++) {
                    byte[] body = new byte[chunk];
                    random.nextBytes(body);
                    try {
                      append(oss, key, body);
                    } catch (OSSException e) {
                      return e;
                    }
                  }
                  throw new AssertionError("a 64 MiB disk never filled");
                }));
      }
      for (int p = 0; p < putters; p++) {
        int seed = 100 + p;
        writers.add(
            pool.submit(
                () -> {
                  Random random = new Random(seed);
                  for (int i = 0; i < 100_000; i++) {
                    byte[] body = new byte[chunk];
                    random.nextBytes(body);
                    String key = "put-" + seed + "-" + i;
                    try {
                      oss.putObject(BUCKET, key, new ByteArrayInputStream(body));
                      put.put(key, body);
                    } catch (OSSException e) {
                      return e;
                    }
                  }
                  throw new AssertionError("a 64 MiB disk never filled");
                }));
      }
      List<OSSException> refusals = new ArrayList<>();
      for (Future<OSSException> f : writers) {
        refusals.add(f.get(10, TimeUnit.MINUTES));
      }
      return refusals;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Appends at the acknowledged length; records the bytes once the server says 200. */
  private void append(OSS oss, String key, byte[] body) {
    ByteArrayOutputStream log = appended.get(key);
    ObjectMetadata meta = new ObjectMetadata();
    meta.setContentLength(body.length);
    AppendObjectRequest req = new AppendObjectRequest(BUCKET, key, new ByteArrayInputStream(body));
    req.setMetadata(meta);
    req.setPosition((long) log.size());
    oss.appendObject(req);
    log.writeBytes(body);
  }

  /**
   * The first append after the deletes: the server looks at the disk's free space at most every few
   * milliseconds, so allow it a bounded number of refusals.
   */
  private void appendUntilAdmitted(OSS oss, String key, byte[] body) throws InterruptedException {
    for (int attempt = 0; ; attempt++) {
      try {
        append(oss, key, body);
        return;
      } catch (OSSException e) {
        assertThat(e.getErrorCode()).isEqualTo(NO_SPACE);
        assertThat(attempt).as("appends admitted again after the deletes").isLessThan(200);
        Thread.sleep(50);
      }
    }
  }

  /** Every acknowledged object reads back byte for byte (the SDK also checks the CRC-64). */
  private void checkEverything(OSS oss) throws Exception {
    for (Map.Entry<String, ByteArrayOutputStream> e : appended.entrySet()) {
      assertThat(read(oss, e.getKey()))
          .as("appended %s", e.getKey())
          .isEqualTo(e.getValue().toByteArray());
    }
    for (Map.Entry<String, byte[]> e : put.entrySet()) {
      assertThat(read(oss, e.getKey())).as("put %s", e.getKey()).isEqualTo(e.getValue());
    }
  }

  private static byte[] read(OSS oss, String key) throws Exception {
    try (OSSObject o = oss.getObject(BUCKET, key)) {
      return o.getObjectContent().readAllBytes();
    }
  }
}
