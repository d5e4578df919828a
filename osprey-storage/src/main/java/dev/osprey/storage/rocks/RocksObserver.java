package dev.osprey.storage.rocks;

import dev.osprey.storage.ObjectChange;
import dev.osprey.storage.ObjectRecord;
import dev.osprey.storage.ObjectRef;
import dev.osprey.storage.StorageListener;
import dev.osprey.storage.WalStatistics;
import java.util.List;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.HistogramType;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksIterator;
import org.rocksdb.Statistics;
import org.rocksdb.StatsLevel;
import org.rocksdb.TickerType;

/**
 * What {@link RocksMetadataStore} reports to its {@link StorageListener}: kept out of the store so
 * that measuring costs it a line per write. With {@link StorageListener#NONE} nothing is counted
 * and RocksDB keeps no statistics.
 */
final class RocksObserver implements AutoCloseable {
  private final StorageListener listener;
  private final Statistics statistics;

  /** Attaches RocksDB's statistics to {@code options} (before the database opens) when needed. */
  RocksObserver(StorageListener listener, DBOptions options) {
    this.listener = listener;
    if (listener == StorageListener.NONE) {
      statistics = null;
      return;
    }
    // No per-operation timers: the WAL counters and its sync histogram are all we read.
    statistics = new Statistics();
    statistics.setStatsLevel(StatsLevel.EXCEPT_DETAILED_TIMERS);
    options.setStatistics(statistics);
  }

  /**
   * Once the database is open and before anyone writes: counts the stored objects and bytes and
   * hands the WAL counters over.
   */
  void opened(RocksDB db, ColumnFamilyHandle objects) {
    if (statistics == null) {
      return;
    }
    long count = 0;
    long bytes = 0;
    try (RocksIterator it = db.newIterator(objects)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        // The size is all we need; a record decodes in well under a microsecond.
        ObjectRecord o = RecordCodec.decodeObject("", "", it.value());
        count++;
        bytes += o.size();
      }
    }
    listener.objectsCounted(count, bytes);
    listener.walStatistics(new Wal(statistics));
  }

  /**
   * {@code change} of {@code object} is durable; {@code startNanos} is {@link System#nanoTime()}
   * taken just before the write.
   */
  void written(ObjectRef object, ObjectChange change, long startNanos) {
    if (statistics != null) {
      listener.metadataWritten(List.of(change), System.nanoTime() - startNanos);
    }
    listener.objectChanged(object);
  }

  /** A change of {@code object} written outside the measured paths (a version's removal). */
  void changed(ObjectRef object) {
    listener.objectChanged(object);
  }

  @Override
  public void close() {
    if (statistics != null) {
      statistics.close();
    }
  }

  private record Wal(Statistics s) implements WalStatistics {
    @Override
    public long writes() {
      return s.getTickerCount(TickerType.WRITE_WITH_WAL);
    }

    @Override
    public long syncs() {
      return s.getTickerCount(TickerType.WAL_FILE_SYNCED);
    }

    @Override
    public long syncMicros() {
      return s.getHistogramData(HistogramType.WAL_FILE_SYNC_MICROS).getSum();
    }

    @Override
    public long bytes() {
      return s.getTickerCount(TickerType.WAL_FILE_BYTES);
    }
  }
}
