package dev.osprey.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the tail chunks of small appends from the metadata store into their object's blob: write
 * at the folded length, fdatasync, then one metadata commit that drops the chunks and advances the
 * folded length ({@link MetadataStore#foldTail}). One background thread, woken by appends; it
 * lingers a few milliseconds after waking so that one fold (one fdatasync) takes many appends.
 *
 * <p>Crash safety: bytes are in the blob before the chunks are dropped. A crash in between leaves
 * the chunks and bytes past the recorded folded length in the blob; the next fold cuts those bytes
 * ({@link DataStore#openForAppend} truncates to the folded length) and writes them again.
 *
 * <p>One object is folded by one caller at a time (a per-object fold lock): the background thread,
 * a large append that needs the blob complete before writing to it, and the deletion of a replaced
 * generation's blob, which waits so that a fold never recreates or keeps a dead generation's bytes.
 */
final class TailFolder implements AutoCloseable {
  /** Whether a thread folds in the background, or only explicit calls do (tests). */
  enum Mode {
    BACKGROUND,
    MANUAL
  }

  private static final Logger LOG = LoggerFactory.getLogger(TailFolder.class);
  private static final Duration LINGER = Duration.ofMillis(10);
  private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
  private static final ObjectRef STOP = new ObjectRef("", "");

  private final MetadataStore metadata;
  private final DataStore data;
  private final StripedLocks foldLocks = new StripedLocks(1024);
  private final LinkedBlockingQueue<ObjectRef> queue = new LinkedBlockingQueue<>();
  private final Set<ObjectRef> queued = ConcurrentHashMap.newKeySet();
  private final Thread thread;
  private volatile boolean closed;

  TailFolder(MetadataStore metadata, DataStore data, Mode mode) {
    this.metadata = metadata;
    this.data = data;
    for (ObjectRef ref : metadata.objectsWithTail()) {
      schedule(ref); // resume what a crash or shutdown left unfolded
    }
    thread =
        mode == Mode.BACKGROUND
            ? Thread.ofPlatform().name("osprey-tail-folder").daemon().start(this::run)
            : null;
  }

  /** Asks for the object's tail to be folded soon. */
  void schedule(ObjectRef ref) {
    if (!closed && queued.add(ref)) {
      queue.add(ref);
    }
  }

  /** The lock serializing folds of one object, and the deletion of its replaced blobs. */
  ReentrantLock lockFor(String bucket, String key) {
    return foldLocks.forKey(bucket, key);
  }

  /**
   * Folds the object's whole tail now, in the caller's thread.
   *
   * @return whether there was a tail and it was folded
   */
  boolean foldNow(String bucket, String key) {
    ReentrantLock lock = lockFor(bucket, key);
    lock.lock();
    try (MetadataStore.BlobLock shared = sharedLock(lock, bucket, key)) {
      Optional<ObjectState> state = metadata.getObjectWithTail(bucket, key);
      return state.isPresent() && !state.get().tail().isEmpty() && fold(state.get());
    } finally {
      lock.unlock();
    }
  }

  /**
   * The store's cross-process blob lock, taken once per thread: {@code local} (this object's fold
   * lock, just taken) already held before means an outer caller of this thread holds it too.
   */
  MetadataStore.BlobLock sharedLock(ReentrantLock local, String bucket, String key) {
    return local.getHoldCount() > 1 ? MetadataStore.BlobLock.NONE : metadata.lockBlob(bucket, key);
  }

  /** Folds every object queued so far, in the caller's thread (the MANUAL mode's worker). */
  void foldQueued() {
    for (ObjectRef ref : drain()) {
      foldNow(ref.bucket(), ref.key());
    }
  }

  private boolean fold(ObjectState state) {
    ObjectRecord o = state.object();
    BlobWriter writer;
    try {
      writer = data.openForAppend(o.blobId(), state.foldedLength());
    } catch (NoSuchFileException e) {
      return false; // the generation was replaced meanwhile: its tail is gone with it
    } catch (IOException e) {
      throw new StorageException("cannot open blob " + o.blobId() + " to fold its tail", e);
    }
    boolean keep = false;
    try {
      for (TailChunk c : state.tail()) {
        BodyCopier.writeBlob(writer, ByteBuffer.wrap(c.bytes()));
      }
      ObjectAppender.sync(writer);
      keep = true; // from here the bytes are durable: whatever the commit does, leave them
      boolean applied = metadata.foldTail(o.bucket(), o.key(), o.blobId(), o.size());
      if (!applied) {
        keep = false; // the generation is gone or changed: nothing names these bytes
      }
      return applied;
    } finally {
      if (!keep) {
        writer.abort();
      }
      ObjectAppender.closeQuietly(writer);
    }
  }

  private void run() {
    List<ObjectRef> failed = new ArrayList<>();
    while (!closed) {
      List<ObjectRef> batch = new ArrayList<>();
      try {
        ObjectRef first =
            failed.isEmpty()
                ? queue.take()
                : queue.poll(RETRY_PAUSE.toMillis(), TimeUnit.MILLISECONDS);
        if (first == STOP) {
          return;
        }
        if (first != null) {
          queued.remove(first);
          batch.add(first);
          Thread.sleep(LINGER); // let more appends join this fold
        }
      } catch (InterruptedException e) {
        return;
      }
      batch.addAll(drain());
      batch.addAll(failed);
      failed.clear();
      for (ObjectRef ref : batch) {
        if (ref == STOP) {
          return;
        }
        try {
          foldNow(ref.bucket(), ref.key());
        } catch (RuntimeException e) {
          LOG.warn("could not fold the tail of {}/{}; will retry", ref.bucket(), ref.key(), e);
          failed.add(ref);
        }
      }
    }
  }

  private List<ObjectRef> drain() {
    List<ObjectRef> refs = new ArrayList<>();
    queue.drainTo(refs);
    for (ObjectRef ref : refs) {
      queued.remove(ref);
    }
    return refs;
  }

  /** Stops the background thread after the fold in progress; unfolded tails wait for reopen. */
  @Override
  public void close() {
    closed = true;
    if (thread != null) {
      queue.add(STOP);
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
