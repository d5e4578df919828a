package dev.osprey.storage.file;

import dev.osprey.storage.BlobReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;

/**
 * An open blob file. The open descriptor keeps the file's bytes reachable after it is deleted
 * (POSIX unlink), which is what lets an overwrite or delete proceed without disturbing this read.
 */
final class FileBlobReader implements BlobReader {
  private final FileChannel channel;

  FileBlobReader(FileChannel channel) {
    this.channel = channel;
  }

  @Override
  public FileChannel fileChannel() {
    return channel;
  }

  @Override
  public ReadableByteChannel read(long offset, long length) {
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException("negative offset or length");
    }
    return new RegionChannel(channel, offset, offset + length);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  /** Reads {@code [position, end)} with positional reads; closing it leaves the blob open. */
  private static final class RegionChannel implements ReadableByteChannel {
    private final FileChannel file;
    private final long end;
    private long position;
    private boolean open = true;

    RegionChannel(FileChannel file, long start, long end) {
      this.file = file;
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
      ByteBuffer view = dst;
      long left = end - position;
      if (dst.remaining() > left) {
        view = dst.slice().limit((int) left);
      }
      int n = file.read(view, position);
      if (n < 0) {
        throw new IOException("blob is shorter than its committed length");
      }
      if (view != dst) {
        dst.position(dst.position() + n);
      }
      position += n;
      return n;
    }

    @Override
    public boolean isOpen() {
      return open;
    }

    @Override
    public void close() {
      open = false;
    }
  }
}
