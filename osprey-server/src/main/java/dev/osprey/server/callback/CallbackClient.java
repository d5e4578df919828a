package dev.osprey.server.callback;

import dev.osprey.protocol.Limits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 POST of a callback over a plain socket (or TLS), so that Osprey decides the address
 * it connects to (see {@link CallbackHostPolicy}), sends the {@code Host} header the callback names
 * and controls SNI, none of which {@code java.net.http} allows. Bounded: one deadline covers
 * connect, send and receive, and the answer may not exceed {@link #MAX_RESPONSE_BYTES}.
 */
final class CallbackClient {
  /** Bound on an application's answer (status line, headers and body). */
  static final int MAX_RESPONSE_BYTES = Limits.CALLBACK_ANSWER_BYTES;

  private final CallbackHostPolicy policy;
  private final Duration timeout;

  CallbackClient(CallbackHostPolicy policy, Duration timeout) {
    this.policy = policy;
    this.timeout = timeout;
  }

  /** What the application answered. */
  record Answer(int status, Map<String, String> headers, byte[] body) {}

  /** A callback that could not be delivered; the message is safe to show the uploader. */
  static final class CallbackException extends Exception {
    private static final long serialVersionUID = 1L;

    CallbackException(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * POSTs {@code body} to {@code url}, giving up after the client's timeout or at {@code until}
   * ({@link System#nanoTime()}), whichever comes first.
   */
  Answer post(
      URI url, String hostHeader, boolean sni, Map<String, String> headers, byte[] body, long until)
      throws CallbackException {
    String host = url.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    long now = System.nanoTime();
    long deadline = now + Math.min(timeout.toNanos(), until - now);
    InetAddress address = resolve(host);
    boolean tls = url.getScheme().equalsIgnoreCase("https");
    int port = url.getPort() >= 0 ? url.getPort() : tls ? 443 : 80;
    try (Socket socket =
        connect(address, port, tls, host, sni ? sniName(hostHeader, host) : null, deadline)) {
      socket.setSoTimeout(remainingMillis(deadline));
      OutputStream out = socket.getOutputStream();
      out.write(
          head(
              url,
              hostHeader == null ? authority(url, host, port, tls) : hostHeader,
              headers,
              body.length));
      out.write(body);
      out.flush();
      return read(socket, deadline);
    } catch (SocketTimeoutException e) {
      throw new CallbackException("The callback to " + host + " timed out.");
    } catch (IOException e) {
      throw new CallbackException("The callback to " + host + " failed: " + e.getMessage());
    }
  }

  private InetAddress resolve(String host) throws CallbackException {
    InetAddress[] all;
    try {
      all = InetAddress.getAllByName(host);
    } catch (IOException e) {
      throw new CallbackException("The callback host " + host + " cannot be resolved.");
    }
    if (all.length == 0) {
      throw new CallbackException("The callback host " + host + " cannot be resolved.");
    }
    if (policy.allowsName(host)) {
      return all[0];
    }
    for (InetAddress a : all) {
      if (!policy.allowsAddress(a)) {
        // one refused address refuses the name: a name must not mix public and internal addresses
        throw new CallbackException(
            "The callback host " + host + " is not allowed by this server.");
      }
    }
    return all[0];
  }

  private static Socket connect(
      InetAddress address, int port, boolean tls, String host, String sniName, long deadline)
      throws IOException {
    Socket plain = new Socket();
    try {
      plain.connect(new InetSocketAddress(address, port), remainingMillis(deadline));
      plain.setSoTimeout(remainingMillis(deadline)); // bounds the TLS handshake too
      if (!tls) {
        return plain;
      }
      SSLSocket ssl =
          (SSLSocket)
              ((SSLSocketFactory) SSLSocketFactory.getDefault())
                  .createSocket(plain, host, port, true);
      SSLParameters params = ssl.getSSLParameters();
      params.setEndpointIdentificationAlgorithm("HTTPS");
      params.setServerNames(sniName == null ? List.of() : List.of(new SNIHostName(sniName)));
      ssl.setSSLParameters(params);
      ssl.startHandshake();
      return ssl;
    } catch (IOException | RuntimeException e) {
      plain.close();
      throw e;
    }
  }

  private static String sniName(String hostHeader, String host) {
    String name = hostHeader == null ? host : hostHeader.replaceFirst(":\\d+$", "");
    return name.isEmpty() || Character.isDigit(name.charAt(name.length() - 1)) ? null : name;
  }

  private static String authority(URI url, String host, int port, boolean tls) {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return url.getPort() < 0 || port == (tls ? 443 : 80) ? h : h + ":" + port;
  }

  private static byte[] head(URI url, String host, Map<String, String> headers, int length) {
    String target = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    if (url.getRawQuery() != null) {
      target += "?" + url.getRawQuery();
    }
    StringBuilder sb = new StringBuilder();
    sb.append("POST ").append(target).append(" HTTP/1.1\r\n");
    sb.append("Host: ").append(host).append("\r\n");
    for (Map.Entry<String, String> h : headers.entrySet()) {
      sb.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
    }
    sb.append("Content-Length: ").append(length).append("\r\n");
    sb.append("Connection: close\r\n\r\n");
    return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private Answer read(Socket socket, long deadline) throws IOException, CallbackException {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    int n;
    while ((n = in.read(buf)) > 0) {
      all.write(buf, 0, n);
      if (all.size() > MAX_RESPONSE_BYTES) {
        throw new CallbackException(
            "The callback answer exceeds " + MAX_RESPONSE_BYTES + " bytes.");
      }
      socket.setSoTimeout(remainingMillis(deadline));
      Answer done = parse(all.toByteArray(), false);
      if (done != null) {
        return done;
      }
    }
    Answer done = parse(all.toByteArray(), true);
    if (done == null) {
      throw new CallbackException("The callback answer is not valid HTTP.");
    }
    return done;
  }

  /** The answer in {@code bytes}, or null when more is needed (and {@code eof} is false). */
  static Answer parse(byte[] bytes, boolean eof) throws CallbackException {
    int headEnd = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
    if (headEnd < 0) {
      return null;
    }
    String[] lines = new String(bytes, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n");
    String[] status = lines[0].split(" ", 3);
    if (status.length < 2 || !status[0].startsWith("HTTP/1.")) {
      throw new CallbackException("The callback answer is not valid HTTP.");
    }
    int code;
    try {
      code = Integer.parseInt(status[1]);
    } catch (NumberFormatException e) {
      throw new CallbackException("The callback answer is not valid HTTP.");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
    }
    int start = headEnd + 4;
    String length = headers.get("content-length");
    String encoding = headers.get("transfer-encoding");
    if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
      byte[] body = dechunk(bytes, start);
      return body == null ? (eof ? invalid() : null) : new Answer(code, headers, body);
    }
    if (length != null) {
      int declared;
      try {
        declared = Integer.parseInt(length);
      } catch (NumberFormatException e) {
        throw new CallbackException("The callback answer is not valid HTTP.");
      }
      if (bytes.length - start < declared) {
        return eof ? invalid() : null;
      }
      return new Answer(
          code, headers, java.util.Arrays.copyOfRange(bytes, start, start + declared));
    }
    return eof
        ? new Answer(code, headers, java.util.Arrays.copyOfRange(bytes, start, bytes.length))
        : null;
  }

  private static Answer invalid() throws CallbackException {
    throw new CallbackException("The callback answer ended early.");
  }

  /** The chunked body starting at {@code at}, or null when incomplete. */
  private static byte[] dechunk(byte[] bytes, int at) throws CallbackException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] crlf = "\r\n".getBytes(StandardCharsets.ISO_8859_1);
    while (true) {
      int lineEnd = indexOf(bytes, crlf, at);
      if (lineEnd < 0) {
        return null;
      }
      String sizeText = new String(bytes, at, lineEnd - at, StandardCharsets.ISO_8859_1);
      int semi = sizeText.indexOf(';');
      int size;
      try {
        size = Integer.parseInt((semi < 0 ? sizeText : sizeText.substring(0, semi)).trim(), 16);
      } catch (NumberFormatException e) {
        throw new CallbackException("The callback answer is not valid HTTP.");
      }
      if (size < 0) {
        throw new CallbackException("The callback answer is not valid HTTP.");
      }
      int dataStart = lineEnd + 2;
      if (size == 0) {
        return body.toByteArray();
      }
      if ((long) dataStart + size + 2 > bytes.length) {
        return null;
      }
      body.write(bytes, dataStart, size);
      at = dataStart + size + 2;
    }
  }

  private static int indexOf(byte[] hay, byte[] needle, int from) {
    outer:
    for (int i = from; i <= hay.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static int remainingMillis(long deadline) throws SocketTimeoutException {
    long left = (deadline - System.nanoTime()) / 1_000_000;
    if (left <= 0) {
      throw new SocketTimeoutException("deadline");
    }
    return (int) Math.min(Integer.MAX_VALUE, left);
  }
}
