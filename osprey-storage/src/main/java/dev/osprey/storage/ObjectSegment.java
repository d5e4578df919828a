package dev.osprey.storage;

import java.nio.ByteBuffer;

/**
 * A contiguous piece of an opened object, in the order it is served: first the part its blob holds,
 * then bytes that were still in the metadata store's tail when the object was opened.
 */
public sealed interface ObjectSegment {
  long length();

  /**
   * {@code [offset, offset + length)} of the blob, to be served zero-copy when {@code
   * blob.fileChannel()} is not null.
   */
  record FileSegment(BlobReader blob, long offset, long length) implements ObjectSegment {}

  /** Bytes held in memory (a read-only view; its position and limit frame the segment). */
  record BytesSegment(ByteBuffer bytes) implements ObjectSegment {
    @Override
    public long length() {
      return bytes.remaining();
    }
  }
}
