package dev.osprey.storage.file;

import dev.osprey.storage.BlobReader;
import dev.osprey.storage.BlobWriter;
import dev.osprey.storage.StorageListener;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes a blob file at explicit positions, so the file's own position never matters. */
final class FileBlobWriter implements BlobWriter {
  private static final Logger LOG = LoggerFactory.getLogger(FileBlobWriter.class);

  private final String blobId;
  private final Path path;
  private final FileChannel channel;
  private final boolean created;
  private final boolean durable;
  private final StorageListener listener;
  private final long startLength;
  private long size;
  private boolean closed;

  /**
   * @param created this writer created the file (its name must be made durable too)
   * @param durable {@code sync} fsyncs; false under {@code --sync never}
   * @param listener told how long each fsync took
   */
  record Mode(boolean created, boolean durable, StorageListener listener) {}

  FileBlobWriter(String blobId, Path path, FileChannel channel, Mode mode, long startLength) {
    this.blobId = blobId;
    this.path = path;
    this.channel = channel;
    this.created = mode.created();
    this.durable = mode.durable();
    this.listener = mode.listener();
    this.startLength = startLength;
    this.size = startLength;
  }

  @Override
  public String blobId() {
    return blobId;
  }

  @Override
  public void write(ByteBuffer src) throws IOException {
    while (src.hasRemaining()) {
      size += channel.write(src, size);
    }
  }

  /**
   * {@code FileChannel.transferTo} between two files: the kernel copies (copy_file_range or
   * sendfile on Linux) without the bytes passing through the JVM.
   */
  @Override
  public void transferFrom(BlobReader source, long offset, long length) throws IOException {
    FileChannel from = source.fileChannel();
    if (from == null) {
      BlobWriter.super.transferFrom(source, offset, length);
      return;
    }
    if (from.size() < offset + length) {
      throw new IOException("source blob holds fewer than " + (offset + length) + " bytes");
    }
    // transferTo writes at the target's own position; writes here are positional, so set it.
    channel.position(size);
    long done = 0;
    while (done < length) {
      long n = from.transferTo(offset + done, length - done, channel);
      if (n <= 0) {
        throw new IOException("no progress copying into blob " + blobId);
      }
      done += n;
    }
    size += length;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public void sync() throws IOException {
    if (!durable) {
      return; // --sync never: the bytes are in the operating system, which is all it promises
    }
    long start = System.nanoTime();
    if (created) {
      FileDurability.syncNewBlob(channel, path.getParent());
    } else {
      FileDurability.syncAppend(channel);
    }
    listener.blobSynced(System.nanoTime() - start);
  }

  /**
   * Best effort: whatever this fails to undo is harmless, because metadata never named the new
   * bytes (a leftover tail is cut by the next {@code openForAppend}; a leftover new file is an
   * orphan for garbage collection).
   */
  @Override
  public void abort() {
    try {
      if (created) {
        close();
        Files.deleteIfExists(path);
      } else if (closed) {
        try (FileChannel reopened = FileChannel.open(path, StandardOpenOption.WRITE)) {
          reopened.truncate(startLength);
        }
      } else {
        channel.truncate(startLength);
      }
      size = startLength;
    } catch (IOException e) {
      LOG.warn("could not undo an unacknowledged write to blob {}", blobId, e);
    }
  }

  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      channel.close();
    }
  }
}
