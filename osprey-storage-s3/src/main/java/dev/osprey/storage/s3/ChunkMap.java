package dev.osprey.storage.s3;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The chunks of one blob as one listing saw them, and which of them serve a range.
 *
 * <p>Chunks may overlap: a merged chunk covers the small ones it replaces until they are deleted.
 * Overlapping chunks always hold the same bytes (a merge only concatenates committed chunks), so
 * any chunk that holds a position may serve it; the longest is chosen, which needs the fewest GETs.
 * Chunks past the length a caller asks for (an append that was never acknowledged) are never chosen
 * for it.
 */
final class ChunkMap {
  private final List<Chunk> chunks;
  private final boolean deleted;

  /**
   * @param chunks the blob's chunk objects, in any order
   * @param deleted whether the blob carries a tombstone
   */
  ChunkMap(List<Chunk> chunks, boolean deleted) {
    List<Chunk> sorted = new ArrayList<>(chunks);
    sorted.sort(Comparator.comparingLong(Chunk::start).thenComparingLong(Chunk::end));
    this.chunks = List.copyOf(sorted);
    this.deleted = deleted;
  }

  List<Chunk> chunks() {
    return chunks;
  }

  boolean deleted() {
    return deleted;
  }

  /** Whether the blob exists for readers and writers: it has a chunk and no tombstone. */
  boolean exists() {
    return !deleted && !chunks.isEmpty();
  }

  /** A range of one chunk: chunk bytes {@code [from, to)} relative to the blob. */
  record Piece(Chunk chunk, long from, long to) {
    long length() {
      return to - from;
    }

    /** Offset of the piece's first byte within the chunk object. */
    long offsetInChunk() {
      return from - chunk.start();
    }
  }

  /**
   * The pieces that together hold the blob's bytes {@code [offset, offset + length)}, in order.
   *
   * @throws IOException when some byte of the range is in no chunk
   */
  List<Piece> cover(long offset, long length) throws IOException {
    List<Piece> pieces = new ArrayList<>();
    long pos = offset;
    long end = offset + length;
    while (pos < end) {
      Chunk best = null;
      for (Chunk c : chunks) {
        if (c.start() > pos) {
          break;
        }
        if (c.end() > pos && (best == null || c.end() > best.end())) {
          best = c;
        }
      }
      if (best == null) {
        throw new IOException(
            "blob holds no chunk at offset " + pos + " (asked up to " + end + ")");
      }
      long to = Math.min(best.end(), end);
      pieces.add(new Piece(best, pos, to));
      pos = to;
    }
    return pieces;
  }

  /** Whether every byte of {@code [0, length)} is in some chunk. */
  boolean covers(long length) {
    try {
      cover(0, length);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
