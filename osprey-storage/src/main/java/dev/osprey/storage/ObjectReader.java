package dev.osprey.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of an opened object as pinned at open time: {@code [0, foldedLength)} from its blob,
 * then the tail chunks the metadata store held for {@code [foldedLength, size)}. Whatever folds,
 * appends or overwrites happen afterwards, this reader serves exactly those bytes: a fold only
 * writes past {@code foldedLength} of this view, and a deleted blob stays readable through its open
 * handle.
 */
public final class ObjectReader implements BlobReader {
  private final BlobReader blob;
  private final long foldedLength;
  private final List<TailChunk> tail;
  private final long size;

  /**
   * @param blob the open blob of the state's generation
   * @param state the consistent view the metadata store gave (its tail must cover the rest)
   */
  ObjectReader(BlobReader blob, ObjectState state) {
    this.blob = blob;
    this.foldedLength = state.foldedLength();
    this.tail = state.tail();
    this.size = state.object().size();
    long end = foldedLength;
    for (TailChunk c : tail) {
      if (c.offset() != end) {
        throw new StorageException("tail of " + state.object().key() + " has a gap at " + end);
      }
      end = c.end();
    }
    if (end != size) {
      throw new StorageException("bytes of " + state.object().key() + " do not reach its size");
    }
  }

  /** The committed length this reader serves. */
  public long size() {
    return size;
  }

  /** How much of the object the blob holds for this reader; the rest comes from the tail. */
  public long foldedLength() {
    return foldedLength;
  }

  /**
   * The blob's file, or null when the data store is not file-based. Only {@code [0,
   * foldedLength())} of it belongs to this view: serve the object through {@link #segments}.
   */
  @Override
  public FileChannel fileChannel() {
    return blob.fileChannel();
  }

  /**
   * The pieces making up {@code [offset, offset + length)}, in order: at most one blob segment,
   * then in-memory tail bytes.
   */
  public List<ObjectSegment> segments(long offset, long length) {
    if (offset < 0 || length < 0 || offset + length > size) {
      throw new IllegalArgumentException(
          "range [" + offset + ", " + (offset + length) + ") outside an object of " + size);
    }
    long end = offset + length;
    List<ObjectSegment> out = new ArrayList<>();
    if (offset < foldedLength && length > 0) {
      out.add(new ObjectSegment.FileSegment(blob, offset, Math.min(end, foldedLength) - offset));
    }
    for (TailChunk c : tail) {
      long from = Math.max(offset, c.offset());
      long to = Math.min(end, c.end());
      if (from < to) {
        ByteBuffer view = ByteBuffer.wrap(c.bytes(), (int) (from - c.offset()), (int) (to - from));
        out.add(new ObjectSegment.BytesSegment(view.slice().asReadOnlyBuffer()));
      }
    }
    return out;
  }

  /** A channel over {@code [offset, offset + length)}, blob and tail merged. */
  @Override
  public ReadableByteChannel read(long offset, long length) throws IOException {
    return new SegmentChannel(segments(offset, length));
  }

  @Override
  public void close() throws IOException {
    blob.close();
  }

  /** Reads the segments one after the other. */
  private static final class SegmentChannel implements ReadableByteChannel {
    private final List<ObjectSegment> segments;
    private int index;
    private ReadableByteChannel current;
    private boolean open = true;

    SegmentChannel(List<ObjectSegment> segments) {
      this.segments = segments;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      if (!open) {
        throw new ClosedChannelException();
      }
      while (true) {
        if (current == null) {
          if (index == segments.size()) {
            return -1;
          }
          current = channelOf(segments.get(index++));
        }
        int n = current.read(dst);
        if (n >= 0) {
          return n;
        }
        current.close();
        current = null;
      }
    }

    private static ReadableByteChannel channelOf(ObjectSegment s) throws IOException {
      return switch (s) {
        case ObjectSegment.FileSegment f -> f.blob().read(f.offset(), f.length());
        case ObjectSegment.BytesSegment b -> new BytesChannel(b.bytes().duplicate());
      };
    }

    @Override
    public boolean isOpen() {
      return open;
    }

    @Override
    public void close() throws IOException {
      open = false;
      if (current != null) {
        current.close();
      }
    }
  }

  /** Drains a buffer. */
  private static final class BytesChannel implements ReadableByteChannel {
    private final ByteBuffer bytes;

    BytesChannel(ByteBuffer bytes) {
      this.bytes = bytes;
    }

    @Override
    public int read(ByteBuffer dst) {
      if (!bytes.hasRemaining()) {
        return -1;
      }
      int n = Math.min(dst.remaining(), bytes.remaining());
      dst.put(bytes.slice().limit(n));
      bytes.position(bytes.position() + n);
      return n;
    }

    @Override
    public boolean isOpen() {
      return true;
    }

    @Override
    public void close() {
      // nothing held
    }
  }
}
