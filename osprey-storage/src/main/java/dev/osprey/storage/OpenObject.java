package dev.osprey.storage;

import java.io.IOException;
import java.util.List;

/**
 * An object opened for reading: its metadata and its bytes, pinned together. The length to serve is
 * {@code object.size()}, fixed at open time, whatever appends, folds or overwrites happen
 * afterwards. Close it when the response is written.
 *
 * @param object the record as of open time
 * @param reader the object's bytes as of open time (blob prefix, then unfolded tail)
 */
public record OpenObject(ObjectRecord object, ObjectReader reader) implements AutoCloseable {

  /**
   * The pieces of {@code [offset, offset + length)} in serving order: a blob region (zero-copy when
   * file-based), then in-memory tail bytes.
   */
  public List<ObjectSegment> segments(long offset, long length) {
    return reader.segments(offset, length);
  }

  @Override
  public void close() throws IOException {
    if (reader != null) {
      reader.close();
    }
  }
}
