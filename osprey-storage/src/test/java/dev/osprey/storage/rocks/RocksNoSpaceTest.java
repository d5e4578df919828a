package dev.osprey.storage.rocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osprey.storage.DiskSpace;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;
import org.rocksdb.WriteOptions;

/**
 * What RocksDB 10.10 (RocksJava, which has no {@code DB.resume()}) does when its WAL meets a full
 * disk, on a real 16 MiB tmpfs: the failing write reports IOError/NoSpace, every later write and
 * delete fails too, reads keep working, and freeing space does not bring writes back; only closing
 * and reopening does, with every acknowledged write intact. This is why {@link DiskSpace} keeps the
 * disk from filling instead of recovering after the fact (docs/storage.md).
 */
class RocksNoSpaceTest {
  @TempDir Path tmp;
  private Path mount;

  @BeforeEach
  void mountTmpfs() throws Exception {
    mount = tmp.resolve("fs");
    Files.createDirectories(mount);
    Process p =
        new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", mount.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0)
        .as(
            "this test needs a real small file system: 'mount -t tmpfs' must work (run as root):"
                + " %s",
            out)
        .isTrue();
  }

  @AfterEach
  void unmount() throws Exception {
    new ProcessBuilder("umount", "-l", mount.toString()).inheritIO().start().waitFor();
  }

  @Test
  void walWriteOnFullDiskFailsEveryLaterWriteUntilReopened() throws Exception {
    Path dir = mount.resolve("db");
    Path filler = mount.resolve("filler");
    List<byte[]> acknowledged = new ArrayList<>();
    byte[] value = new byte[4096];
    try (DBOptions options =
            new DBOptions()
                .setCreateIfMissing(true)
                .setEnablePipelinedWrite(true)
                .setAllowConcurrentMemtableWrite(false);
        ColumnFamilyOptions cf = new ColumnFamilyOptions();
        WriteOptions sync = new WriteOptions().setSync(true)) {
      List<ColumnFamilyHandle> handles = new ArrayList<>();
      List<ColumnFamilyDescriptor> cfs =
          List.of(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cf));
      RocksDB db = RocksDB.open(options, dir.toString(), cfs, handles);
      fill(filler, Files.getFileStore(mount).getUsableSpace() - (1 << 20));
      RocksDBException first = null;
      for (int i = 0; i < 10_000 && first == null; i++) {
        byte[] key = ("k" + i).getBytes(StandardCharsets.UTF_8);
        try {
          db.put(sync, key, value);
          acknowledged.add(key);
        } catch (RocksDBException e) {
          first = e;
        }
      }
      assertThat(first).as("the WAL ran out of space").isNotNull();
      assertThat(first.getStatus().getSubCode()).isEqualTo(Status.SubCode.NoSpace);
      assertThat(DiskSpace.isNoSpace(first)).isTrue();
      assertThat(acknowledged).isNotEmpty();

      byte[] k0 = acknowledged.get(0);
      assertThatThrownBy(() -> db.delete(sync, k0))
          .as("a delete after the failure")
          .isInstanceOf(RocksDBException.class);
      assertThat(db.get(k0)).as("reads keep working").isEqualTo(value);

      Files.delete(filler);
      // RocksDB's own error handler had its chance: writes stay refused with space free.
      Thread.sleep(2000);
      assertThatThrownBy(() -> db.put(sync, k0, value))
          .as("a write once space is free again, without reopening")
          .isInstanceOf(RocksDBException.class);
      db.close();
      handles.clear();
      RocksDB reopened = RocksDB.open(options, dir.toString(), cfs, handles);
      for (byte[] k : acknowledged) {
        assertThat(reopened.get(k))
            .as("acknowledged %s", new String(k, StandardCharsets.UTF_8))
            .isEqualTo(value);
      }
      reopened.put(sync, k0, new byte[] {1});
      assertThat(reopened.get(k0)).isEqualTo(new byte[] {1});
      reopened.close();
    }
  }

  private static void fill(Path file, long bytes) throws IOException {
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      ByteBuffer zeros = ByteBuffer.allocate(1 << 16);
      for (long at = 0; at < bytes; ) {
        zeros.clear().limit((int) Math.min(zeros.capacity(), bytes - at));
        at += ch.write(zeros, at);
      }
      ch.force(true);
    }
  }
}
