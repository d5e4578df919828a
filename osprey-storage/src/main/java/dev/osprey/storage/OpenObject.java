package dev.osprey.storage;

import java.io.IOException;

/**
 * An object opened for reading: its metadata and its bytes, pinned together. The length to serve is
 * {@code object.size()}, fixed at open time, whatever appends or overwrites happen afterwards.
 * Close it when the response is written.
 */
public record OpenObject(ObjectRecord object, BlobReader reader) implements AutoCloseable {
  @Override
  public void close() throws IOException {
    if (reader != null) {
      reader.close();
    }
  }
}
