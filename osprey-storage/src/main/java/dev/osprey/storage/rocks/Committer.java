package dev.osprey.storage.rocks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The commit pipeline: one platform thread drains the batches that concurrent requests hand it,
 * writes them to RocksDB as one batch (one WAL write and, under {@code --sync always}, one fsync),
 * then wakes each request.
 *
 * <p>Why not leave it to RocksDB's own write group: with dozens of request threads in {@code
 * DB::Write}, the group's leader election, follower spinning and per-follower wake-ups run on the
 * callers' threads, on two cores shared with the HTTP work. Here only one thread ever enters
 * RocksDB to write, so the group is formed in Java with one queue, and the waiting threads park.
 * Which of the two wins on this machine is measured in docs/benchmarks.md.
 *
 * <p>Merging is by WriteBatch representation: a batch is a 12-byte header (sequence, count) and its
 * records, so several batches concatenate into one with the counts summed. Atomicity is per merged
 * batch, which is stronger than each caller needs; a failed write fails every batch in it, and none
 * is retried, because after a failed WAL write or sync nothing in it may be called durable.
 *
 * <p>Callers hold their key locks while they wait, so two batches in one group never touch the same
 * object; their order in the group is the order in which they arrived.
 */
final class Committer implements AutoCloseable {
  private static final int HEADER = 12;

  /** Enough to share one sync among hundreds of small appends, small enough to bound a stall. */
  private static final int MAX_GROUP_BATCHES = 512;

  private static final long MAX_GROUP_BYTES = 8L << 20;

  private final RocksDB db;
  private final WriteOptions options;
  private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Thread thread;
  private volatile boolean sleeping;

  Committer(RocksDB db, WriteOptions options) {
    this.db = db;
    this.options = options;
    this.thread = new Thread(this::run, "osprey-commit");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Writes {@code batch} (synced as the options say) and returns once it is in RocksDB; the batch
   * stays the caller's to close.
   */
  void write(WriteBatch batch) throws RocksDBException {
    if (Thread.currentThread() == thread) {
      // A completion that commits synchronously would wait for itself.
      throw new IllegalStateException("a commit completion must not commit synchronously");
    }
    if (closed.get()) {
      throw new RocksDBException("the metadata store is closed");
    }
    Pending p = new Pending(batch, Thread.currentThread());
    queue.add(p);
    if (closed.get() && queue.remove(p)) {
      throw new RocksDBException("the metadata store is closed");
    }
    if (sleeping) {
      LockSupport.unpark(thread);
    }
    p.await();
  }

  /**
   * As {@link #write}, without waiting: the future completes on the pipeline's thread once the
   * batch is written (synced as the options say), so what depends on it runs there and must be
   * short. The batch stays the caller's to close, after completion.
   */
  CompletableFuture<Void> writeAsync(WriteBatch batch) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (closed.get()) {
      done.completeExceptionally(new RocksDBException("the metadata store is closed"));
      return done;
    }
    Pending p = new Pending(batch, done);
    queue.add(p);
    if (closed.get() && queue.remove(p)) {
      done.completeExceptionally(new RocksDBException("the metadata store is closed"));
      return done;
    }
    if (sleeping) {
      LockSupport.unpark(thread);
    }
    return done;
  }

  private void run() {
    List<Pending> group = new ArrayList<>();
    while (true) {
      Pending first = queue.poll();
      if (first == null) {
        if (closed.get()) {
          return;
        }
        sleeping = true;
        if (queue.isEmpty() && !closed.get()) {
          LockSupport.park(this);
        }
        sleeping = false;
        continue;
      }
      group.add(first);
      long bytes = first.batch.getDataSize();
      Pending next;
      while (group.size() < MAX_GROUP_BATCHES
          && bytes < MAX_GROUP_BYTES
          && (next = queue.poll()) != null) {
        group.add(next);
        bytes += next.batch.getDataSize();
      }
      commit(group);
      group.clear();
    }
  }

  private void commit(List<Pending> group) {
    RocksDBException failure = null;
    try {
      if (group.size() == 1) {
        db.write(options, group.get(0).batch);
      } else {
        List<WriteBatch> batches = new ArrayList<>(group.size());
        for (Pending p : group) {
          batches.add(p.batch);
        }
        try (WriteBatch merged = merge(batches)) {
          db.write(options, merged);
        }
      }
    } catch (RocksDBException e) {
      failure = e;
    } catch (RuntimeException e) {
      failure = new RocksDBException("commit failed: " + e);
    }
    for (Pending p : group) {
      p.complete(failure);
    }
  }

  /** One batch holding the records of all {@code batches}, in order. */
  static WriteBatch merge(List<WriteBatch> batches) throws RocksDBException {
    List<byte[]> reps = new ArrayList<>(batches.size());
    int length = HEADER;
    int count = 0;
    for (WriteBatch b : batches) {
      byte[] rep = b.data();
      reps.add(rep);
      length += rep.length - HEADER;
      count += b.count();
    }
    byte[] out = new byte[length];
    // Sequence 0 (RocksDB assigns it on write), then the record count, little-endian.
    out[8] = (byte) count;
    out[9] = (byte) (count >>> 8);
    out[10] = (byte) (count >>> 16);
    out[11] = (byte) (count >>> 24);
    int at = HEADER;
    for (byte[] rep : reps) {
      System.arraycopy(rep, HEADER, out, at, rep.length - HEADER);
      at += rep.length - HEADER;
    }
    return new WriteBatch(out);
  }

  /** Stops taking batches; those already queued are still written. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      LockSupport.unpark(thread);
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      RocksDBException closedError = new RocksDBException("the metadata store is closed");
      for (Pending p; (p = queue.poll()) != null; ) {
        p.complete(closedError);
      }
    }
  }

  /** One caller's batch, and the thread that waits for it or the future to complete. */
  private static final class Pending {
    final WriteBatch batch;
    final Thread waiter;
    final CompletableFuture<Void> future;
    private volatile boolean done;
    private RocksDBException failure;

    Pending(WriteBatch batch, Thread waiter) {
      this.batch = batch;
      this.waiter = waiter;
      this.future = null;
    }

    Pending(WriteBatch batch, CompletableFuture<Void> future) {
      this.batch = batch;
      this.waiter = null;
      this.future = future;
    }

    void complete(RocksDBException e) {
      if (future != null) {
        if (e == null) {
          future.complete(null);
        } else {
          future.completeExceptionally(e);
        }
        return;
      }
      failure = e;
      done = true; // publishes failure
      LockSupport.unpark(waiter);
    }

    /** Waits uninterruptibly: an interrupted caller must not believe its commit failed. */
    void await() throws RocksDBException {
      boolean interrupted = false;
      while (!done) {
        LockSupport.park(this);
        if (Thread.interrupted()) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      if (failure != null) {
        throw failure;
      }
    }
  }
}
