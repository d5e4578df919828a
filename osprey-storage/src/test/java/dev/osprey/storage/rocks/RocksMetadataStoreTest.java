package dev.osprey.storage.rocks;

import static dev.osprey.storage.TestRecords.bucket;
import static dev.osprey.storage.TestRecords.object;
import static org.assertj.core.api.Assertions.assertThat;

import dev.osprey.storage.MetadataStore;
import dev.osprey.storage.MetadataStoreConformanceTest;
import dev.osprey.storage.ObjectRecord;
import dev.osprey.storage.PartRecord;
import dev.osprey.storage.TestRecords;
import dev.osprey.storage.UploadRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

class RocksMetadataStoreTest extends MetadataStoreConformanceTest {
  @Override
  protected MetadataStore open(Path dir) {
    return RocksMetadataStore.open(dir);
  }

  private static String blob(int n) {
    return String.format("%032x", n);
  }

  @Test
  void aStoreFromBeforeTheIndexBuildsItOnceAtOpen() throws RocksDBException {
    store.createBucket(bucket("b"));
    for (int i = 1; i <= 3; i++) {
      ObjectRecord o = object("b", "k" + i, i);
      ObjectRecord named =
          new ObjectRecord(
              o.bucket(),
              o.key(),
              o.type(),
              o.size(),
              o.crc64(),
              o.etag(),
              o.contentMd5(),
              o.lastModified(),
              o.attributes(),
              blob(i),
              null);
      store.updateObject("b", o.key(), cur -> Optional.of(named));
    }
    UploadRecord u =
        new UploadRecord(
            "b",
            "up",
            "00000000000100000000000000000001",
            Instant.parse("2024-05-06T07:08:09Z"),
            TestRecords.plainAttributes());
    store.createUpload(u);
    store.putPart(
        u,
        new PartRecord(u.uploadId(), 1, 5, "E", 1, Instant.parse("2024-05-06T07:08:10Z"), blob(7)));
    store.close();
    store = null;
    dropIndex(dir); // what a data directory written before the index looks like

    store = open(dir);
    for (int i : List.of(1, 2, 3, 7)) {
      assertThat(store.isBlobReferenced(blob(i))).as("blob %d", i).isTrue();
    }
    assertThat(store.isBlobReferenced(blob(4))).isFalse();
    store.updateObject("b", "k1", cur -> Optional.empty());
    reopen(); // the marker is there now: no second build, and the rebuilt entries are maintained
    assertThat(store.isBlobReferenced(blob(1))).isFalse();
    assertThat(store.isBlobReferenced(blob(2))).isTrue();
  }

  /** Drops the blobrefs column family, marker and all. */
  private static void dropIndex(Path dir) throws RocksDBException {
    List<byte[]> names;
    try (Options options = new Options()) {
      names = RocksDB.listColumnFamilies(options, dir.toString());
    }
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    for (byte[] name : names) {
      descriptors.add(new ColumnFamilyDescriptor(name));
    }
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try (DBOptions options = new DBOptions();
        RocksDB db = RocksDB.open(options, dir.toString(), descriptors, handles)) {
      for (ColumnFamilyHandle h : handles) {
        if (new String(h.getName(), StandardCharsets.UTF_8).equals("blobrefs")) {
          db.dropColumnFamily(h);
        }
      }
      handles.forEach(ColumnFamilyHandle::close);
    }
  }
}
