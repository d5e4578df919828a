package dev.osprey.server.http;

import dev.osprey.protocol.Limits;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * The per-connection pipeline: connection bound, TLS when configured, slow-header guard, HTTP/1.1
 * codec (no aggregation), chunked writer, our handler. The decoder's bounds are {@link
 * Limits#REQUEST_LINE_BYTES} and {@link Limits#HEADER_BYTES} (all header lines together).
 */
public final class HttpChannelInitializer extends ChannelInitializer<SocketChannel> {
  private final RequestHandler.HttpContext http;
  private final ConnectionLimit connections;
  private final ServerTls tls;

  /** With {@code tls} null the listener speaks plain HTTP. */
  public HttpChannelInitializer(
      RequestHandler.HttpContext http, ConnectionLimit connections, ServerTls tls) {
    this.http = http;
    this.connections = connections;
    this.tls = tls;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    if (!connections.admit(ch)) {
      ch.close();
      return;
    }
    ChannelPipeline p = ch.pipeline();
    if (tls != null) {
      // First, so that everything after it sees plain bytes. A client that never finishes its
      // handshake is closed by the handler's own handshake timeout (Netty's default, 10 s).
      p.addLast("tls", tls.newHandler(ch.alloc()));
    }
    long idle = http.idleTimeout().toMillis();
    RequestHandler handler = new RequestHandler(http);
    p.addLast("idle", new IdleStateHandler(0, 0, idle, TimeUnit.MILLISECONDS));
    p.addLast("head-deadline", handler.headDeadline());
    p.addLast("http", new HttpServerCodec(decoderConfig()));
    p.addLast("chunked", new ChunkedWriteHandler());
    p.addLast("osprey", handler);
  }

  /** The decoder's bounds and framing rules, shared with the console's OSS requests. */
  public static HttpDecoderConfig decoderConfig() {
    return new HttpDecoderConfig()
        .setMaxInitialLineLength(Limits.REQUEST_LINE_BYTES)
        .setMaxHeaderSize(Limits.HEADER_BYTES)
        .setMaxChunkSize(Limits.BODY_CHUNK_BYTES)
        // The C SDK sends appends with both Transfer-Encoding: chunked and Content-Length (spec
        // §11). RFC 9112
        // mode would reject them; the lenient mode reads the chunked body, drops Content-Length
        // and closes the
        // connection after the response, which is the safe way to accept such a request.
        .setUseRfc9112TransferEncoding(false);
  }
}
