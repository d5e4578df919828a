package dev.osprey.storage.rocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

class CommitterTest {
  static {
    RocksDB.loadLibrary();
  }

  @TempDir Path dir;

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void everyBatchOfManyConcurrentWritersLandsWhole() throws Exception {
    int threads = 32;
    int perThread = 200;
    try (Options options = new Options().setCreateIfMissing(true);
        WriteOptions write = new WriteOptions().setSync(false);
        RocksDB db = RocksDB.open(options, dir.toString())) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      CountDownLatch start = new CountDownLatch(1);
      try (Committer committer = new Committer(db, write)) {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int thread = t;
          done.add(
              pool.submit(
                  () -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                      try (WriteBatch batch = new WriteBatch()) {
                        // Two records per batch, and a delete: merged batches must keep all three.
                        batch.put(bytes("a/" + thread + "/" + i), bytes("v" + i));
                        batch.put(bytes("b/" + thread + "/" + i), bytes("w" + i));
                        batch.put(bytes("gone/" + thread + "/" + i), bytes("x"));
                        batch.delete(bytes("gone/" + thread + "/" + i));
                        committer.write(batch);
                      }
                      // Written means readable at once.
                      assertThat(db.get(bytes("a/" + thread + "/" + i))).isEqualTo(bytes("v" + i));
                    }
                    return null;
                  }));
        }
        start.countDown();
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }
      for (int t = 0; t < threads; t++) {
        for (int i = 0; i < perThread; i++) {
          assertThat(db.get(bytes("a/" + t + "/" + i))).isEqualTo(bytes("v" + i));
          assertThat(db.get(bytes("b/" + t + "/" + i))).isEqualTo(bytes("w" + i));
          assertThat(db.get(bytes("gone/" + t + "/" + i))).isNull();
        }
      }
    }
  }

  @Test
  void mergedBatchHoldsEveryRecordInOrder() throws Exception {
    try (Options options = new Options().setCreateIfMissing(true);
        WriteOptions write = new WriteOptions();
        RocksDB db = RocksDB.open(options, dir.toString());
        WriteBatch first = new WriteBatch();
        WriteBatch second = new WriteBatch();
        WriteBatch third = new WriteBatch()) {
      first.put(bytes("k1"), bytes("one"));
      first.put(bytes("k2"), bytes("two"));
      second.delete(bytes("k1")); // later in the merged batch, so it wins over the put
      third.put(bytes("k3"), new byte[100_000]);
      try (WriteBatch merged = Committer.merge(List.of(first, second, third))) {
        assertThat(merged.count()).isEqualTo(4);
        db.write(write, merged);
      }
      assertThat(db.get(bytes("k1"))).isNull();
      assertThat(db.get(bytes("k2"))).isEqualTo(bytes("two"));
      assertThat(db.get(bytes("k3"))).hasSize(100_000);
    }
  }

  @Test
  void aWriteAfterCloseFailsAndWritesNothing() throws Exception {
    try (Options options = new Options().setCreateIfMissing(true);
        WriteOptions write = new WriteOptions().setSync(true);
        RocksDB db = RocksDB.open(options, dir.toString())) {
      Committer committer = new Committer(db, write);
      try (WriteBatch batch = new WriteBatch()) {
        batch.put(bytes("before"), bytes("1"));
        committer.write(batch);
      }
      committer.close();
      try (WriteBatch batch = new WriteBatch()) {
        batch.put(bytes("after"), bytes("2"));
        assertThatThrownBy(() -> committer.write(batch))
            .isInstanceOf(RocksDBException.class)
            .hasMessageContaining("closed");
      }
      assertThat(db.get(bytes("before"))).isEqualTo(bytes("1"));
      assertThat(db.get(bytes("after"))).isNull();
    }
  }
}
