package dev.osprey.server.http;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * The per-connection pipeline: TLS when configured, HTTP/1.1 codec (no aggregation), chunked writer
 * for non-file bodies, our handler.
 */
public final class HttpChannelInitializer extends ChannelInitializer<SocketChannel> {
  /** Request line: keys are ≤ 1023 bytes, up to 3× that once percent-encoded, plus the query. */
  static final int MAX_INITIAL_LINE = 16 * 1024;

  /** All headers together: user metadata alone may take 8 KB (spec §0). */
  static final int MAX_HEADER_SIZE = 64 * 1024;

  static final int MAX_CHUNK_SIZE = 64 * 1024;

  private final RequestHandler.HttpContext http;
  private final ServerTls tls;

  /** With {@code tls} null the listener speaks plain HTTP. */
  public HttpChannelInitializer(RequestHandler.HttpContext http, ServerTls tls) {
    this.http = http;
    this.tls = tls;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    HttpDecoderConfig decoder =
        new HttpDecoderConfig()
            .setMaxInitialLineLength(MAX_INITIAL_LINE)
            .setMaxHeaderSize(MAX_HEADER_SIZE)
            .setMaxChunkSize(MAX_CHUNK_SIZE)
            // The C SDK sends appends with both Transfer-Encoding: chunked and Content-Length (spec
            // §11). RFC 9112
            // mode would reject them; the lenient mode reads the chunked body, drops Content-Length
            // and closes the
            // connection after the response, which is the safe way to accept such a request.
            .setUseRfc9112TransferEncoding(false);
    ChannelPipeline p = ch.pipeline();
    if (tls != null) {
      // First, so that everything after it sees plain bytes. A client that never finishes its
      // handshake is closed by the handler's own handshake timeout (Netty's default, 10 s).
      p.addLast("tls", tls.newHandler(ch.alloc()));
    }
    long idle = http.idleTimeout().toMillis();
    p.addLast("idle", new IdleStateHandler(0, 0, idle, TimeUnit.MILLISECONDS));
    p.addLast("http", new HttpServerCodec(decoder));
    p.addLast("chunked", new ChunkedWriteHandler());
    p.addLast("osprey", new RequestHandler(http));
  }
}
