package dev.osprey.storage;

import dev.osprey.protocol.ContentMd5;
import dev.osprey.protocol.Crc64;
import dev.osprey.protocol.ObjectType;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * AppendObject (spec §1.2–§1.4): compare-length-and-append, atomic per object.
 *
 * <p>A per-object lock is held across position check → store the bytes → commit, so exactly one of
 * several racing appends at one position wins and the others learn the true length. The commit
 * re-checks position, type and generation anyway, because PutObject and DeleteObject do not take
 * this lock. Small bodies of known length are read before the lock so a slow client cannot hold up
 * other writers.
 *
 * <p>Two ways to store the bytes:
 *
 * <ul>
 *   <li><b>Tail (group commit)</b>: an append of at most {@link #TAIL_APPEND_LIMIT} bytes, of known
 *       length, to an existing object commits its bytes as a tail chunk in the same synced metadata
 *       write as the new record. Concurrent appends to different objects share one WAL fsync; there
 *       is no blob fsync. The {@link TailFolder} moves the bytes into the blob later.
 *   <li><b>Blob</b>: anything else (large or chunked bodies, and the append that creates the
 *       object, which creates its blob) folds the pending tail first, then writes at the committed
 *       length, fdatasyncs and commits, as a PUT does.
 * </ul>
 */
final class ObjectAppender {
  /** Bodies up to this size with a known length are read into memory before taking the lock. */
  static final int IN_MEMORY_LIMIT = 1024 * 1024;

  /**
   * Largest append sent to the tail. Measured with 64 writers (docs/benchmarks.md): at 4 KiB the
   * tail doubles throughput over the blob path, at 16 KiB they tie, at 64 KiB the tail is 2.7x
   * slower (the bytes go through the WAL, the memtable and often an L0 flush before the fold writes
   * them again, and the 1 MiB tail bound forces folds in the appenders). 8 KiB sits below the
   * crossover.
   */
  static final int TAIL_APPEND_LIMIT = 8 * 1024;

  /**
   * Most unfolded bytes one object may hold: readers copy the tail into memory, so it stays small.
   * An append that would pass it folds first, in its own thread (back-pressure on a folder that
   * cannot keep up).
   */
  static final long MAX_TAIL_BYTES = 1024 * 1024;

  private final MetadataStore metadata;
  private final DataStore data;
  private final Clock clock;
  private final long maxObjectSize;
  private final TailFolder folder;
  private final DiskSpace space;
  private final HandoffLocks appendLocks = new HandoffLocks(1024);

  /** Where the appender works and what bounds it. */
  record Stores(MetadataStore metadata, DataStore data, TailFolder folder, DiskSpace space) {
    Stores(MetadataStore metadata, DataStore data, TailFolder folder) {
      this(metadata, data, folder, DiskSpace.UNLIMITED);
    }
  }

  ObjectAppender(Stores stores, Clock clock, long maxObjectSize) {
    this.metadata = stores.metadata();
    this.data = stores.data();
    this.folder = stores.folder();
    this.space = stores.space();
    this.clock = clock;
    this.maxObjectSize = maxObjectSize;
  }

  ObjectRecord append(AppendObjectCommand cmd, InputStream body) {
    return join(appendAsync(cmd, body));
  }

  /**
   * As {@link #append}, without waiting for a group commit: a small append to an existing object
   * returns as soon as its batch is in the commit pipeline, and the future completes (on the
   * pipeline's thread) once it is durable; the object's append lock is held until then. Every other
   * append completes before this returns.
   */
  CompletableFuture<ObjectRecord> appendAsync(AppendObjectCommand cmd, InputStream body) {
    byte[] announcedMd5;
    byte[] small = null;
    try {
      if (metadata.getBucket(cmd.bucket()).isEmpty()) {
        throw new OssException(OssErrorCode.NO_SUCH_BUCKET).detail("BucketName", cmd.bucket());
      }
      if (cmd.contentLength() > maxObjectSize) {
        throw tooLarge();
      }
      announcedMd5 = ContentMd5.parse(cmd.contentMd5());
      // A first look before reading the body: a stale position (the common loser of a race) is
      // refused without reading, so a client waiting for 100-continue never uploads. The check is
      // repeated under the lock.
      AppendRules.check(metadata.getObject(cmd.bucket(), cmd.key()), cmd.position());
      if (cmd.contentLength() >= 0 && cmd.contentLength() <= IN_MEMORY_LIMIT) {
        small = BodyBytes.read(body, (int) cmd.contentLength(), announcedMd5);
      }
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    Lock lock = appendLocks.forKey(cmd.bucket(), cmd.key());
    lock.lock();
    boolean handedOver = false;
    try {
      CompletableFuture<ObjectRecord> result = appendLocked(cmd, small, body, announcedMd5);
      if (!result.isDone()) {
        result = result.whenComplete((r, e) -> lock.unlock());
        handedOver = true;
      }
      return result;
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    } finally {
      if (!handedOver) {
        lock.unlock();
      }
    }
  }

  /** The outcome of a future, with the exception it failed with thrown as is. */
  static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new StorageException("append failed", e.getCause());
    }
  }

  private CompletableFuture<ObjectRecord> appendLocked(
      AppendObjectCommand cmd, byte[] small, InputStream body, byte[] md5) {
    Optional<ObjectRecord> current = metadata.getObject(cmd.bucket(), cmd.key());
    AppendRules.check(current, cmd.position());
    long position = cmd.position();
    long knownLength = small != null ? small.length : cmd.contentLength();
    if (knownLength >= 0 && position + knownLength > maxObjectSize) {
      throw tooLarge(); // refused before any byte is stored
    }
    if (small != null && small.length == 0 && current.isPresent()) {
      // spec §1.2: an empty append at the right position changes nothing
      return CompletableFuture.completedFuture(current.get());
    }
    if (small != null && small.length <= TAIL_APPEND_LIMIT && current.isPresent()) {
      return appendToTail(cmd, current.get(), small);
    }
    // Writing the blob in place: other nodes sharing the store must not write it meanwhile (a fold
    // or a blob append of theirs), so the blob lock is taken, and the record read again under it.
    ReentrantLock local = folder.lockFor(cmd.bucket(), cmd.key());
    local.lock();
    try (MetadataStore.BlobLock shared = folder.sharedLock(local, cmd.bucket(), cmd.key())) {
      Optional<ObjectRecord> fresh = metadata.getObject(cmd.bucket(), cmd.key());
      AppendRules.check(fresh, position);
      if (fresh.isPresent()) {
        completeBlob(fresh.get());
      }
      return CompletableFuture.completedFuture(appendToBlob(cmd, fresh, small, body, md5));
    } finally {
      local.unlock();
    }
  }

  /** Writes at the committed length, fdatasyncs and commits, as a PUT does. */
  private ObjectRecord appendToBlob(
      AppendObjectCommand cmd,
      Optional<ObjectRecord> current,
      byte[] small,
      InputStream body,
      byte[] md5) {
    long position = cmd.position();
    BlobWriter writer = openWriter(current);
    boolean committed = false;
    try {
      long crc = current.map(ObjectRecord::crc64).orElse(0L);
      long added;
      if (small != null) {
        BodyCopier.writeBlob(writer, ByteBuffer.wrap(small));
        crc = Crc64.update(crc, small, 0, small.length);
        added = small.length;
      } else {
        // A chunked body is cut off where it would pass the capacity limit.
        long room = space.room();
        boolean capacityBinds = room < maxObjectSize - position;
        BodyCopier.Copied copied =
            BodyCopier.copy(
                body,
                writer,
                new BodyCopier.Spec(
                    cmd.contentLength(),
                    capacityBinds ? room : maxObjectSize - position,
                    capacityBinds ? () -> space.capacityExceeded(-1) : ObjectAppender::tooLarge,
                    md5 != null,
                    crc));
        ContentMd5.verify(md5, copied.md5());
        crc = copied.crc64();
        added = copied.length();
        if (added == 0 && current.isPresent()) {
          return current.get();
        }
      }
      sync(writer);
      ObjectRecord next = nextRecord(cmd, current, writer.blobId(), position + added, crc);
      String expectedBlob = current.map(ObjectRecord::blobId).orElse(null);
      metadata.updateObject(
          cmd.bucket(),
          cmd.key(),
          cur -> {
            AppendRules.checkUnchanged(cur, position, expectedBlob);
            return Optional.of(over(next, cur));
          });
      committed = true;
      return next;
    } finally {
      if (!committed) {
        writer.abort();
      }
      closeQuietly(writer);
    }
  }

  /** Group commit: the bytes ride in the synced metadata write; no blob write, no blob fsync. */
  private CompletableFuture<ObjectRecord> appendToTail(
      AppendObjectCommand cmd, ObjectRecord current, byte[] bytes) {
    long position = cmd.position();
    OptionalLong tailStart = metadata.tailStart(cmd.bucket(), cmd.key(), current.blobId());
    if (tailStart.isPresent() && position - tailStart.getAsLong() + bytes.length > MAX_TAIL_BYTES) {
      folder.foldNow(cmd.bucket(), cmd.key());
    }
    long crc = Crc64.update(current.crc64(), bytes, 0, bytes.length);
    ObjectRecord next =
        nextRecord(cmd, Optional.of(current), current.blobId(), position + bytes.length, crc);
    return metadata
        .updateObjectAsync(
            cmd.bucket(),
            cmd.key(),
            cur -> {
              AppendRules.checkUnchanged(cur, position, current.blobId());
              return Optional.of(over(next, cur));
            },
            new TailChunk(position, bytes))
        .thenApply(
            change -> {
              folder.schedule(new ObjectRef(cmd.bucket(), cmd.key()));
              return next;
            });
  }

  /**
   * Before writing to the blob directly, it must hold every committed byte: fold the tail now. We
   * hold the append lock, so no chunk can join meanwhile.
   */
  private void completeBlob(ObjectRecord current) {
    folder.foldNow(current.bucket(), current.key());
    if (metadata.tailStart(current.bucket(), current.key(), current.blobId()).isPresent()) {
      throw new StorageException(
          "the tail of " + current.bucket() + "/" + current.key() + " could not be folded");
    }
  }

  private ObjectRecord nextRecord(
      AppendObjectCommand cmd, Optional<ObjectRecord> current, String blobId, long size, long crc) {
    ObjectAttributes attributes =
        current
            .map(ObjectRecord::attributes)
            .orElseGet(
                () -> cmd.createAttributes() != null ? cmd.createAttributes() : emptyAttributes());
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    return new ObjectRecord(
            cmd.bucket(),
            cmd.key(),
            ObjectType.APPENDABLE,
            size,
            crc,
            AppendRules.appendableEtag(crc, size),
            null,
            now,
            attributes,
            blobId,
            null)
        .withRestore(current.map(ObjectRecord::restore).orElse(null));
  }

  /**
   * {@code next} as committed over {@code cur}, the record the commit found: an append adds bytes
   * and leaves the rest of the object as it is by then, so attributes and a restored state set
   * since {@code next} was built (tagging, ACL, RestoreObject) are kept.
   */
  private static ObjectRecord over(ObjectRecord next, Optional<ObjectRecord> cur) {
    return cur.map(c -> next.withAttributes(c.attributes()).withRestore(c.restore())).orElse(next);
  }

  private BlobWriter openWriter(Optional<ObjectRecord> current) {
    try {
      return current.isPresent()
          ? data.openForAppend(current.get().blobId(), current.get().size())
          : data.create();
    } catch (IOException e) {
      throw new StorageException("cannot open blob for append", e);
    }
  }

  static ObjectAttributes emptyAttributes() {
    return new ObjectAttributes(null, null, null, null, null, null, null, null, null, null);
  }

  static OssException tooLarge() {
    // Spec §1.5/§9: the code for an append past 5 GB is UNCONFIRMED; EntityTooLarge says exactly
    // what happened.
    return new OssException(
        OssErrorCode.ENTITY_TOO_LARGE, "The object would exceed the maximum object size of 5 GiB.");
  }

  static void sync(BlobWriter writer) {
    try {
      writer.sync();
    } catch (IOException e) {
      throw new StorageException("cannot sync blob " + writer.blobId(), e);
    }
  }

  static void closeQuietly(BlobWriter writer) {
    try {
      writer.close();
    } catch (IOException e) {
      // The outcome is already decided (synced and committed, or aborted); a failed close loses
      // nothing.
    }
  }
}
