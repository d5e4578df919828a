package dev.osprey.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A {@link DataStore} that knows which blobs have a writer open. Every write path closes its writer
 * only after its metadata commit (or its abort), so a blob with no open writer is either named by a
 * committed record or nobody will ever name it. The orphan collector skips blobs with an open
 * writer: a slow upload, or a part waiting for a long Complete to release its upload, is never
 * collected however long it takes.
 */
final class TrackedDataStore implements DataStore {
  private final DataStore real;
  private final ConcurrentHashMap<String, Integer> openWriters = new ConcurrentHashMap<>();

  TrackedDataStore(DataStore real) {
    this.real = real;
  }

  /** Whether a writer of the blob is open now. */
  boolean isBeingWritten(String blobId) {
    return openWriters.containsKey(blobId);
  }

  @Override
  public BlobWriter create() throws IOException {
    return track(real.create());
  }

  @Override
  public BlobWriter openForAppend(String blobId, long committedLength) throws IOException {
    return track(real.openForAppend(blobId, committedLength));
  }

  @Override
  public BlobReader open(String blobId) throws IOException {
    return real.open(blobId);
  }

  @Override
  public void delete(String blobId) throws IOException {
    real.delete(blobId);
  }

  @Override
  public Stream<StoredBlob> blobs() throws IOException {
    return real.blobs();
  }

  @Override
  public void close() {
    real.close();
  }

  private BlobWriter track(BlobWriter writer) {
    openWriters.merge(writer.blobId(), 1, Integer::sum);
    return new Tracked(writer);
  }

  /** Delegates everything (transferFrom too, to keep the backend's copy); close untracks once. */
  private final class Tracked implements BlobWriter {
    private final BlobWriter writer;
    private boolean closed;

    Tracked(BlobWriter writer) {
      this.writer = writer;
    }

    @Override
    public String blobId() {
      return writer.blobId();
    }

    @Override
    public void write(ByteBuffer src) throws IOException {
      writer.write(src);
    }

    @Override
    public void transferFrom(BlobReader source, long offset, long length) throws IOException {
      writer.transferFrom(source, offset, length);
    }

    @Override
    public long size() {
      return writer.size();
    }

    @Override
    public void sync() throws IOException {
      writer.sync();
    }

    @Override
    public void abort() {
      writer.abort();
    }

    @Override
    public void close() throws IOException {
      try {
        writer.close();
      } finally {
        if (!closed) {
          closed = true;
          openWriters.computeIfPresent(writer.blobId(), (id, n) -> n == 1 ? null : n - 1);
        }
      }
    }
  }
}
