package dev.osprey.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A plain TCP connection to the shared server: write any bytes, read HTTP/1.1 responses back. Reads
 * time out (the test fails rather than hangs), so "the server never answered" is an assertion
 * failure, not a stuck build.
 */
final class RawConnection implements AutoCloseable {
  static final Duration READ_TIMEOUT = Duration.ofSeconds(15);

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  RawConnection() throws IOException {
    this(SharedServer.get().port());
  }

  /** A connection to another server on loopback (one a test started itself). */
  RawConnection(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
    socket.setTcpNoDelay(true);
    in = new BufferedInputStream(socket.getInputStream());
    out = socket.getOutputStream();
  }

  /** Opens a connection, sends one request, reads its response and closes. */
  static RawResponse exchange(RawRequest request) throws IOException {
    try (RawConnection c = new RawConnection()) {
      return c.send(request);
    }
  }

  RawResponse send(RawRequest request) throws IOException {
    write(request.bytes());
    return read(request.method().equals("HEAD"));
  }

  void write(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  void write(String ascii) throws IOException {
    write(ascii.getBytes(StandardCharsets.ISO_8859_1));
  }

  void setReadTimeout(Duration timeout) throws IOException {
    socket.setSoTimeout((int) timeout.toMillis());
  }

  /** Reads one response; {@code head} means no body follows whatever Content-Length says. */
  RawResponse read(boolean head) throws IOException {
    String statusLine = readLine();
    if (statusLine == null) {
      throw new EOFException("The server closed the connection without answering");
    }
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new IOException("Not an HTTP status line: " + statusLine);
    }
    int status = Integer.parseInt(parts[1]);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String line = readLine(); line != null && !line.isEmpty(); line = readLine()) {
      int colon = line.indexOf(':');
      headers
          .computeIfAbsent(
              line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(line.substring(colon + 1).trim());
    }
    RawResponse noBody =
        new RawResponse(status, parts.length > 2 ? parts[2] : "", headers, new byte[0]);
    if (head || status / 100 == 1 || status == 204 || status == 304) {
      return noBody;
    }
    String te = noBody.header("transfer-encoding");
    String length = noBody.header("content-length");
    byte[] body;
    if (te != null && te.equalsIgnoreCase("chunked")) {
      body = readChunked();
    } else if (length != null) {
      body = in.readNBytes(Integer.parseInt(length));
      if (body.length != Integer.parseInt(length)) {
        throw new EOFException("Body shorter than its Content-Length " + length);
      }
    } else {
      body = in.readAllBytes();
    }
    return new RawResponse(status, noBody.reason(), headers, body);
  }

  /**
   * True when the server closes the connection (EOF or reset) within the read timeout without
   * sending anything; false when bytes arrive.
   */
  boolean closedByServer() throws IOException {
    try {
      return in.read() < 0;
    } catch (SocketException e) {
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    }
  }

  private byte[] readChunked() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String size = readLine();
      int n = Integer.parseInt(size.split(";")[0].trim(), 16);
      if (n == 0) {
        while (!readLine().isEmpty()) {
          // trailers: none expected, skip any
        }
        return body.toByteArray();
      }
      body.writeBytes(in.readNBytes(n));
      readLine();
    }
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int len =
            bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
