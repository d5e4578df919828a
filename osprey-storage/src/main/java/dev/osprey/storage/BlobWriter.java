package dev.osprey.storage;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Writes one blob. {@link #sync} before the metadata that makes the bytes visible is committed. */
public interface BlobWriter extends AutoCloseable {
  String blobId();

  /** Writes all remaining bytes of {@code src} at the current end. */
  void write(ByteBuffer src) throws IOException;

  /** Bytes in the blob so far (committed prefix plus what this writer added). */
  long size();

  /** Makes everything written durable (data, and the blob's directory entry when new). */
  void sync() throws IOException;

  /** Gives up: a new blob is deleted; an append is truncated back to where it started. */
  void abort();

  /** Releases the file handle (after sync or abort). */
  @Override
  void close() throws IOException;
}
