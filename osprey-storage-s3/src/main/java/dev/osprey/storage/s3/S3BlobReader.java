package dev.osprey.storage.s3;

import dev.osprey.storage.BlobReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.NoSuchFileException;
import java.util.List;
import software.amazon.awssdk.core.ResponseInputStream;

/**
 * An open blob: the chunk listing taken at open, from which each read picks its chunks and makes
 * ranged GETs, one chunk at a time, never past the range it was asked for. A chunk that a merge
 * replaced stays readable for the store's delete delay; should one be gone all the same (a reader
 * open for longer), the reader lists the blob again once and reads the merged chunk instead.
 */
final class S3BlobReader implements BlobReader {
  private final S3DataStore owner;
  private final String blobId;
  private volatile ChunkMap map;

  S3BlobReader(S3DataStore owner, String blobId, ChunkMap map) {
    this.owner = owner;
    this.blobId = blobId;
    this.map = map;
  }

  S3DataStore owner() {
    return owner;
  }

  /**
   * The pieces holding {@code [offset, offset + length)}, listing again if the snapshot lacks some.
   */
  List<ChunkMap.Piece> cover(long offset, long length) throws IOException {
    try {
      return map.cover(offset, length);
    } catch (IOException e) {
      map = owner.chunks().list(blobId);
      return map.cover(offset, length);
    }
  }

  /** Zero-copy is for files; the server streams {@link #read} instead. */
  @Override
  public FileChannel fileChannel() {
    return null;
  }

  /**
   * A channel over {@code [offset, offset + length)}; its first read makes the first ranged GET.
   * The server reads it on a worker thread, never on an event loop, so a GET that waits on S3 holds
   * up only the response it belongs to.
   */
  @Override
  public ReadableByteChannel read(long offset, long length) throws IOException {
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException("negative offset or length");
    }
    return new RangeChannel(offset, offset + length);
  }

  @Override
  public void close() {
    // Nothing held between reads: each range channel owns its GET.
  }

  /** Streams {@code [position, end)} chunk by chunk. */
  private final class RangeChannel implements ReadableByteChannel {
    private final long end;
    private long position;
    private InputStream in;
    private long inLeft;
    private byte[] scratch;
    private boolean open = true;

    RangeChannel(long start, long end) {
      this.position = start;
      this.end = end;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      if (!open) {
        throw new ClosedChannelException();
      }
      if (position >= end) {
        return -1;
      }
      if (!dst.hasRemaining()) {
        return 0;
      }
      if (in == null) {
        openNext();
      }
      int want = (int) Math.min(dst.remaining(), inLeft);
      int n;
      if (dst.hasArray()) {
        n = in.read(dst.array(), dst.arrayOffset() + dst.position(), want);
        if (n > 0) {
          dst.position(dst.position() + n);
        }
      } else {
        if (scratch == null) {
          scratch = new byte[64 * 1024];
        }
        n = in.read(scratch, 0, Math.min(want, scratch.length));
        if (n > 0) {
          dst.put(scratch, 0, n);
        }
      }
      if (n < 0) {
        throw new IOException(
            "blob " + blobId + " chunk ended " + inLeft + " bytes early at offset " + position);
      }
      position += n;
      inLeft -= n;
      if (inLeft == 0) {
        in.close();
        in = null;
      }
      return n;
    }

    void openNext() throws IOException {
      ChunkMap.Piece p = cover(position, end - position).getFirst();
      try {
        in = owner.chunks().get(p.chunk().key(), p.offsetInChunk(), p.length());
      } catch (NoSuchFileException gone) {
        // Replaced by a merge and deleted after its delay: the merged chunk holds the same bytes.
        map = owner.chunks().list(blobId);
        p = map.cover(position, end - position).getFirst();
        in = owner.chunks().get(p.chunk().key(), p.offsetInChunk(), p.length());
      }
      inLeft = p.length();
    }

    @Override
    public boolean isOpen() {
      return open;
    }

    @Override
    public void close() throws IOException {
      open = false;
      if (in != null) {
        if (in instanceof ResponseInputStream<?> r) {
          r.abort(); // do not drain the rest of a long range
        }
        in.close();
        in = null;
      }
    }
  }
}
