package dev.osprey.server.http;

import dev.osprey.protocol.Headers;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.RequestHead;
import dev.osprey.server.api.IncomingRequest;
import dev.osprey.server.api.IncomingRequest.BodyFraming;
import dev.osprey.server.api.OssResponse;
import dev.osprey.server.api.RequestProcessor;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.util.ReferenceCountUtil;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge between Netty and the request processor, one instance per connection. The event loop only moves bytes:
 * the request head starts a task on the worker executor (virtual threads) and body chunks flow into that request's
 * {@link RequestBody}. Requests on one connection are answered strictly in order: each task starts after the previous
 * response was handed to the channel.
 */
public final class RequestHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(RequestHandler.class);

  /** After an early error, up to this much of an unread body is drained to keep the connection; past it we close. */
  private static final long MAX_DRAIN_BYTES = 1L << 20;

  /**
   * After an early error on a connection that will close, how long the rest of the body is still read and thrown
   * away before closing anyway.
   */
  private static final long LINGER_SECONDS = 30;

  private final HttpContext http;
  private RequestBody currentBody;
  private boolean closeAfterCurrent;
  /** Event loop only: the response is out and the connection closes when the current body ends. */
  private boolean closeWhenBodyEnds;
  private CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);

  /** What every connection shares: the processor, the workers, ids, the response writer and timeouts. */
  public record HttpContext(
      RequestProcessor processor,
      Executor workers,
      RequestIds requestIds,
      ResponseWriter writer,
      java.time.Duration bodyReadTimeout,
      InFlightRequests inFlight) {}

  public RequestHandler(HttpContext http) {
    this.http = http;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof HttpRequest request) {
        onRequest(ctx, request);
      }
      if (msg instanceof HttpContent content) {
        onContent(ctx, content);
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void onRequest(ChannelHandlerContext ctx, HttpRequest request) {
    String requestId = http.requestIds().next();
    DecoderResult result = request.decoderResult();
    if (result.isFailure()) {
      // The decoder could not parse the request line or headers: answer in OSS's format, then close, since the
      // framing of anything that follows is unknown.
      currentBody = null;
      OssException error = decoderError(result.cause());
      OssResponse response = http.processor().error(error, requestId, request.method().name(), null);
      chain(() -> http.writer().write(ctx, requestId, response, ResponseWriter.AfterResponse.CLOSE, () -> {}));
      return;
    }
    RequestBody body = new RequestBody(ctx.channel(), http.bodyReadTimeout());
    currentBody = body;
    closeAfterCurrent = !HttpUtil.isKeepAlive(request);
    boolean keepAlive = !closeAfterCurrent;
    Instant received = Instant.now();
    RequestHead head = toHead(request);
    BodyFraming framing = framing(request);
    AtomicBoolean continueSent = new AtomicBoolean(!HttpUtil.is100ContinueExpected(request));
    Runnable sendContinue = () -> {
      if (continueSent.compareAndSet(false, true)) {
        ctx.writeAndFlush(
            new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
      }
    };
    IncomingRequest incoming = new IncomingRequest(requestId, head, body, framing, received, sendContinue);
    http.inFlight().begin();
    chain(() -> handle(ctx, incoming, body, keepAlive, continueSent));
  }

  private void handle(
      ChannelHandlerContext ctx, IncomingRequest incoming, RequestBody body, boolean keepAlive,
      AtomicBoolean continueSent) {
    try {
      OssResponse response = http.processor().process(incoming);
      boolean keep = keepAlive && canReuseConnection(body, incoming.framing(), continueSent.get());
      // A client still sending a body we will not read must not be cut off: closing with unread bytes resets the
      // connection, and the reset destroys the response before clients that read only after sending everything
      // (the Java SDK sends no Expect: 100-continue) see it. So the rest is read and dropped, then we close.
      boolean linger = !keep && continueSent.get() && !body.ended() && !body.failed();
      if (!body.fullyConsumed()) {
        body.discardRest();
      }
      ResponseWriter.AfterResponse after = keep ? ResponseWriter.AfterResponse.KEEP_ALIVE
          : linger ? ResponseWriter.AfterResponse.CALLER_CLOSES : ResponseWriter.AfterResponse.CLOSE;
      Runnable onWritten = linger ? () -> closeWhenBodyEnds(ctx, body) : () -> {};
      http.writer().write(ctx, incoming.requestId(), response, after, onWritten);
    } finally {
      http.inFlight().end();
    }
  }

  /** Runs on the event loop, as do {@link #onContent} and {@link RequestBody#end()}, so no body end is missed. */
  private void closeWhenBodyEnds(ChannelHandlerContext ctx, RequestBody body) {
    if (body.ended() || body.failed()) {
      ctx.close();
      return;
    }
    closeWhenBodyEnds = true;
    ctx.executor().schedule(() -> ctx.close(), LINGER_SECONDS, TimeUnit.SECONDS);
  }

  /**
   * After the response, can the next request be read from this connection? Only if the body's end will arrive: it
   * already has, or what is left is small enough to drain. A client still waiting for {@code 100 Continue} never sent
   * its body, so the connection's state is unknown: close.
   */
  private static boolean canReuseConnection(RequestBody body, BodyFraming framing, boolean continueSent) {
    if (body.failed()) {
      return false;
    }
    if (body.ended()) {
      return true;
    }
    if (!continueSent) {
      return false;
    }
    long left = framing.chunked() ? Long.MAX_VALUE : framing.contentLength() - body.receivedBytes();
    return left <= MAX_DRAIN_BYTES;
  }

  private void onContent(ChannelHandlerContext ctx, HttpContent content) {
    RequestBody body = currentBody;
    if (body == null) {
      return;
    }
    if (content.decoderResult().isFailure()) {
      body.fail(new OssException(
          OssErrorCode.INCOMPLETE_BODY, "The request body could not be decoded: " + content.decoderResult().cause()));
      closeIfLingering(ctx);
      return;
    }
    body.offer(content.content().retain());
    if (content instanceof LastHttpContent) {
      body.end();
      closeIfLingering(ctx);
    }
  }

  private void closeIfLingering(ChannelHandlerContext ctx) {
    if (closeWhenBodyEnds) {
      ctx.close();
    }
  }

  private void chain(Runnable task) {
    previous = previous.thenRunAsync(task, http.workers()).exceptionally(t -> {
      log.error("Unexpected failure while answering a request", t);
      return null;
    });
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    RequestBody body = currentBody;
    if (body != null) {
      body.fail(new OssException(OssErrorCode.INCOMPLETE_BODY, "The connection closed before the body was complete."));
    }
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("Connection error, closing: {}", cause.toString());
    ctx.close();
  }

  private static OssException decoderError(Throwable cause) {
    if (cause instanceof TooLongHttpHeaderException) {
      return OssException.of(OssErrorCode.REQUEST_HEADER_TOO_LARGE);
    }
    if (cause instanceof TooLongFrameException) {
      return OssException.of(OssErrorCode.INVALID_URI, "The request line is too long.");
    }
    return OssException.of(OssErrorCode.INVALID_REQUEST, "The HTTP request could not be parsed.");
  }

  private static RequestHead toHead(HttpRequest request) {
    Headers headers = new Headers();
    for (Map.Entry<String, String> e : request.headers()) {
      headers.add(e.getKey(), e.getValue());
    }
    return new RequestHead(request.method().name(), request.uri(), headers);
  }

  private static BodyFraming framing(HttpRequest request) {
    boolean chunked = HttpUtil.isTransferEncodingChunked(request);
    String length = request.headers().get(HttpHeaderNames.CONTENT_LENGTH);
    long contentLength = -1;
    if (length != null) {
      try {
        contentLength = Long.parseLong(length.trim());
      } catch (NumberFormatException e) {
        contentLength = -1; // the decoder has already rejected unparseable lengths; keep the type total
      }
    }
    return new BodyFraming(contentLength, chunked);
  }
}
