package dev.osprey.storage;

import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Room for writes: the configured capacity (bytes of the objects stored) and the state of the disk
 * that holds the data directory (docs/storage.md, "Disk full").
 *
 * <p>A reserve file of {@link SpaceLimits#reserve()} bytes is kept in the data directory. The first
 * write that fails with ENOSPC (a blob write or RocksDB's WAL) deletes it and puts the store in the
 * <em>full</em> state: from then on writes that add data are refused before they touch the disk,
 * so the released space is left to what frees space: deletes (RocksDB needs WAL and flush room for
 * them, and its own recovery from the out-of-space error needs room to flush). Once the disk has
 * twice the reserve free again (checked at most every {@link #RECHECK_NANOS} by a refused write),
 * the reserve is written back and writes are admitted again; no restart is needed.
 */
public final class DiskSpace {
  private static final Logger LOG = LoggerFactory.getLogger(DiskSpace.class);

  /** The reserve's file name in the data directory. */
  public static final String RESERVE_FILE = "space-reserve";

  static final long RECHECK_NANOS = 250_000_000L;

  /** No capacity limit and no reserve: what stores opened without a data directory use. */
  public static final DiskSpace UNLIMITED = new DiskSpace(null, SpaceLimits.NONE);

  private final Path reserveFile;
  private final SpaceLimits limits;
  private final AtomicLong stored = new AtomicLong();
  private final ReentrantLock lock = new ReentrantLock();
  private volatile boolean full;
  private volatile long nextCheck;

  private DiskSpace(Path reserveFile, SpaceLimits limits) {
    this.reserveFile = reserveFile;
    this.limits = limits;
  }

  /**
   * Space accounting for the data directory {@code dataDir}, writing its reserve file now (a disk
   * already too full for it starts in the full state).
   */
  public static DiskSpace open(Path dataDir, SpaceLimits limits) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new StorageException("cannot create the data directory " + dataDir, e);
    }
    DiskSpace space = new DiskSpace(dataDir.resolve(RESERVE_FILE), limits);
    if (limits.reserve() > 0 && !space.writeReserve()) {
      space.full = true;
      LOG.warn("the disk holding {} is full: writes are refused until space is freed", dataDir);
    }
    return space;
  }

  /**
   * Counts the bytes stored from what {@code downstream} is told, and passes everything on; without
   * a capacity limit nothing needs counting and {@code downstream} is returned as it is.
   */
  public StorageListener counting(StorageListener downstream) {
    if (limits.capacity() == 0) {
      return downstream;
    }
    return new StorageListener() {
      @Override
      public void metadataWritten(List<ObjectChange> changes, long nanos) {
        long delta = 0;
        for (ObjectChange c : changes) {
          delta -= c.before().map(ObjectRecord::size).orElse(0L);
          delta += c.after().map(ObjectRecord::size).orElse(0L);
        }
        stored.addAndGet(delta);
        downstream.metadataWritten(changes, nanos);
      }

      @Override
      public void blobSynced(long nanos) {
        downstream.blobSynced(nanos);
      }

      @Override
      public void objectsCounted(long objects, long bytes) {
        stored.addAndGet(bytes);
        downstream.objectsCounted(objects, bytes);
      }

      @Override
      public void walStatistics(WalStatistics statistics) {
        downstream.walStatistics(statistics);
      }
    };
  }

  /** Bytes of the objects stored now (their sizes, as the capacity counts them). */
  public long stored() {
    return stored.get();
  }

  /** Whether writes are being refused because the disk filled up. */
  public boolean full() {
    return full;
  }

  /**
   * Lets a write that adds {@code declaredBytes} (0 when not known in advance) through, or refuses
   * it with InsufficientStorage naming the cause: the capacity limit, or a full disk.
   */
  public void admitWrite(long declaredBytes) {
    if (full && !recovered()) {
      throw diskFull();
    }
    long capacity = limits.capacity();
    if (capacity > 0) {
      long now = stored.get();
      if (now + Math.max(0, declaredBytes) > capacity || now >= capacity) {
        throw new OssException(
            OssErrorCode.INSUFFICIENT_STORAGE,
            String.format(
                Locale.ROOT,
                "The server's storage capacity of %d bytes would be exceeded: %d bytes are stored"
                    + " and the request adds %d. Delete objects to make room.",
                capacity,
                now,
                Math.max(0, declaredBytes)));
      }
    }
  }

  /**
   * What {@code failure} means for the client: InsufficientStorage when the disk ran out of space
   * somewhere in its causes (and the store enters the full state, releasing its reserve), null when
   * it is some other fault.
   */
  public OssException translate(Throwable failure) {
    if (!isNoSpace(failure)) {
      return null;
    }
    enterFull();
    return diskFull();
  }

  /** Whether ENOSPC (or a disk quota) is among the causes of {@code failure}. */
  public static boolean isNoSpace(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof RocksDBException r
          && r.getStatus() != null
          && r.getStatus().getSubCode() == Status.SubCode.NoSpace) {
        return true;
      }
      String m = t.getMessage();
      if ((t instanceof IOException || t instanceof RocksDBException)
          && m != null
          && (m.contains("No space left on device") || m.contains("Disk quota exceeded"))) {
        return true;
      }
    }
    return false;
  }

  private static OssException diskFull() {
    return new OssException(
        OssErrorCode.INSUFFICIENT_STORAGE,
        "The disk holding the server's data is full (No space left on device). Objects already"
            + " stored are intact and can be read and deleted; writes resume once space is freed.");
  }

  private void enterFull() {
    if (full || reserveFile == null) {
      return;
    }
    lock.lock();
    try {
      if (!full) {
        full = true;
        nextCheck = System.nanoTime() + RECHECK_NANOS;
        Files.deleteIfExists(reserveFile);
        LOG.warn(
            "the disk holding the data is full: reserve released, writes are refused until {}"
                + " bytes are free again",
            2 * limits.reserve());
      }
    } catch (IOException e) {
      LOG.warn("could not release the space reserve {}", reserveFile, e);
    } finally {
      lock.unlock();
    }
  }

  /** Whether the disk has room again; if so the reserve is back and the full state is over. */
  private boolean recovered() {
    long now = System.nanoTime();
    if (now - nextCheck < 0 || !lock.tryLock()) {
      return false;
    }
    try {
      if (!full) {
        return true;
      }
      nextCheck = now + RECHECK_NANOS;
      long usable = Files.getFileStore(reserveFile.getParent()).getUsableSpace();
      if (usable < 2 * limits.reserve() || !writeReserve()) {
        return false;
      }
      full = false;
      LOG.info("the disk holding the data has room again: writes are admitted");
      return true;
    } catch (IOException e) {
      LOG.warn("cannot tell the free space of {}", reserveFile.getParent(), e);
      return false;
    } finally {
      lock.unlock();
    }
  }

  /** Writes the reserve file whole and durable; false (and no file) when the disk has no room. */
  private boolean writeReserve() {
    if (reserveFile == null || limits.reserve() <= 0) {
      return true;
    }
    try {
      if (Files.isRegularFile(reserveFile) && Files.size(reserveFile) >= limits.reserve()) {
        return true;
      }
      try (FileChannel ch =
          FileChannel.open(reserveFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        ByteBuffer zeros = ByteBuffer.allocate(1 << 16);
        long at = ch.size();
        while (at < limits.reserve()) {
          zeros.clear().limit((int) Math.min(zeros.capacity(), limits.reserve() - at));
          at += ch.write(zeros, at);
        }
        ch.force(true);
      }
      return true;
    } catch (IOException e) {
      try {
        Files.deleteIfExists(reserveFile);
      } catch (IOException ignored) {
        // the next attempt truncates nothing and starts over
      }
      if (!isNoSpace(e)) {
        LOG.warn("could not write the space reserve {}", reserveFile, e);
      }
      return false;
    }
  }
}
