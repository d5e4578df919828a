package dev.osprey.server.http;

import dev.osprey.server.api.Pace;
import dev.osprey.storage.ObjectSegment;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.stream.ChunkedInput;
import io.netty.handler.stream.ChunkedWriteHandler;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An object body sent no faster than the response's {@code x-oss-traffic-limit}. The chunked writer
 * asks for chunks on the event loop; when the next chunk is not due yet this answers "none for now"
 * and schedules the writer's resumption for when it is, so the event loop never sleeps and other
 * connections are served meanwhile.
 */
final class PacedObjectInput implements ChunkedInput<ByteBuf> {
  private final Iterator<ObjectSegment> segments;
  private final Pace pace;
  private final ChannelHandlerContext ctx;
  private final long length;
  private long progress;
  private ObjectSegment segment;
  private long segmentDone;
  private ReadableByteChannel stream;
  private boolean resumeScheduled;

  PacedObjectInput(
      List<ObjectSegment> segments, long length, long bytesPerSecond, ChannelHandlerContext ctx) {
    this.segments = segments.iterator();
    this.length = length;
    this.pace = new Pace(bytesPerSecond);
    this.ctx = ctx;
  }

  @Override
  public boolean isEndOfInput() {
    return progress >= length;
  }

  @Override
  public void close() throws IOException {
    if (stream != null) {
      stream.close();
    }
  }

  @Deprecated
  @Override
  public ByteBuf readChunk(ChannelHandlerContext context) throws IOException {
    return readChunk(context.alloc());
  }

  @Override
  public ByteBuf readChunk(ByteBufAllocator allocator) throws IOException {
    if (isEndOfInput()) {
      return null;
    }
    while (segment == null || segmentDone >= segment.length()) {
      nextSegment();
    }
    int n = (int) Math.min(pace.chunk(), segment.length() - segmentDone);
    long wait = pace.waitNanos(n);
    if (wait > 0) {
      scheduleResume(wait);
      return null;
    }
    ByteBuf buf = allocator.buffer(n);
    boolean done = false;
    try {
      fill(buf, n);
      done = true;
    } finally {
      if (!done) {
        buf.release();
      }
    }
    segmentDone += n;
    progress += n;
    pace.moved(n);
    return buf;
  }

  private void nextSegment() throws IOException {
    if (stream != null) {
      stream.close();
      stream = null;
    }
    if (!segments.hasNext()) {
      throw new EOFException("the object ended before its announced length");
    }
    segment = segments.next();
    segmentDone = 0;
  }

  private void fill(ByteBuf buf, int n) throws IOException {
    switch (segment) {
      case ObjectSegment.FileSegment f -> {
        if (f.blob().fileChannel() != null) {
          long at = f.offset() + segmentDone;
          while (buf.readableBytes() < n) {
            int read = buf.writeBytes(f.blob().fileChannel(), at, n - buf.readableBytes());
            if (read < 0) {
              throw new EOFException("the blob ended early");
            }
            at += read;
          }
        } else {
          if (stream == null) {
            stream = f.blob().read(f.offset(), f.length());
          }
          ByteBuffer chunk = ByteBuffer.allocate(n);
          while (chunk.hasRemaining()) {
            if (stream.read(chunk) < 0) {
              throw new EOFException("the blob ended early");
            }
          }
          buf.writeBytes(chunk.flip());
        }
      }
      case ObjectSegment.BytesSegment b -> {
        ByteBuffer view = b.bytes().duplicate();
        view.position(view.position() + (int) segmentDone);
        view.limit(view.position() + n);
        buf.writeBytes(view);
      }
    }
  }

  private void scheduleResume(long waitNanos) {
    if (resumeScheduled) {
      return;
    }
    resumeScheduled = true;
    ctx.executor()
        .schedule(
            () -> {
              resumeScheduled = false;
              ChunkedWriteHandler writer = ctx.pipeline().get(ChunkedWriteHandler.class);
              if (writer != null) {
                writer.resumeTransfer();
              }
            },
            waitNanos,
            TimeUnit.NANOSECONDS);
  }

  @Override
  public long length() {
    return length;
  }

  @Override
  public long progress() {
    return progress;
  }
}
