package dev.osprey.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal HTTP/1.1 client over one kept-alive socket: enough for unsigned PUT and GET of whole
 * objects, and cheap enough that the client is not what a loopback benchmark measures.
 */
final class LoopbackHttp implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final String host;
  private final byte[] buffer = new byte[256 * 1024];

  LoopbackHttp(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setTcpNoDelay(true);
    in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    out = socket.getOutputStream();
    host = "127.0.0.1:" + port;
  }

  /** Sends {@code body} with PUT; returns the status. */
  int put(String path, byte[] body) throws IOException {
    String head =
        "PUT "
            + path
            + " HTTP/1.1\r\nHost: "
            + host
            + "\r\nContent-Length: "
            + body.length
            + "\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
    return readResponse();
  }

  /** GETs {@code path}, reading the body to the end; returns the body length. */
  long get(String path) throws IOException {
    String head = "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    int status = readResponse();
    if (status != 200) {
      throw new IOException("GET " + path + " answered " + status);
    }
    return lastLength;
  }

  private long lastLength;

  /** Reads a response head and discards its body; returns the status. */
  private int readResponse() throws IOException {
    String statusLine = line();
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    long length = 0;
    for (String l = line(); !l.isEmpty(); l = line()) {
      int colon = l.indexOf(':');
      if (l.substring(0, colon).equalsIgnoreCase("Content-Length")) {
        length = Long.parseLong(l.substring(colon + 1).trim());
      }
    }
    long left = length;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new IOException("connection closed mid-body");
      }
      left -= n;
    }
    lastLength = length;
    return status;
  }

  private String line() throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) != '\n') {
      if (c < 0) {
        throw new IOException("connection closed");
      }
      if (c != '\r') {
        sb.append((char) c);
      }
    }
    return sb.toString();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
