package dev.osprey.cli.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The disk's side of the baseline: appends a record to its own file and fdatasyncs it ({@link
 * FileChannel#force} with {@code false}), what a durable 1 KiB append costs at the least; with 8
 * MiB records, the synced sequential bandwidth. A file is started afresh past 512 MiB so that a
 * long run does not fill the disk.
 */
final class SyncedWriteJob implements Job {
  private static final long ROLL_BYTES = 512L << 20;

  private final Path dir;
  private final String name;
  private final ByteBuffer record;
  private FileChannel channel;
  private Path file;
  private int generation;

  SyncedWriteJob(Path dir, String name, int recordSize) {
    this.dir = dir;
    this.name = name;
    this.record = ByteBuffer.allocateDirect(recordSize);
    byte[] fill = new byte[recordSize];
    java.util.Arrays.fill(fill, (byte) 'x');
    record.put(fill).flip();
  }

  @Override
  public void prepare() throws IOException {
    roll();
  }

  @Override
  public void step(Tally t) throws IOException {
    if (channel.size() >= ROLL_BYTES) {
      roll();
    }
    long t0 = System.nanoTime();
    record.rewind();
    while (record.hasRemaining()) {
      channel.write(record);
    }
    channel.force(false);
    t.ok(System.nanoTime() - t0, record.capacity());
  }

  private void roll() throws IOException {
    closeFile();
    file = dir.resolve(name + "-" + generation++);
    channel =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE,
            StandardOpenOption.APPEND);
  }

  private void closeFile() throws IOException {
    if (channel != null) {
      channel.close();
      Files.deleteIfExists(file);
      channel = null;
    }
  }

  @Override
  public void close() {
    try {
      closeFile();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
