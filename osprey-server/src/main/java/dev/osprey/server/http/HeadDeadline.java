package dev.osprey.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The slow-header guard: once the first byte of a request arrives, its whole head (request line and
 * headers) must arrive within the header timeout, however steadily the client trickles bytes (the
 * idle timeout alone never fires on a connection that sends a byte a second). Sits before the HTTP
 * decoder, which only reports a head once it is complete; {@link RequestHandler} tells it when a
 * head was decoded and when a body ended. Touched on the event loop only.
 *
 * <p>Bytes of the next request that arrive in the same read as the end of the previous body do not
 * start the clock; such a connection is still bounded by the idle timeout.
 */
final class HeadDeadline extends ChannelInboundHandlerAdapter {
  private final Duration timeout;
  private final Runnable onExpiry;
  private boolean awaitingHead = true;
  private ScheduledFuture<?> timer;

  /**
   * @param onExpiry runs on the event loop when a head did not complete in time
   */
  HeadDeadline(Duration timeout, Runnable onExpiry) {
    this.timeout = timeout;
    this.onExpiry = onExpiry;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (awaitingHead && timer == null && msg instanceof ByteBuf bytes && bytes.isReadable()) {
      timer = ctx.executor().schedule(this::expire, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
    ctx.fireChannelRead(msg);
  }

  /** A request head was decoded (whole or refused): the clock stops. */
  void headReceived() {
    awaitingHead = false;
    cancel();
  }

  /** The current request's body ended: the next byte starts the clock for the next head. */
  void bodyEnded() {
    awaitingHead = true;
  }

  private void expire() {
    timer = null;
    if (awaitingHead) {
      awaitingHead = false; // one answer per connection: it closes after this
      onExpiry.run();
    }
  }

  private void cancel() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    cancel();
    super.channelInactive(ctx);
  }
}
