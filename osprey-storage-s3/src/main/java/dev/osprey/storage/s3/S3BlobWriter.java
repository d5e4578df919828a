package dev.osprey.storage.s3;

import dev.osprey.storage.BlobReader;
import dev.osprey.storage.BlobWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a blob as new chunks after its committed length: the bytes written since the last {@link
 * #sync} become one chunk object when sync returns (S3 has answered 200 by then, which is the
 * durability the caller acknowledges).
 */
final class S3BlobWriter implements BlobWriter {
  private static final Logger LOG = LoggerFactory.getLogger(S3BlobWriter.class);

  private final S3DataStore owner;
  private final ChunkStore store;
  private final String blobId;
  private final boolean created;
  private final long startLength;
  private long size;
  private ChunkUpload current;
  private final List<String> written = new ArrayList<>();

  S3BlobWriter(S3DataStore owner, String blobId, boolean created, long startLength) {
    this.owner = owner;
    this.store = owner.chunks();
    this.blobId = blobId;
    this.created = created;
    this.startLength = startLength;
    this.size = startLength;
  }

  @Override
  public String blobId() {
    return blobId;
  }

  private ChunkUpload current() {
    if (current == null) {
      current = new ChunkUpload(store, store.newChunkKey(blobId, size), owner.settings().sizes());
    }
    return current;
  }

  @Override
  public void write(ByteBuffer src) throws IOException {
    int n = src.remaining();
    current().write(src);
    size += n;
  }

  /**
   * From a blob of this store: large pieces are copied server side (UploadPartCopy), so a multipart
   * completion or a CopyObject never brings those bytes through Osprey.
   */
  @Override
  public void transferFrom(BlobReader source, long offset, long length) throws IOException {
    if (!(source instanceof S3BlobReader s3) || s3.owner() != owner) {
      BlobWriter.super.transferFrom(source, offset, length);
      return;
    }
    current().append(s3.cover(offset, length));
    size += length;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public void sync() throws IOException {
    if (current != null) {
      ChunkUpload c = current;
      current = null;
      try {
        c.finish();
      } catch (IOException | RuntimeException e) {
        c.abort();
        throw e;
      }
      written.add(c.key());
    } else if (created && written.isEmpty()) {
      // An empty blob still exists: a zero-length chunk says so.
      String key = store.newChunkKey(blobId, 0);
      store.put(key, new byte[0], 0);
      written.add(key);
    }
  }

  /**
   * Deletes the chunks this writer uploaded: no reader ever sees them, because metadata never named
   * their bytes. What fails here is a leftover that the next {@code openForAppend} (or the orphan
   * collector, for a new blob) removes.
   */
  @Override
  public void abort() {
    if (current != null) {
      current.abort();
      current = null;
    }
    try {
      store.delete(written);
    } catch (IOException e) {
      LOG.warn("could not undo an unacknowledged write to blob {}", blobId, e);
    }
    written.clear();
    size = startLength;
  }

  /** Bytes written after the last sync were never acknowledged: they are dropped. */
  @Override
  public void close() {
    if (current != null) {
      current.abort();
      current = null;
    }
  }
}
