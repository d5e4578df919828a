package dev.osprey.server.http;

import dev.osprey.protocol.Headers;
import dev.osprey.protocol.RequestHead;
import dev.osprey.server.console.ConsoleAssets;
import dev.osprey.server.iam.AdminApi;
import dev.osprey.server.metrics.ServerMetrics;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
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
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A separate, small HTTP listener for operators: {@code GET /metrics} (Prometheus text format) and
 * {@code GET /health}. Kept off the OSS port so no bucket or key can collide with it and so it can
 * stay on loopback while the OSS port is exposed.
 */
public final class AdminServer implements AutoCloseable {
  /** Room for a 16 KB policy document and then some. */
  private static final int ADMIN_BODY_LIMIT = 64 * 1024;

  private final Channel channel;

  private AdminServer(Channel channel) {
    this.channel = channel;
  }

  /**
   * Where the listener binds: {@code host:port} (0 for an ephemeral port) on the server's event
   * loops, with HTTPS when {@code tls} is not null.
   */
  public record Listener(
      String host,
      int port,
      EventLoopGroup group,
      Class<? extends ServerChannel> channelType,
      ServerTls tls) {}

  /** The path that serves the public key of upload callback signatures (docs/callbacks.md). */
  public static final String CALLBACK_KEY_PATH = "/callback-public-key.pem";

  /**
   * Binds the listener, also serving the admin API under {@code /admin/} when {@code adminApi} is
   * not null. Admin requests run on platform threads of their own, never on the event loop (they
   * write to the metadata store). {@code callbackKeyPem}, when not null, is served at {@link
   * #CALLBACK_KEY_PATH} to anyone: it is the public key applications check upload callbacks with.
   */
  public static AdminServer start(
      Listener listener,
      ServerMetrics metrics,
      AdminApi adminApi,
      java.util.function.Supplier<String> callbackKeyPem)
      throws InterruptedException {
    return start(listener, metrics, adminApi, callbackKeyPem, null);
  }

  /**
   * As above, also serving the web console under {@code /console/} when {@code console} is not
   * null: its files, and its OSS requests ({@code /console/oss/...}) answered by the OSS request
   * pipeline that {@code console} describes, so they are authenticated and authorized as on the OSS
   * port.
   */
  public static AdminServer start(
      Listener listener,
      ServerMetrics metrics,
      AdminApi adminApi,
      java.util.function.Supplier<String> callbackKeyPem,
      RequestHandler.HttpContext console)
      throws InterruptedException {
    ConsoleAssets assets = console == null ? null : ConsoleAssets.load();
    Channel ch =
        new ServerBootstrap()
            .group(listener.group())
            .channel(listener.channelType())
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel c) {
                    ChannelPipeline p = c.pipeline();
                    if (listener.tls() != null) {
                      p.addLast("tls", listener.tls().newHandler(c.alloc()));
                    }
                    if (console == null) {
                      p.addLast(new HttpServerCodec());
                      p.addLast(new HttpObjectAggregator(ADMIN_BODY_LIMIT));
                      p.addLast(new Handler(metrics, adminApi, callbackKeyPem, null));
                      return;
                    }
                    long idle = console.idleTimeout().toMillis();
                    p.addLast(new IdleStateHandler(0, 0, idle, TimeUnit.MILLISECONDS));
                    p.addLast(new HttpServerCodec(HttpChannelInitializer.decoderConfig()));
                    p.addLast(new ChunkedWriteHandler());
                    Runnable addOss = ConsoleForwarder.install(p, console);
                    p.addLast(new HttpObjectAggregator(ADMIN_BODY_LIMIT));
                    p.addLast(new Handler(metrics, adminApi, callbackKeyPem, assets));
                    addOss.run();
                  }
                })
            .bind(listener.host(), listener.port())
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
    private final AdminApi adminApi;
    private final java.util.function.Supplier<String> callbackKeyPem;
    private final ConsoleAssets assets;

    Handler(
        ServerMetrics metrics,
        AdminApi adminApi,
        java.util.function.Supplier<String> callbackKeyPem,
        ConsoleAssets assets) {
      this.metrics = metrics;
      this.adminApi = adminApi;
      this.callbackKeyPem = callbackKeyPem;
      this.assets = assets;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
      String path = req.uri().split("\\?", 2)[0];
      if (adminApi != null && path.startsWith("/admin/")) {
        RequestHead head = head(req);
        byte[] body = ByteBufUtil.getBytes(req.content());
        // A platform thread: the admin API writes to RocksDB (JNI), which would pin a virtual
        // thread's carrier. Admin calls are rare; a thread each is cheap enough.
        Thread.ofPlatform()
            .name("osprey-admin")
            .daemon()
            .start(
                () -> {
                  AdminApi.Reply r = adminApi.handle(head, body);
                  reply(ctx, HttpResponseStatus.valueOf(r.status()), "application/json", r.json());
                });
      } else if (assets != null && ConsoleAssets.owns(path)) {
        console(ctx, req, path);
      } else if (!HttpMethod.GET.equals(req.method())) {
        reply(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "text/plain", "GET only\n");
      } else if (path.equals("/metrics")) {
        reply(
            ctx,
            HttpResponseStatus.OK,
            "text/plain; version=0.0.4; charset=utf-8",
            metrics.scrape());
      } else if (callbackKeyPem != null && path.equals(CALLBACK_KEY_PATH)) {
        reply(ctx, HttpResponseStatus.OK, "application/x-pem-file", callbackKeyPem.get());
      } else if (path.equals("/health")) {
        reply(ctx, HttpResponseStatus.OK, "text/plain", "ok\nsync: " + metrics.syncMode() + "\n");
      } else {
        reply(ctx, HttpResponseStatus.NOT_FOUND, "text/plain", "try /metrics or /health\n");
      }
    }

    private void console(ChannelHandlerContext ctx, FullHttpRequest req, String path) {
      boolean head = HttpMethod.HEAD.equals(req.method());
      if (!head && !HttpMethod.GET.equals(req.method())) {
        reply(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "text/plain", "GET only\n");
        return;
      }
      ConsoleAssets.Answer a = assets.get(path, req.headers().get("If-None-Match"));
      DefaultFullHttpResponse r =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1,
              HttpResponseStatus.valueOf(a.status()),
              head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(a.body()));
      a.headers().forEach((k, v) -> r.headers().set(k, v));
      r.headers().set("Content-Length", a.body().length);
      r.headers().set("Connection", "close");
      ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
    }

    private static RequestHead head(FullHttpRequest req) {
      Headers headers = new Headers();
      for (Map.Entry<String, String> e : req.headers()) {
        headers.add(e.getKey(), e.getValue());
      }
      return new RequestHead(req.method().name(), req.uri(), headers);
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
