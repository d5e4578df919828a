package dev.osprey.server.http;

import dev.osprey.server.api.StreamSink;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.ArrayList;
import java.util.List;

/**
 * A chunked response body written as it is produced. Netty's writes may come from any thread; each
 * send is one message, so chunks never interleave. {@code ended} completes when the last chunk is
 * written or the connection closes, which is when the response counts as answered.
 */
final class ChannelSink implements StreamSink {
  private final ChannelHandlerContext ctx;
  private final ChannelPromise ended;
  private final List<Runnable> onClose = new ArrayList<>();
  private boolean open = true;
  private boolean closeRun;

  ChannelSink(ChannelHandlerContext ctx, ChannelPromise ended) {
    this.ctx = ctx;
    this.ended = ended;
  }

  @Override
  public void send(byte[] bytes) {
    synchronized (this) {
      if (!open) {
        return;
      }
      ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(bytes)))
          .addListener(
              f -> {
                if (!f.isSuccess()) {
                  closed();
                }
              });
    }
  }

  @Override
  public void end() {
    synchronized (this) {
      if (!open) {
        return;
      }
      open = false;
      ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(f -> closed());
    }
  }

  @Override
  public synchronized boolean isOpen() {
    return open && ctx.channel().isActive();
  }

  @Override
  public void onClose(Runnable action) {
    synchronized (this) {
      if (!closeRun) {
        onClose.add(action);
        return;
      }
    }
    action.run();
  }

  /** The response ended or the connection closed: runs the close actions once. */
  void closed() {
    List<Runnable> actions;
    synchronized (this) {
      open = false;
      if (closeRun) {
        return;
      }
      closeRun = true;
      actions = List.copyOf(onClose);
      onClose.clear();
    }
    actions.forEach(Runnable::run);
    ended.trySuccess();
  }
}
