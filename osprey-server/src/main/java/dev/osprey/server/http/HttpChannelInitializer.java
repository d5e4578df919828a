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
 * The per-connection pipeline: connection bound, slow-header guard, HTTP/1.1 codec (no
 * aggregation), chunked writer for non-file bodies, our handler. The decoder's bounds are {@link
 * Limits#REQUEST_LINE_BYTES} and {@link Limits#HEADER_BYTES} (all header lines together).
 */
public final class HttpChannelInitializer extends ChannelInitializer<SocketChannel> {
  private final RequestHandler.HttpContext http;
  private final ConnectionLimit connections;

  public HttpChannelInitializer(RequestHandler.HttpContext http, ConnectionLimit connections) {
    this.http = http;
    this.connections = connections;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    if (!connections.admit(ch)) {
      ch.close();
      return;
    }
    HttpDecoderConfig decoder =
        new HttpDecoderConfig()
            .setMaxInitialLineLength(Limits.REQUEST_LINE_BYTES)
            .setMaxHeaderSize(Limits.HEADER_BYTES)
            .setMaxChunkSize(Limits.BODY_CHUNK_BYTES)
            // The C SDK sends appends with both Transfer-Encoding: chunked and Content-Length (spec
            // §11). RFC 9112
            // mode would reject them; the lenient mode reads the chunked body, drops Content-Length
            // and closes the
            // connection after the response, which is the safe way to accept such a request.
            .setUseRfc9112TransferEncoding(false);
    ChannelPipeline p = ch.pipeline();
    long idle = http.idleTimeout().toMillis();
    RequestHandler handler = new RequestHandler(http);
    p.addLast("idle", new IdleStateHandler(0, 0, idle, TimeUnit.MILLISECONDS));
    p.addLast("head-deadline", handler.headDeadline());
    p.addLast("http", new HttpServerCodec(decoder));
    p.addLast("chunked", new ChunkedWriteHandler());
    p.addLast("osprey", handler);
  }
}
