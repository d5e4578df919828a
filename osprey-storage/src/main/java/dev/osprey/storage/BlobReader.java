package dev.osprey.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;

/**
 * An open blob. Readers serve {@code [0, committed length)} only, where the length comes from
 * metadata.
 */
public interface BlobReader extends AutoCloseable {

  /** The file to serve with a zero-copy region, when the backend is file-based; null otherwise. */
  FileChannel fileChannel();

  /** A channel reading {@code length} bytes from {@code offset}. */
  ReadableByteChannel read(long offset, long length) throws IOException;

  @Override
  void close() throws IOException;
}
