package dev.osprey.server.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import java.net.InetSocketAddress;

/**
 * Sends the web console's OSS requests on the operators' listener into the very same OSS request
 * pipeline the OSS port runs: {@code /console/oss/bucket/key?query} is answered as {@code
 * /bucket/key?query} by a {@link RequestHandler} of its own, so the page's requests are routed,
 * authenticated (its own signature, made in the browser) and authorized exactly as an SDK's. Every
 * other request goes on to the listener's own handlers (assets, metrics, admin API).
 *
 * <p>Sits after the HTTP codec. The OSS handler is placed at the end of the pipeline behind a no-op
 * entry, so a forwarded request skips the admin handlers' aggregation: uploads stream as on the OSS
 * port. Touched on the event loop only.
 */
public final class ConsoleForwarder extends ChannelInboundHandlerAdapter {
  /** The path under which the console reaches the OSS API. */
  public static final String PREFIX = "/console/oss";

  private static final String ENTRY = "console-oss-entry";

  private ChannelHandlerContext oss;
  private boolean forwarding;

  private ConsoleForwarder() {}

  /**
   * Adds the forwarder at the current end of {@code p} (right after the codec) and returns a
   * callback that, once the listener's own handlers have been added, appends the OSS handler.
   */
  public static Runnable install(ChannelPipeline p, RequestHandler.HttpContext http) {
    ConsoleForwarder forwarder = new ConsoleForwarder();
    p.addLast("console-forwarder", forwarder);
    return () -> {
      p.addLast(ENTRY, new ChannelInboundHandlerAdapter());
      p.addLast("console-oss", new RequestHandler(http));
      forwarder.oss = p.context(ENTRY);
    };
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest request) {
      String rewritten = rewrite(request.uri());
      forwarding = rewritten != null;
      if (forwarding) {
        request.setUri(rewritten);
        // Always path style, whatever name the operator reached the listener by: the page signs
        // /bucket/key, and a Host such as admin.<domain> must not turn into a bucket name.
        request.headers().set(HttpHeaderNames.HOST, localHost(ctx));
      }
    }
    boolean last = msg instanceof LastHttpContent;
    if (forwarding && (msg instanceof HttpRequest || msg instanceof HttpContent)) {
      oss.fireChannelRead(msg);
    } else {
      ctx.fireChannelRead(msg);
    }
    if (last) {
      forwarding = false;
    }
  }

  private static String localHost(ChannelHandlerContext ctx) {
    InetSocketAddress local = (InetSocketAddress) ctx.channel().localAddress();
    String ip = local.getAddress().getHostAddress();
    return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + local.getPort();
  }

  /**
   * The OSS URI for a console URI, or null when {@code uri} is not under {@link #PREFIX}. {@code
   * /console/oss} alone and {@code /console/oss?x} mean the service ({@code /}).
   */
  static String rewrite(String uri) {
    if (!uri.startsWith(PREFIX)) {
      return null;
    }
    String rest = uri.substring(PREFIX.length());
    if (rest.isEmpty() || rest.startsWith("?")) {
      return "/" + rest;
    }
    return rest.startsWith("/") ? rest : null;
  }
}
