package dev.osprey.storage;

import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileStore;
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
 * that holds the data directory (docs/storage.md, "Disk full and I/O errors").
 *
 * <p>RocksDB cannot be allowed to meet a full disk: a WAL write that fails with ENOSPC poisons its
 * log writer for good (RocksJava 10.10 has no {@code DB.resume()}, and RocksDB does not recover
 * such an error by itself, see {@code RocksNoSpaceTest}), after which every write, deletes
 * included, fails until the store is reopened. So the disk is never allowed to fill: a write that
 * adds data is admitted only while the disk has more than {@link SpaceLimits#reserve()} bytes free
 * (its declared length counted), which leaves the reserve to what frees space (deletes, whose
 * commits are small) and to what was already admitted. On top of that a reserve <em>file</em> of an
 * eighth of the reserve is kept in the data directory: if free space falls below a quarter of the
 * reserve anyway (another process filling the disk, chunked bodies of unknown length), the file is
 * deleted so that deletes still find room. A write that does meet ENOSPC (a blob, or RocksDB) is
 * answered InsufficientStorage and puts the store in the full state too.
 *
 * <p>In the full state writes that add data are refused before they read a byte. The state ends by
 * itself, without a restart, when a write finds the disk with room again (free space at least the
 * reserve and a quarter, after the reserve file is written back); free space is looked at at most
 * every {@link #CHECK_NANOS}.
 */
public final class DiskSpace {
  private static final Logger LOG = LoggerFactory.getLogger(DiskSpace.class);

  /** The reserve's file name in the data directory. */
  public static final String RESERVE_FILE = "space-reserve";

  static final long CHECK_NANOS = 20_000_000L;

  /** No capacity limit and no reserve: what stores opened without a data directory use. */
  public static final DiskSpace UNLIMITED = new DiskSpace(null, null, SpaceLimits.NONE);

  private final Path reserveFile;
  private final FileStore disk;
  private final SpaceLimits limits;
  private final AtomicLong stored = new AtomicLong();
  private final ReentrantLock lock = new ReentrantLock();
  private volatile boolean full;
  private volatile boolean logFailed;
  private volatile long usable = Long.MAX_VALUE;
  private volatile long checkedAt;

  private DiskSpace(Path reserveFile, FileStore disk, SpaceLimits limits) {
    this.reserveFile = reserveFile;
    this.disk = disk;
    this.limits = limits;
  }

  /**
   * Space accounting for the data directory {@code dataDir}, writing its reserve file now (a disk
   * already too full for it starts in the full state).
   */
  public static DiskSpace open(Path dataDir, SpaceLimits limits) {
    FileStore disk;
    try {
      Files.createDirectories(dataDir);
      disk = Files.getFileStore(dataDir);
    } catch (IOException e) {
      throw new StorageException("cannot create the data directory " + dataDir, e);
    }
    DiskSpace space = new DiskSpace(dataDir.resolve(RESERVE_FILE), disk, limits);
    if (limits.reserve() > 0) {
      space.checkedAt = System.nanoTime() - 2 * CHECK_NANOS;
      if (!space.writeReserve() || space.freeBytes() < limits.reserve()) {
        space.full = true;
        LOG.warn(
            "the disk holding {} has less than {} bytes free: writes are refused until space is"
                + " freed",
            dataDir,
            limits.reserve());
      }
    }
    return space;
  }

  /** The limits this accounting enforces. */
  public SpaceLimits limits() {
    return limits;
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
      public void objectChanged(ObjectRef object) {
        downstream.objectChanged(object);
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

  /** Whether writes are being refused because the disk is (nearly) full. */
  public boolean full() {
    return full;
  }

  /**
   * Lets a write that adds {@code declaredBytes} (0 or -1 when not known in advance) through, or
   * refuses it with InsufficientStorage naming the cause: the capacity limit, or a full disk.
   */
  public void admitWrite(long declaredBytes) {
    if (logFailed) {
      throw metadataLogFull();
    }
    long adds = Math.max(0, declaredBytes);
    long capacity = limits.capacity();
    if (capacity > 0) {
      long now = stored.get();
      if (now + adds > capacity || now >= capacity) {
        throw capacityExceeded(adds);
      }
    }
    long reserve = limits.reserve();
    if (reserve == 0 || disk == null) {
      return;
    }
    long free = freeBytes();
    if (full) {
      if (!recovered(free)) {
        throw diskFull();
      }
      free = freeBytes();
    }
    if (free - adds < reserve) {
      enterFull(free);
      throw diskFull();
    }
  }

  /**
   * Bytes a body of unknown length may still add before the capacity is passed ({@code
   * Long.MAX_VALUE} without a limit): a chunked body is cut off there.
   */
  public long room() {
    long capacity = limits.capacity();
    return capacity == 0 ? Long.MAX_VALUE : Math.max(0, capacity - stored.get());
  }

  /** InsufficientStorage for a write of {@code adds} bytes that the capacity cannot take. */
  public OssException capacityExceeded(long adds) {
    return new OssException(
        OssErrorCode.INSUFFICIENT_STORAGE,
        String.format(
            Locale.ROOT,
            "The server's storage capacity of %d bytes (--max-storage) would be exceeded: %d bytes"
                + " are stored and the request adds %s. Delete objects to make room.",
            limits.capacity(),
            stored.get(),
            adds < 0 ? "more than there is room for" : Long.toString(adds)));
  }

  /**
   * What {@code failure} means for the client: InsufficientStorage when the disk ran out of space
   * somewhere in its causes (and the store enters the full state, releasing its reserve file), null
   * when it is some other fault.
   */
  public OssException translate(Throwable failure) {
    if (!isNoSpace(failure)) {
      return null;
    }
    if (disk != null) {
      enterFull(0);
    }
    if (logFailed || isWalNoSpace(failure)) {
      if (!logFailed) {
        logFailed = true;
        LOG.error(
            "RocksDB's write-ahead log met a full disk: it refuses every write from now on (RocksDB"
                + " cannot resume it in place); free space and restart the server");
      }
      return metadataLogFull();
    }
    return diskFull();
  }

  /** Whether ENOSPC (or a disk quota) is among the causes of {@code failure}. */
  public static boolean isNoSpace(Throwable failure) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth < 32; t = t.getCause(), depth++) {
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
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** A RocksDB write that failed with NoSpace in the write-ahead log (a {@code .log} file). */
  private static boolean isWalNoSpace(Throwable failure) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth < 32; t = t.getCause(), depth++) {
      if (t instanceof RocksDBException r
          && r.getStatus() != null
          && r.getStatus().getSubCode() == Status.SubCode.NoSpace
          && String.valueOf(r.getMessage()).contains(".log")) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** Whether the metadata log met a full disk: writes stay refused until a restart. */
  public boolean needsRestart() {
    return logFailed;
  }

  private static OssException metadataLogFull() {
    return new OssException(
        OssErrorCode.INSUFFICIENT_STORAGE,
        "The disk holding the server's data filled up under its metadata log (No space left on"
            + " device). Objects already stored are intact and can be read; writes resume once"
            + " space is freed and the server is restarted.");
  }

  private static OssException diskFull() {
    return new OssException(
        OssErrorCode.INSUFFICIENT_STORAGE,
        "The disk holding the server's data is full (No space left on device). Objects already"
            + " stored are intact and can be read and deleted; writes resume once space is freed.");
  }

  /** Free bytes of the disk, looked at no more often than every {@link #CHECK_NANOS}. */
  private long freeBytes() {
    long now = System.nanoTime();
    if (now - checkedAt < CHECK_NANOS) {
      return usable;
    }
    try {
      long free = disk.getUsableSpace();
      usable = free;
      checkedAt = now;
      if (full && free < limits.reserve() / 4) {
        releaseReserve();
      }
      return free;
    } catch (IOException e) {
      LOG.warn("cannot tell the free space of the data directory's disk", e);
      return usable;
    }
  }

  private void enterFull(long free) {
    lock.lock();
    try {
      if (!full) {
        full = true;
        LOG.warn(
            "the disk holding the data has {} bytes free, less than the reserve of {}: writes are"
                + " refused until space is freed",
            free,
            limits.reserve());
      }
      if (free < limits.reserve() / 4) {
        releaseReserve();
      }
    } finally {
      lock.unlock();
    }
  }

  private void releaseReserve() {
    try {
      if (reserveFile != null && Files.deleteIfExists(reserveFile)) {
        checkedAt = 0;
        LOG.warn("space reserve {} released so that deletes find room", reserveFile);
      }
    } catch (IOException e) {
      LOG.warn("could not release the space reserve {}", reserveFile, e);
    }
  }

  /** Whether the disk has room again; if so the reserve file is back and the full state is over. */
  private boolean recovered(long free) {
    long reserve = limits.reserve();
    long needed = reserve + reserve / 4;
    boolean fileMissing = !Files.isRegularFile(reserveFile);
    if (free < needed + (fileMissing ? reserve / 8 : 0) || !lock.tryLock()) {
      return false;
    }
    try {
      if (!full) {
        return true;
      }
      if (!writeReserve()) {
        return false;
      }
      checkedAt = 0;
      if (freeBytes() < needed) {
        return false;
      }
      full = false;
      LOG.info("the disk holding the data has room again: writes are admitted");
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Writes the reserve file whole and durable; false (and no file) when the disk has no room. */
  private boolean writeReserve() {
    long size = limits.reserve() / 8;
    if (reserveFile == null || size <= 0) {
      return true;
    }
    try {
      if (Files.isRegularFile(reserveFile) && Files.size(reserveFile) >= size) {
        return true;
      }
      try (FileChannel ch =
          FileChannel.open(reserveFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        ByteBuffer zeros = ByteBuffer.allocate(1 << 16);
        long at = ch.size();
        while (at < size) {
          zeros.clear().limit((int) Math.min(zeros.capacity(), size - at));
          at += ch.write(zeros, at);
        }
        ch.force(true);
      }
      return true;
    } catch (IOException e) {
      try {
        Files.deleteIfExists(reserveFile);
      } catch (IOException ignored) {
        // the next attempt starts over
      }
      if (!isNoSpace(e)) {
        LOG.warn("could not write the space reserve {}", reserveFile, e);
      }
      return false;
    }
  }
}
