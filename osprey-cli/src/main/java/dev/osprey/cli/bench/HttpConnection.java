package dev.osprey.cli.bench;

import dev.osprey.protocol.Crc64;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection on a blocking socket, owned by one platform thread: the bench
 * measures the server, so the client does the least it can. Request heads are written by hand from
 * a reused buffer; responses with a Content-Length or a chunked body are read into a reused {@link
 * Response}, the body streamed through CRC-64 (and kept only when asked). A connection the server
 * closed is opened again on the next request.
 */
final class HttpConnection implements Closeable {
  private static final int CONNECT_TIMEOUT_MS = 10_000;
  private static final int READ_TIMEOUT_MS = 120_000;
  private static final int MAX_LINE = 16 << 10;

  private final String host;
  private final int port;
  private final byte[] buf = new byte[64 << 10];
  private final byte[] line = new byte[MAX_LINE];
  private int pos;
  private int lim;
  private Socket socket;
  private InputStream in;
  private OutputStream out;
  private boolean reused;

  HttpConnection(String host, int port) {
    this.host = host;
    this.port = port;
  }

  /**
   * Sends one request and reads its answer into {@code r}. A request on a kept-alive connection the
   * server has closed meanwhile (no byte of answer came back) is sent once more on a new one.
   *
   * @param head the request line and headers, ending with the empty line, in ASCII
   * @param keepBody whether to keep the body bytes in {@code r} (error bodies are always kept)
   */
  void exchange(RequestBytes head, byte[] body, int bodyLen, boolean keepBody, Response r)
      throws IOException {
    boolean retry = socket != null;
    try {
      send(head, body, bodyLen);
      readResponse(r, keepBody, head.isHead());
    } catch (EOFException e) {
      close();
      if (!retry || r.status != 0) {
        throw e;
      }
      send(head, body, bodyLen);
      readResponse(r, keepBody, head.isHead());
    }
    if (!r.keepAlive) {
      close();
    }
  }

  private void send(RequestBytes head, byte[] body, int bodyLen) throws IOException {
    if (socket == null) {
      open();
    } else {
      reused = true;
    }
    try {
      out.write(head.bytes(), 0, head.length());
      if (bodyLen > 0) {
        out.write(body, 0, bodyLen);
      }
      out.flush();
    } catch (IOException e) {
      if (reused) {
        // The server closed the idle connection: let exchange() retry on a new one.
        throw new EOFException("connection closed: " + e.getMessage());
      }
      throw e;
    }
  }

  private void open() throws IOException {
    Socket s = new Socket();
    s.setTcpNoDelay(true);
    s.setSoTimeout(READ_TIMEOUT_MS);
    s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
    socket = s;
    in = s.getInputStream();
    out = s.getOutputStream();
    pos = 0;
    lim = 0;
    reused = false;
  }

  private void readResponse(Response r, boolean keepBody, boolean isHead) throws IOException {
    r.reset();
    int n = readLine();
    // "HTTP/1.1 200 OK"
    if (n < 12 || line[8] != ' ') {
      throw new IOException("not an HTTP status line");
    }
    r.status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
    r.keepAlive = line[7] == '1';
    boolean chunked = false;
    while ((n = readLine()) > 0) {
      int colon = indexOf(line, n, (byte) ':');
      if (colon <= 0) {
        continue;
      }
      int v = colon + 1;
      while (v < n && line[v] == ' ') {
        v++;
      }
      if (is("content-length", colon)) {
        r.contentLength = parseLong(v, n);
      } else if (is("transfer-encoding", colon)) {
        chunked = valueIs("chunked", v, n);
      } else if (is("connection", colon)) {
        r.keepAlive = !valueIs("close", v, n);
      } else if (is("x-oss-next-append-position", colon)) {
        r.nextAppendPosition = parseLong(v, n);
      } else if (is("x-oss-hash-crc64ecma", colon)) {
        r.crc = parseLong(v, n);
        r.hasCrc = true;
      } else if (is("x-osprey-tail", colon)) {
        r.tail = new String(line, v, n - v, StandardCharsets.US_ASCII);
      }
    }
    boolean keep = keepBody || r.status >= 300;
    if (isHead || r.status == 204 || r.status == 304 || r.status / 100 == 1) {
      return;
    }
    if (chunked) {
      readChunked(r, keep);
    } else if (r.contentLength >= 0) {
      readBody(r, r.contentLength, keep);
    } else {
      r.keepAlive = false;
      readBody(r, Long.MAX_VALUE, keep);
    }
  }

  private void readChunked(Response r, boolean keep) throws IOException {
    while (true) {
      int n = readLine();
      long size = 0;
      for (int i = 0; i < n && line[i] != ';'; i++) {
        size = size * 16 + Character.digit(line[i], 16);
      }
      if (size == 0) {
        while (readLine() > 0) {
          // trailers
        }
        return;
      }
      readBody(r, size, keep);
      readLine();
    }
  }

  /** Reads {@code length} body bytes (or up to end of stream for MAX_VALUE). */
  private void readBody(Response r, long length, boolean keep) throws IOException {
    long left = length;
    while (left > 0) {
      if (pos == lim && !fill(length != Long.MAX_VALUE)) {
        return;
      }
      int n = (int) Math.min(left, lim - pos);
      r.bodyCrc = Crc64.update(r.bodyCrc, buf, pos, n);
      if (keep) {
        r.keep(buf, pos, n);
      }
      r.bodyLength += n;
      pos += n;
      left -= n;
    }
  }

  private int readLine() throws IOException {
    int n = 0;
    while (true) {
      if (pos == lim) {
        fill(true);
      }
      byte b = buf[pos++];
      if (b == '\n') {
        return n > 0 && line[n - 1] == '\r' ? n - 1 : n;
      }
      if (n == MAX_LINE) {
        throw new IOException("response line longer than " + MAX_LINE);
      }
      line[n++] = b;
    }
  }

  /** Refills the buffer; false at end of stream when allowed, EOFException when not. */
  private boolean fill(boolean required) throws IOException {
    int n = in.read(buf, 0, buf.length);
    if (n < 0) {
      if (required) {
        throw new EOFException("connection closed by the server");
      }
      return false;
    }
    pos = 0;
    lim = n;
    return true;
  }

  private boolean is(String lowerName, int nameLen) {
    if (nameLen != lowerName.length()) {
      return false;
    }
    for (int i = 0; i < nameLen; i++) {
      if (Character.toLowerCase((char) line[i]) != lowerName.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private boolean valueIs(String lower, int from, int to) {
    if (to - from != lower.length()) {
      return false;
    }
    for (int i = 0; i < lower.length(); i++) {
      if (Character.toLowerCase((char) line[from + i]) != lower.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Unsigned decimal; the CRC-64 header is an unsigned 64-bit value, so overflow wraps as it
   * should.
   */
  private long parseLong(int from, int to) {
    long v = 0;
    for (int i = from; i < to && line[i] >= '0' && line[i] <= '9'; i++) {
      v = v * 10 + (line[i] - '0');
    }
    return v;
  }

  private static int indexOf(byte[] b, int n, byte c) {
    for (int i = 0; i < n; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing a socket we are done with: nothing to recover
      }
      socket = null;
    }
  }
}
