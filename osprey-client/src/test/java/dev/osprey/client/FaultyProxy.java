package dev.osprey.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback HTTP/1.1 proxy in front of a test server that misbehaves on request: it can drop a
 * request before the server sees it, drop the server's answer after the server acted on it, hold
 * the answer back (so the client times out), or alter the CRC-64 header of an answer. Requests are
 * relayed one at a time per connection, byte for byte otherwise.
 */
final class FaultyProxy implements AutoCloseable {
  /** What to do with one request. */
  enum Fault {
    /** Close the client's connection without forwarding the request: the server never sees it. */
    DROP_REQUEST,
    /** Forward the request, read the server's answer, then close the client's connection. */
    DROP_REPLY,
    /** Forward the request, read the answer, and never send it: the client times out. */
    HOLD_REPLY,
    /** Forward the answer's head and half its body, then close the client's connection. */
    CUT_BODY,
    /** Forward the answer with {@code x-oss-hash-crc64ecma} changed. */
    TAMPER_CRC
  }

  private record Rule(Predicate<String> matches, Fault fault) {}

  private static final Pattern CONTENT_LENGTH =
      Pattern.compile("(?im)^content-length:\\s*(\\d+)\\s*$");
  private static final Pattern CRC = Pattern.compile("(?im)^(x-oss-hash-crc64ecma:\\s*)(\\d+)");

  private final ServerSocket listener;
  private final int upstreamPort;
  private final ConcurrentLinkedQueue<Rule> rules = new ConcurrentLinkedQueue<>();
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final Thread acceptor;
  private volatile boolean withoutLiveTail;

  FaultyProxy(String upstreamEndpoint) throws IOException {
    this.upstreamPort = URI.create(upstreamEndpoint).getPort();
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = Thread.ofPlatform().daemon().name("faulty-proxy").start(this::accept);
  }

  String endpoint() {
    return "http://127.0.0.1:" + listener.getLocalPort();
  }

  /**
   * The next request whose request line ({@code POST /bucket/key?append&position=0 HTTP/1.1})
   * matches gets {@code fault}; each rule applies once.
   */
  FaultyProxy once(Predicate<String> requestLine, Fault fault) {
    rules.add(new Rule(requestLine, fault));
    return this;
  }

  /**
   * From now on the proxy stands for a server without Osprey's live tail (real OSS): it drops the
   * {@code x-osprey-tail} and {@code x-osprey-wait} parameters from every request line, so the
   * server answers a plain GET. Neither is signed (they are not OSS sub-resources), so signatures
   * stay valid. {@link #requests} keeps the lines as the client sent them.
   */
  FaultyProxy withoutLiveTail() {
    withoutLiveTail = true;
    return this;
  }

  /** Request lines of every request the proxy received, in order. */
  List<String> requests() {
    return List.copyOf(seen);
  }

  static Predicate<String> appends() {
    return line -> line.startsWith("POST ") && line.contains("append");
  }

  static Predicate<String> gets() {
    return line -> line.startsWith("GET ");
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket s : sockets) {
      s.close();
    }
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        sockets.add(client);
        Thread.ofPlatform().daemon().name("faulty-proxy-conn").start(() -> relay(client));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void relay(Socket client) {
    try (client;
        Socket server = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
      sockets.add(server);
      InputStream fromClient = client.getInputStream();
      OutputStream toClient = client.getOutputStream();
      InputStream fromServer = server.getInputStream();
      OutputStream toServer = server.getOutputStream();
      while (true) {
        byte[] request = readMessage(fromClient, false);
        if (request == null) {
          return;
        }
        String line = firstLine(request);
        seen.add(line);
        Fault fault = take(line);
        if (fault == Fault.DROP_REQUEST) {
          return;
        }
        toServer.write(withoutLiveTail ? stripLiveTail(request, line) : request);
        toServer.flush();
        byte[] answer = readMessage(fromServer, line.startsWith("HEAD "));
        if (answer == null || fault == Fault.DROP_REPLY) {
          return;
        }
        if (fault == Fault.HOLD_REPLY) {
          fromClient.transferTo(OutputStream.nullOutputStream()); // until the client gives up
          return;
        }
        if (fault == Fault.CUT_BODY) {
          int bodyStart = new String(answer, StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n") + 4;
          toClient.write(answer, 0, bodyStart + (answer.length - bodyStart) / 2);
          toClient.flush();
          return;
        }
        toClient.write(fault == Fault.TAMPER_CRC ? tamper(answer) : answer);
        toClient.flush();
      }
    } catch (IOException e) {
      // A connection closed by either side ends its relay.
    }
  }

  private static final Pattern LIVE_TAIL_PARAM =
      Pattern.compile("[?&]x-osprey-(tail|wait)=[^&\\s]*");

  private static byte[] stripLiveTail(byte[] request, String line) {
    String stripped = LIVE_TAIL_PARAM.matcher(line).replaceAll("");
    if (stripped.equals(line)) {
      return request;
    }
    // A query that lost its first parameter starts with '&' now: make it a query again.
    stripped = stripped.replaceFirst("^(\\S+ [^?\\s]*)&", "$1?");
    byte[] head = stripped.getBytes(StandardCharsets.ISO_8859_1);
    int rest = line.getBytes(StandardCharsets.ISO_8859_1).length;
    byte[] out = new byte[head.length + request.length - rest];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(request, rest, out, head.length, request.length - rest);
    return out;
  }

  private Fault take(String line) {
    for (Rule r : rules) {
      if (r.matches.test(line) && rules.remove(r)) {
        return r.fault;
      }
    }
    return null;
  }

  /** One message: its head and a Content-Length body (the SDK and Osprey both send lengths). */
  private static byte[] readMessage(InputStream in, boolean noBody) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    Matcher m = CONTENT_LENGTH.matcher(text);
    long length = noBody || !m.find() ? 0 : Long.parseLong(m.group(1));
    if (text.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
      throw new IOException("chunked bodies are not relayed by this proxy");
    }
    byte[] body = in.readNBytes((int) length);
    if (body.length < length) {
      return null;
    }
    head.write(body);
    return head.toByteArray();
  }

  private static String firstLine(byte[] message) {
    String text =
        new String(message, 0, Math.min(message.length, 2048), StandardCharsets.ISO_8859_1);
    return text.substring(0, text.indexOf("\r\n"));
  }

  private static byte[] tamper(byte[] answer) {
    String text = new String(answer, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    Matcher m = CRC.matcher(text.substring(0, end));
    if (!m.find()) {
      return answer;
    }
    String wrong = Long.toUnsignedString(Long.parseUnsignedLong(m.group(2)) ^ 1);
    String head = m.replaceFirst("$1" + wrong);
    return (head + text.substring(end)).getBytes(StandardCharsets.ISO_8859_1);
  }
}
