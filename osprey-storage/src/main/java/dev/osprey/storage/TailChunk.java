package dev.osprey.storage;

/**
 * Bytes of an object that live in the metadata store, not yet folded into the object's blob: the
 * bytes at {@code [offset, offset + bytes.length)} of one generation. Small appends commit their
 * bytes as a chunk in the same atomic write as the object's new record (group commit); a background
 * folder later copies chunks into the blob and drops them.
 *
 * <p>The array is shared, never copied: nobody may modify it after handing it over.
 *
 * @param offset where the bytes start in the object
 * @param bytes the bytes (at least one)
 */
public record TailChunk(long offset, byte[] bytes) {
  public TailChunk {
    if (offset < 0 || bytes == null || bytes.length == 0) {
      throw new IllegalArgumentException("a tail chunk needs an offset >= 0 and some bytes");
    }
  }

  /** The offset just past the chunk. */
  public long end() {
    return offset + bytes.length;
  }
}
