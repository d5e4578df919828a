package dev.osprey.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osprey.protocol.Crc64;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The lean client's wire handling against a scripted server on a loopback ephemeral port. */
class HttpConnectionTest {
  private static final byte[] HELLO = "hello world".getBytes(StandardCharsets.US_ASCII);

  @Test
  void readsContentLengthAndChunkedBodiesOnOneKeptAliveConnection() throws Exception {
    List<String> answers =
        List.of(
            "HTTP/1.1 200 OK\r\nContent-Length: 11\r\nx-oss-hash-crc64ecma: "
                + Long.toUnsignedString(Crc64.update(0, HELLO, 0, HELLO.length))
                + "\r\n\r\nhello world",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6;x=y\r\n world\r\n0\r\n\r\n");
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Integer> served = serve(server, answers, false);
      HttpConnection c = new HttpConnection("127.0.0.1", server.getLocalPort());
      Response r = new Response();
      for (int i = 0; i < 2; i++) {
        c.exchange(get(), null, 0, true, r);
        assertThat(r.status).isEqualTo(200);
        assertThat(r.bodyLength).isEqualTo(11);
        assertThat(r.bodyCrc).isEqualTo(Crc64.update(0, HELLO, 0, HELLO.length));
        assertThat(new String(r.body, 0, r.bodyKept, StandardCharsets.US_ASCII))
            .isEqualTo("hello world");
      }
      assertThat(r.hasCrc).isFalse();
      c.close();
      assertThat(served.get(10, TimeUnit.SECONDS)).as("one connection served both").isEqualTo(1);
    }
  }

  @Test
  void aConnectionTheServerClosedIsOpenedAgain() throws Exception {
    List<String> answers =
        List.of(
            "HTTP/1.1 404 Not Found\r\nContent-Length: 36\r\n\r\n<Error><Code>NoSuchKey</Code></Error>"
                .replace("36", "37"),
            "HTTP/1.1 204 No Content\r\n\r\n");
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Integer> served = serve(server, answers, true);
      HttpConnection c = new HttpConnection("127.0.0.1", server.getLocalPort());
      Response r = new Response();
      c.exchange(get(), null, 0, false, r);
      assertThat(r.status).isEqualTo(404);
      assertThat(r.ossCode()).isEqualTo("NoSuchKey");
      c.exchange(get(), null, 0, false, r);
      assertThat(r.status).isEqualTo(204);
      c.close();
      assertThat(served.get(10, TimeUnit.SECONDS)).isEqualTo(2);
    }
  }

  private static RequestBytes get() {
    RequestBytes b = new RequestBytes();
    b.set("GET /b/k HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", false);
    return b;
  }

  /**
   * Answers one request per answer; when {@code closeEach}, closes the connection after each answer
   * (without saying so) and accepts the next. Completes with the connections accepted.
   */
  private static CompletableFuture<Integer> serve(
      ServerSocket server, List<String> answers, boolean closeEach) {
    return CompletableFuture.supplyAsync(
        () -> {
          int connections = 0;
          int next = 0;
          try {
            while (next < answers.size()) {
              try (Socket s = server.accept()) {
                connections++;
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                do {
                  readHead(in);
                  out.write(answers.get(next++).getBytes(StandardCharsets.US_ASCII));
                  out.flush();
                } while (!closeEach && next < answers.size());
                if (!closeEach) {
                  readHead(in); // wait for the client to close
                }
              }
            }
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
          return connections;
        });
  }

  private static void readHead(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0) {
      b.write(c);
      if (b.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
        return;
      }
    }
  }
}
