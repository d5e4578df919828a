package dev.osprey.server.http;

import dev.osprey.protocol.HttpDates;
import dev.osprey.server.api.OssResponse;
import dev.osprey.server.api.OssResponse.BytesBody;
import dev.osprey.server.api.OssResponse.NoBody;
import dev.osprey.server.api.OssResponse.ObjectBody;
import dev.osprey.server.api.OssResponse.StreamBody;
import dev.osprey.storage.ObjectSegment;
import dev.osprey.storage.OpenObject;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultFileRegion;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.stream.ChunkedNioStream;
import io.netty.handler.stream.ChunkedWriteHandler;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an {@link OssResponse} to the channel with the headers every OSS response carries: {@code
 * x-oss-request-id}, {@code Server}, {@code Date}, {@code Content-Length} and {@code Connection}.
 * Object bodies go out as a zero-copy file region for the part the object's blob holds (when the
 * data store is file-based and the connection is not TLS), followed by the unfolded tail bytes
 * pinned when the object was opened; a body under {@code x-oss-traffic-limit} goes out in paced
 * chunks instead ({@link PacedObjectInput}). A blob that is no file (S3) is read on a worker, never
 * on the event loop ({@link BlobPrefetch}).
 */
public final class ResponseWriter {
  private static final Logger log = LoggerFactory.getLogger(ResponseWriter.class);
  static final String SERVER_NAME = "Osprey";

  /** Chunk size when a file body cannot go zero-copy (TLS). */
  private static final int FILE_CHUNK_BYTES = 64 * 1024;

  /** Where blobs without a file channel are read (never the event loop). */
  private final Executor workers;

  /**
   * @param workers the server's blocking-work threads: a blob that is not a file (S3) is read there
   *     and its bytes handed to the event loop ({@link BlobPrefetch})
   */
  public ResponseWriter(Executor workers) {
    this.workers = workers;
  }

  /** What happens to the connection once a response is written. */
  public enum After {
    /** {@code Connection: keep-alive}; the next request may follow. */
    KEEP_ALIVE,
    /** {@code Connection: close}, and the writer closes the channel. */
    CLOSE,
    /** {@code Connection: close}, but the caller closes the channel later (lingering close). */
    CLOSE_LATER
  }

  public void write(
      ChannelHandlerContext ctx,
      String requestId,
      OssResponse response,
      After after,
      Runnable onWritten) {
    boolean keepAlive = after == After.KEEP_ALIVE;
    HttpResponseStatus status = HttpResponseStatus.valueOf(response.status());
    ChannelFuture done;
    switch (response.body()) {
      case BytesBody b -> {
        DefaultFullHttpResponse full =
            new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(b.bytes()));
        fillHeaders(full.headers(), requestId, response, keepAlive);
        full.headers().set("Content-Type", b.contentType());
        full.headers().set("Content-Length", b.bytes().length);
        done = ctx.writeAndFlush(full);
      }
      case NoBody n -> {
        DefaultFullHttpResponse full = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status);
        fillHeaders(full.headers(), requestId, response, keepAlive);
        full.headers().set("Content-Length", Math.max(0, n.contentLength()));
        done = ctx.writeAndFlush(full);
      }
      case ObjectBody o -> done = writeObject(ctx, status, requestId, response, keepAlive, o);
      case StreamBody s -> {
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, status);
        fillHeaders(head.headers(), requestId, response, keepAlive);
        head.headers().set("Content-Type", s.contentType());
        HttpUtil.setTransferEncodingChunked(head, true);
        ctx.writeAndFlush(head);
        ChannelPromise ended = ctx.newPromise();
        ChannelSink sink = new ChannelSink(ctx, ended);
        ctx.channel().closeFuture().addListener(f -> sink.closed());
        s.producer().accept(sink);
        done = ended;
      }
    }
    done.addListener(f -> onWritten.run());
    if (after == After.CLOSE) {
      done.addListener(ChannelFutureListener.CLOSE);
    }
  }

  private ChannelFuture writeObject(
      ChannelHandlerContext ctx,
      HttpResponseStatus status,
      String requestId,
      OssResponse response,
      boolean keepAlive,
      ObjectBody body) {
    HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, status);
    fillHeaders(head.headers(), requestId, response, keepAlive);
    head.headers().set("Content-Length", body.length());
    ctx.write(head);
    OpenObject source = body.source();
    try {
      List<ObjectSegment> segments = source.segments(body.offset(), body.length());
      if (response.trafficLimit() > 0) {
        ctx.write(
                new PacedObjectInput(
                    segments, body.length(), response.trafficLimit(), ctx, workers))
            .addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
      } else {
        // A file region bypasses the pipeline's byte handlers, so TLS could not encrypt it: under
        // TLS the file's bytes are read into buffers (the chunked writer) instead.
        boolean zeroCopy = ctx.pipeline().get(SslHandler.class) == null;
        for (ObjectSegment segment : segments) {
          // A body cut short (a read failed) must not leave a keep-alive connection waiting for
          // bytes that will never come.
          ctx.write(content(ctx, segment, zeroCopy))
              .addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        }
      }
    } catch (IOException e) {
      // Headers are already on their way: the only honest signal left is to cut the connection
      // short.
      log.warn(
          "Could not read object {}/{}: {}",
          source.object().bucket(),
          source.object().key(),
          e.toString());
      closeQuietly(source);
      return ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT)
          .addListener(ChannelFutureListener.CLOSE);
    }
    ChannelFuture done = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
    done.addListener(f -> closeQuietly(source));
    return done;
  }

  /**
   * The blob part of the object goes zero-copy as a file region when {@code zeroCopy} and the blob
   * is a file, in chunks read from the file under TLS, and, when the blob is no file (S3), in
   * chunks read ahead on a worker ({@link BlobPrefetch}) so the event loop never waits on the
   * backend; tail bytes not yet folded into the blob were pinned in memory at open time and go as a
   * buffer after it.
   */
  private Object content(ChannelHandlerContext ctx, ObjectSegment segment, boolean zeroCopy)
      throws IOException {
    return switch (segment) {
      case ObjectSegment.FileSegment f when f.blob().fileChannel() == null ->
          new BlobChunkedInput(prefetch(ctx, workers, f));
      case ObjectSegment.FileSegment f ->
          zeroCopy
              ? new DefaultFileRegion(f.blob().fileChannel(), f.offset(), f.length())
              : new ChunkedNioStream(f.blob().read(f.offset(), f.length()), FILE_CHUNK_BYTES);
      case ObjectSegment.BytesSegment b -> Unpooled.wrappedBuffer(b.bytes().duplicate());
    };
  }

  /**
   * A worker-side reader of a non-file blob segment that wakes the connection's chunked writer when
   * a chunk is ready.
   */
  static BlobPrefetch prefetch(
      ChannelHandlerContext ctx, Executor workers, ObjectSegment.FileSegment f) {
    return new BlobPrefetch(
        f.blob(),
        f.offset(),
        f.length(),
        workers,
        ctx.alloc(),
        () -> {
          ChunkedWriteHandler writer = ctx.pipeline().get(ChunkedWriteHandler.class);
          if (writer != null) {
            writer.resumeTransfer(); // hands itself to the event loop
          }
        });
  }

  private static void fillHeaders(
      HttpHeaders headers, String requestId, OssResponse response, boolean keepAlive) {
    // Names spelled as OSS spells them; HTTP does not care, but people reading captures do.
    headers.set("Server", SERVER_NAME);
    headers.set("Date", HttpDates.formatRfc1123(Instant.now()));
    headers.set("x-oss-request-id", requestId);
    for (Map.Entry<String, String> e : response.headers().entrySet()) {
      headers.set(e.getKey(), e.getValue());
    }
    headers.set("Connection", keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
  }

  private static void closeQuietly(OpenObject source) {
    try {
      source.close();
    } catch (IOException e) {
      log.debug("Closing an object reader failed: {}", e.toString());
    }
  }
}
