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
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * An object body sent no faster than the response's {@code x-oss-traffic-limit}. The chunked writer
 * asks for chunks on the event loop; when the next chunk is not due yet this answers "none for now"
 * and schedules the writer's resumption for when it is, so the event loop never sleeps and other
 * connections are served meanwhile. A blob that is no file (S3) is read ahead on a worker ({@link
 * BlobPrefetch}); the writer only takes bytes already read.
 */
final class PacedObjectInput implements ChunkedInput<ByteBuf> {
  private final Iterator<ObjectSegment> segments;
  private final Pace pace;
  private final ChannelHandlerContext ctx;
  private final long length;
  private long progress;
  private ObjectSegment segment;
  private long segmentDone;
  private final Executor workers;

  /** The current segment's reader when its blob is no file (read on a worker), else null. */
  private BlobPrefetch prefetch;

  private boolean resumeScheduled;

  PacedObjectInput(
      List<ObjectSegment> segments,
      long length,
      long bytesPerSecond,
      ChannelHandlerContext ctx,
      Executor workers) {
    this.segments = segments.iterator();
    this.length = length;
    this.pace = new Pace(bytesPerSecond);
    this.ctx = ctx;
    this.workers = workers;
  }

  @Override
  public boolean isEndOfInput() {
    return progress >= length;
  }

  @Override
  public void close() {
    if (prefetch != null) {
      prefetch.close();
      prefetch = null;
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
    if (segment instanceof ObjectSegment.FileSegment f && f.blob().fileChannel() == null) {
      if (prefetch == null) {
        prefetch = ResponseWriter.prefetch(ctx, workers, f);
      }
      ByteBuf ready = prefetch.take(n);
      if (ready == null) {
        return null; // the worker resumes the writer when its read is done
      }
      segmentDone += ready.readableBytes();
      progress += ready.readableBytes();
      pace.moved(ready.readableBytes());
      return ready;
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
    close();
    if (!segments.hasNext()) {
      throw new EOFException("the object ended before its announced length");
    }
    segment = segments.next();
    segmentDone = 0;
  }

  /** A file blob's bytes (page cache) or in-memory tail bytes; non-file blobs go via prefetch. */
  private void fill(ByteBuf buf, int n) throws IOException {
    switch (segment) {
      case ObjectSegment.FileSegment f -> {
        long at = f.offset() + segmentDone;
        while (buf.readableBytes() < n) {
          int read = buf.writeBytes(f.blob().fileChannel(), at, n - buf.readableBytes());
          if (read < 0) {
            throw new EOFException("the blob ended early");
          }
          at += read;
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
