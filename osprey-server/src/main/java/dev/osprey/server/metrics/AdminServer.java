package dev.osprey.server.metrics;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A separate, small HTTP listener for operators: {@code GET /metrics} (Prometheus text format) and
 * {@code GET /health}. Kept off the OSS port so no bucket or key can collide with it and so it can
 * stay on loopback while the OSS port is exposed.
 */
public final class AdminServer implements AutoCloseable {
  private final Channel channel;

  private AdminServer(Channel channel) {
    this.channel = channel;
  }

  /**
   * Binds the listener on {@code host:port} (0 for an ephemeral port), sharing the server's event
   * loops.
   */
  public static AdminServer start(
      String host,
      int port,
      EventLoopGroup group,
      Class<? extends ServerChannel> channelType,
      ServerMetrics metrics)
      throws InterruptedException {
    Channel ch =
        new ServerBootstrap()
            .group(group)
            .channel(channelType)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel c) {
                    c.pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(8 * 1024))
                        .addLast(new Handler(metrics));
                  }
                })
            .bind(host, port)
            .sync()
            .channel();
    return new AdminServer(ch);
  }

  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
  }

  private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final ServerMetrics metrics;

    Handler(ServerMetrics metrics) {
      this.metrics = metrics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
      String path = req.uri().split("\\?", 2)[0];
      if (!HttpMethod.GET.equals(req.method())) {
        reply(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "text/plain", "GET only\n");
      } else if (path.equals("/metrics")) {
        reply(
            ctx,
            HttpResponseStatus.OK,
            "text/plain; version=0.0.4; charset=utf-8",
            metrics.scrape());
      } else if (path.equals("/health")) {
        reply(ctx, HttpResponseStatus.OK, "text/plain", "ok\n");
      } else {
        reply(ctx, HttpResponseStatus.NOT_FOUND, "text/plain", "try /metrics or /health\n");
      }
    }

    private static void reply(
        ChannelHandlerContext ctx, HttpResponseStatus status, String type, String text) {
      DefaultFullHttpResponse r =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
      r.headers().set("Content-Type", type);
      r.headers().set("Content-Length", r.content().readableBytes());
      r.headers().set("Connection", "close");
      ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
    }
  }
}
