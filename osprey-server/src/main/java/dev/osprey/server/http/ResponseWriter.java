package dev.osprey.server.http;

import dev.osprey.protocol.HttpDates;
import dev.osprey.server.api.OssResponse;
import dev.osprey.server.api.OssResponse.BytesBody;
import dev.osprey.server.api.OssResponse.NoBody;
import dev.osprey.server.api.OssResponse.ObjectBody;
import dev.osprey.storage.OpenObject;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.DefaultFileRegion;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.stream.ChunkedNioStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an {@link OssResponse} to the channel with the headers every OSS response carries: {@code x-oss-request-id},
 * {@code Server}, {@code Date}, {@code Content-Length} and {@code Connection}. Object bodies go out as a zero-copy file
 * region when the data store is file-based.
 */
public final class ResponseWriter {
  private static final Logger log = LoggerFactory.getLogger(ResponseWriter.class);
  static final String SERVER_NAME = "Osprey";

  /** What becomes of the connection once the response is written. */
  public enum AfterResponse {
    /** {@code Connection: keep-alive}; the next request may follow. */
    KEEP_ALIVE,
    /** {@code Connection: close}, and the channel is closed once the response is written. */
    CLOSE,
    /** {@code Connection: close}, but closing is left to the caller (which still has a request body to drain). */
    CALLER_CLOSES
  }

  public void write(
      ChannelHandlerContext ctx, String requestId, OssResponse response, AfterResponse after, Runnable onWritten) {
    boolean keepAlive = after == AfterResponse.KEEP_ALIVE;
    HttpResponseStatus status = HttpResponseStatus.valueOf(response.status());
    ChannelFuture done;
    switch (response.body()) {
      case BytesBody b -> {
        DefaultFullHttpResponse full =
            new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(b.bytes()));
        fillHeaders(full.headers(), requestId, response, keepAlive);
        full.headers().set(HttpHeaderNames.CONTENT_TYPE, b.contentType());
        full.headers().set(HttpHeaderNames.CONTENT_LENGTH, b.bytes().length);
        done = ctx.writeAndFlush(full);
      }
      case NoBody n -> {
        DefaultFullHttpResponse full = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status);
        fillHeaders(full.headers(), requestId, response, keepAlive);
        full.headers().set(HttpHeaderNames.CONTENT_LENGTH, Math.max(0, n.contentLength()));
        done = ctx.writeAndFlush(full);
      }
      case ObjectBody o -> done = writeObject(ctx, status, requestId, response, keepAlive, o);
    }
    done.addListener(f -> onWritten.run());
    if (after == AfterResponse.CLOSE) {
      done.addListener(ChannelFutureListener.CLOSE);
    }
  }

  private ChannelFuture writeObject(
      ChannelHandlerContext ctx, HttpResponseStatus status, String requestId, OssResponse response, boolean keepAlive,
      ObjectBody body) {
    HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, status);
    fillHeaders(head.headers(), requestId, response, keepAlive);
    head.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length());
    ctx.write(head);
    OpenObject source = body.source();
    FileChannel file = source.reader().fileChannel();
    try {
      if (body.length() > 0) {
        if (file != null) {
          ctx.write(new DefaultFileRegion(file, body.offset(), body.length()));
        } else {
          ctx.write(new ChunkedNioStream(source.reader().read(body.offset(), body.length())));
        }
      }
    } catch (IOException e) {
      // Headers are already on their way: the only honest signal left is to cut the connection short.
      log.warn("Could not read object {}/{}: {}", source.object().bucket(), source.object().key(), e.toString());
      closeQuietly(source);
      return ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE);
    }
    ChannelFuture done = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
    done.addListener(f -> closeQuietly(source));
    return done;
  }

  private static void fillHeaders(HttpHeaders headers, String requestId, OssResponse response, boolean keepAlive) {
    headers.set(HttpHeaderNames.SERVER, SERVER_NAME);
    headers.set(HttpHeaderNames.DATE, HttpDates.formatRfc1123(Instant.now()));
    headers.set("x-oss-request-id", requestId);
    for (Map.Entry<String, String> e : response.headers().entrySet()) {
      headers.set(e.getKey(), e.getValue());
    }
    headers.set(HttpHeaderNames.CONNECTION, keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
  }

  private static void closeQuietly(OpenObject source) {
    try {
      source.close();
    } catch (IOException e) {
      log.debug("Closing an object reader failed: {}", e.toString());
    }
  }
}
