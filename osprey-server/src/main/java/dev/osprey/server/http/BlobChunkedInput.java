package dev.osprey.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.stream.ChunkedInput;

/**
 * A blob range without a file channel as the chunked writer's input: the chunks are read on a
 * worker by a {@link BlobPrefetch}, and the writer, on the event loop, only takes those already
 * read. When none is, it is told "none for now" and resumed once the worker has one.
 */
final class BlobChunkedInput implements ChunkedInput<ByteBuf> {
  private final BlobPrefetch prefetch;
  private long progress;

  BlobChunkedInput(BlobPrefetch prefetch) {
    this.prefetch = prefetch;
  }

  @Override
  public boolean isEndOfInput() {
    return progress >= prefetch.length();
  }

  @Override
  public void close() {
    prefetch.close();
  }

  @Deprecated
  @Override
  public ByteBuf readChunk(ChannelHandlerContext context) throws Exception {
    return readChunk(context.alloc());
  }

  @Override
  public ByteBuf readChunk(ByteBufAllocator allocator) throws Exception {
    if (isEndOfInput()) {
      return null;
    }
    ByteBuf chunk = prefetch.take(BlobPrefetch.CHUNK_BYTES);
    if (chunk != null) {
      progress += chunk.readableBytes();
    }
    return chunk;
  }

  @Override
  public long length() {
    return prefetch.length();
  }

  @Override
  public long progress() {
    return progress;
  }
}
