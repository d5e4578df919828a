package dev.osprey.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/** Writes one blob. {@link #sync} before the metadata that makes the bytes visible is committed. */
public interface BlobWriter extends AutoCloseable {
  String blobId();

  /** Writes all remaining bytes of {@code src} at the current end. */
  void write(ByteBuffer src) throws IOException;

  /**
   * Copies {@code length} bytes of {@code source} from {@code offset} to the current end (multipart
   * assembly, CopyObject). Backends override it with a copy that avoids user space; this default
   * goes through one bounded buffer.
   */
  default void transferFrom(BlobReader source, long offset, long length) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate((int) Math.min(length, BodyCopier.BUFFER_SIZE));
    try (ReadableByteChannel in = source.read(offset, length)) {
      long left = length;
      while (left > 0) {
        buf.clear();
        if (buf.remaining() > left) {
          buf.limit((int) left);
        }
        int n = in.read(buf);
        if (n < 0) {
          throw new IOException("blob ended " + left + " bytes early");
        }
        buf.flip();
        write(buf);
        left -= n;
      }
    }
  }

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
