package dev.osprey.storage;

import java.util.List;

/**
 * An object as one consistent view of the metadata store: its record, how much of it its blob
 * holds, and the tail chunks holding the rest.
 *
 * @param object the record ({@code object.size()} is the committed length)
 * @param foldedLength the blob holds {@code [0, foldedLength)}; equals the size when nothing is
 *     pending
 * @param tail chunks covering {@code [foldedLength, size)} without gaps, in offset order
 */
public record ObjectState(ObjectRecord object, long foldedLength, List<TailChunk> tail) {
  public ObjectState {
    tail = List.copyOf(tail);
  }
}
