package dev.osprey.server.http;

import dev.osprey.protocol.Headers;
import dev.osprey.protocol.Limits;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.RequestHead;
import dev.osprey.server.api.CompletedRequest;
import dev.osprey.server.api.ConnectionWatch;
import dev.osprey.server.api.IncomingRequest;
import dev.osprey.server.api.IncomingRequest.BodyFraming;
import dev.osprey.server.api.OssResponse;
import dev.osprey.server.api.RequestProcessor;
import dev.osprey.server.metrics.ServerMetrics;
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
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge between Netty and the request processor, one instance per connection. The event loop
 * only moves bytes: a request is handed to the worker executor (platform threads, see {@code
 * RequestWorkers}) once its small body has arrived, or at its head when the body is large, and body
 * chunks flow into that request's {@link RequestBody}. Requests on one connection are answered
 * strictly in order: each task starts after the previous response was handed to the channel.
 */
public final class RequestHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(RequestHandler.class);

  /**
   * After an early error, up to this much of an unread body is drained to keep the connection; past
   * it we close.
   */
  private static final long MAX_DRAIN_BYTES = 1L << 20;

  /**
   * How long a connection that will close keeps swallowing the rest of an unread body. Closing
   * while the client still sends makes the kernel reset the connection, and clients that write the
   * whole body before reading (the Java SDK does) then report "Connection reset" or "Broken pipe"
   * instead of the OSS error (nginx's lingering_time plays the same role).
   */
  static final Duration LINGER = Duration.ofSeconds(30);

  /**
   * A request whose body fits in this many bytes is handed to a worker only once the body has
   * arrived whole: the worker then never waits on the socket, and a small request costs one thread
   * hand-off (event loop → worker). Larger bodies are handed over at once and stream with
   * back-pressure.
   */
  static final int SMALL_BODY_LIMIT = 64 * 1024;

  /**
   * A small body still incomplete after this long is handed over anyway, so a stalled client meets
   * the usual body read timeout (RequestTimeout) in its worker.
   */
  static final Duration SMALL_BODY_WAIT = Duration.ofSeconds(1);

  private final HttpContext http;
  private final HeadDeadline headDeadline;
  private final ConnectionWatch connection = new ConnectionWatch();
  private ChannelHandlerContext ctx;
  private RequestBody currentBody;

  /**
   * Set on the event loop once a response said {@code Connection: close}: nothing more is read as a
   * request.
   */
  private boolean lingering;

  /** Requests received on this connection and not yet answered; touched on the event loop only. */
  private int unanswered;

  private CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);

  /**
   * The hand-over of a request whose small body is still arriving (null when none); touched on the
   * event loop only.
   */
  private Runnable pendingDispatch;

  private ScheduledFuture<?> pendingTimer;
  private long pendingBytes;

  /**
   * What every connection shares: the processor, the workers, ids, the response writer and
   * timeouts.
   */
  public record HttpContext(
      RequestProcessor processor,
      Executor workers,
      RequestIds requestIds,
      ResponseWriter writer,
      java.time.Duration bodyReadTimeout,
      InFlightRequests inFlight,
      ServerMetrics metrics,
      java.time.Duration idleTimeout,
      java.time.Duration headerTimeout) {}

  public RequestHandler(HttpContext http) {
    this.http = http;
    this.headDeadline = new HeadDeadline(http.headerTimeout(), this::headTimedOut);
  }

  /** The slow-header guard of this connection, to be placed before the HTTP decoder. */
  HeadDeadline headDeadline() {
    return headDeadline;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof HttpRequest request) {
        headDeadline.headReceived();
        onRequest(ctx, request);
      }
      if (msg instanceof HttpContent content) {
        onContent(ctx, content);
        if (content instanceof LastHttpContent) {
          headDeadline.bodyEnded();
        }
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  /**
   * A request head did not arrive whole within the header timeout: RequestTimeout, then close.
   * Nothing more is read from this connection as a request.
   */
  private void headTimedOut() {
    if (lingering) {
      return;
    }
    unanswered++;
    currentBody = null;
    lingering = true;
    refuse(
        ctx,
        http.requestIds().next(),
        "GET",
        OssException.of(
            OssErrorCode.REQUEST_TIMEOUT, "The request headers did not arrive in time."));
  }

  /**
   * Answers a request whose head cannot be served (undecodable, too many headers, too slow) in
   * OSS's format, then closes: what follows on this connection is not read as a request.
   */
  private void refuse(
      ChannelHandlerContext ctx, String requestId, String method, OssException error) {
    OssResponse response = http.processor().error(error, requestId, method, null);
    http.metrics()
        .completed(new CompletedRequest(requestId, response, 0, Duration.ZERO, remoteIp(ctx)));
    chain(
        () ->
            http.writer()
                .write(ctx, requestId, response, ResponseWriter.After.CLOSE, this::answered));
  }

  /** The peer's IP literal, for policy conditions; null when the channel has no IP peer. */
  private static String remoteIp(ChannelHandlerContext ctx) {
    return ctx.channel().remoteAddress() instanceof java.net.InetSocketAddress a
            && a.getAddress() != null
        ? a.getAddress().getHostAddress()
        : null;
  }

  private void onRequest(ChannelHandlerContext ctx, HttpRequest request) {
    if (lingering) {
      // We announced Connection: close; whatever follows the unread body is not ours to answer.
      return;
    }
    unanswered++;
    String requestId = http.requestIds().next();
    DecoderResult result = request.decoderResult();
    if (result.isFailure()) {
      // The decoder could not parse the request line or headers: answer in OSS's format, then
      // close, since the framing of anything that follows is unknown.
      currentBody = null;
      refuse(ctx, requestId, request.method().name(), decoderError(result.cause()));
      return;
    }
    if (request.headers().size() > Limits.HEADER_COUNT) {
      // Its body (if any) is not read: nothing after this head is answered on this connection.
      currentBody = null;
      lingering = true;
      refuse(
          ctx,
          requestId,
          request.method().name(),
          OssException.of(
              OssErrorCode.REQUEST_HEADER_TOO_LARGE,
              "A request has at most " + Limits.HEADER_COUNT + " header lines."));
      return;
    }
    RequestBody body = new RequestBody(ctx.channel(), http.bodyReadTimeout());
    currentBody = body;
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    Instant received = Instant.now();
    RequestHead head = toHead(request);
    BodyFraming framing = framing(request);
    AtomicBoolean continueSent = new AtomicBoolean(!HttpUtil.is100ContinueExpected(request));
    Runnable sendContinue =
        () -> {
          if (continueSent.compareAndSet(false, true)) {
            ctx.writeAndFlush(
                new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
          }
        };
    IncomingRequest incoming =
        new IncomingRequest(
            requestId, head, body, framing, received, sendContinue, remoteIp(ctx), connection);
    http.inFlight().begin();
    Runnable dispatch =
        () -> chainAsync(() -> handle(ctx, incoming, body, keepAlive, continueSent));
    if (continueSent.get() && smallBody(framing)) {
      pendingDispatch = dispatch;
      pendingBytes = 0;
      pendingTimer =
          ctx.executor()
              .schedule(this::dispatchPending, SMALL_BODY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } else {
      dispatch.run();
    }
  }

  /**
   * Worth waiting for on the event loop: no body, or one announced (or, chunked, so far seen) to be
   * small. A client that waits for {@code 100 Continue} sends nothing until a worker reads, so it
   * is never waited for.
   */
  private static boolean smallBody(BodyFraming framing) {
    return framing.chunked() || framing.contentLength() <= SMALL_BODY_LIMIT;
  }

  /** Hands the waiting request to a worker: its body is complete, too large, or failed. */
  private void dispatchPending() {
    Runnable dispatch = pendingDispatch;
    if (dispatch == null) {
      return;
    }
    pendingDispatch = null;
    if (pendingTimer != null) {
      pendingTimer.cancel(false);
      pendingTimer = null;
    }
    dispatch.run();
  }

  /** Completes once the response is handed to the channel, which lets the next request start. */
  private CompletableFuture<Void> handle(
      ChannelHandlerContext ctx,
      IncomingRequest incoming,
      RequestBody body,
      boolean keepAlive,
      AtomicBoolean continueSent) {
    // In flight until the response is on the wire, not merely queued: a graceful close waits for
    // this count, and must not shut the connection under a response still being written.
    boolean handedOver = false;
    try {
      CompletableFuture<OssResponse> pending =
          http.processor().processAsync(incoming).toCompletableFuture();
      CompletableFuture<Void> answered;
      if (pending.isDone()) {
        answer(ctx, incoming, body, keepAlive, continueSent, pending.join());
        answered = CompletableFuture.completedFuture(null);
      } else {
        // Waiting for a group commit: this thread goes back to the pool, and the response is
        // written by the thread that completes the commit.
        answered = pending.thenAccept(r -> answer(ctx, incoming, body, keepAlive, continueSent, r));
      }
      handedOver = true; // from here the answer ends the in-flight count
      return answered;
    } finally {
      if (!handedOver) {
        http.inFlight().end();
      }
    }
  }

  private void answer(
      ChannelHandlerContext ctx,
      IncomingRequest incoming,
      RequestBody body,
      boolean keepAlive,
      AtomicBoolean continueSent,
      OssResponse response) {
    boolean handedOver = false;
    try {
      RequestBody.Progress progress = body.progress();
      record(incoming, response, progress);
      boolean keep =
          keepAlive && canReuseConnection(progress, incoming.framing(), continueSent.get());
      if (!progress.consumed()) {
        body.discardRest();
      }
      // The client is still sending a body we will not read: answer, then swallow the rest before
      // closing.
      boolean linger = !keep && continueSent.get() && !progress.ended() && !progress.failed();
      ResponseWriter.After after =
          linger
              ? ResponseWriter.After.CLOSE_LATER
              : keep ? ResponseWriter.After.KEEP_ALIVE : ResponseWriter.After.CLOSE;
      Runnable written =
          () -> {
            answered();
            http.inFlight().end();
            if (linger) {
              lingerThenClose(ctx, body);
            }
          };
      http.writer().write(ctx, incoming.requestId(), response, after, written);
      handedOver = true; // from here the write's completion ends the in-flight count
    } finally {
      if (!handedOver) {
        http.inFlight().end();
      }
    }
  }

  /** The one place an answered request is measured and access-logged. */
  private void record(
      IncomingRequest incoming, OssResponse response, RequestBody.Progress progress) {
    Duration elapsed = Duration.between(incoming.received(), Instant.now());
    http.metrics()
        .completed(
            new CompletedRequest(
                incoming.requestId(),
                response,
                progress.receivedBytes(),
                elapsed,
                incoming.remoteAddress(),
                incoming.head()));
  }

  /**
   * Runs on the event loop once the response is written: close when the body ends, or after {@link
   * #LINGER}.
   */
  private void lingerThenClose(ChannelHandlerContext ctx, RequestBody body) {
    lingering = true;
    RequestBody.Progress progress = body.progress();
    if (progress.ended() || progress.failed()) {
      ctx.close();
      return;
    }
    Runnable close = ctx::close;
    ctx.executor().schedule(close, LINGER.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * After the response, can the next request be read from this connection? Only if the body's end
   * will arrive: it already has, or what is left is small enough to drain. A client still waiting
   * for {@code 100 Continue} never sent its body, so the connection's state is unknown: close.
   */
  private static boolean canReuseConnection(
      RequestBody.Progress body, BodyFraming framing, boolean continueSent) {
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
      if (lingering) {
        ctx.close();
        return;
      }
      body.fail(
          new OssException(
              OssErrorCode.INCOMPLETE_BODY,
              "The request body could not be decoded: " + content.decoderResult().cause()));
      dispatchPending();
      return;
    }
    pendingBytes += content.content().readableBytes();
    body.offer(content.content().retain());
    if (content instanceof LastHttpContent) {
      body.end();
      dispatchPending();
      if (lingering) {
        ctx.close();
      }
    } else if (pendingBytes > SMALL_BODY_LIMIT) {
      dispatchPending(); // a chunked body that turned out large: stream it
    }
  }

  private void chain(Runnable task) {
    previous =
        previous
            .thenRunAsync(task, http.workers())
            .exceptionally(
                t -> {
                  log.error("Unexpected failure while answering a request", t);
                  return null;
                });
  }

  /** As {@link #chain}, for a task whose work ends when the stage it returns completes. */
  private void chainAsync(Supplier<CompletableFuture<Void>> task) {
    previous =
        previous
            .thenComposeAsync(ignored -> task.get(), http.workers())
            .exceptionally(
                t -> {
                  log.error("Unexpected failure while answering a request", t);
                  return null;
                });
  }

  /** Runs on the event loop when a response has been written. */
  private void answered() {
    unanswered--;
  }

  /**
   * A connection with nothing to do for the configured idle time is closed, so clients' pools of
   * kept-alive connections do not hold descriptors forever. A request still being processed keeps
   * its connection.
   */
  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof IdleStateEvent && unanswered == 0) {
      ctx.close();
      return;
    }
    super.userEventTriggered(ctx, evt);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    RequestBody body = currentBody;
    if (body != null) {
      body.fail(
          new OssException(
              OssErrorCode.INCOMPLETE_BODY, "The connection closed before the body was complete."));
    }
    dispatchPending(); // its worker finds the body failed and ends the request's bookkeeping
    connection.closed(); // held live tail reads give their places back
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
        contentLength =
            -1; // the decoder has already rejected unparseable lengths; keep the type total
      }
    }
    return new BodyFraming(contentLength, chunked);
  }
}
