package dev.osprey.server.access;

import dev.osprey.server.api.CompletedRequest;
import dev.osprey.server.api.OssResponse;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per answered request on the logger {@value #LOGGER}, so operators route it (a file, a
 * collector) or silence it with their logging configuration. Fields: time, request id, operation,
 * status, OSS error code and EC, bucket, key, body bytes in and out, latency, client address and
 * the access key id that signed the request. A secret, a signature or a token is never written.
 *
 * <p>Nothing is formatted when the logger is off. The line is built on the worker thread that
 * answered the request, never on the event loop; writing it is the appender's business (the command
 * line server puts an asynchronous appender in front of the console or file).
 */
public final class AccessLog {
  /** The logger's name. */
  public static final String LOGGER = "osprey.access";

  private static final Logger log = LoggerFactory.getLogger(LOGGER);

  /** How a line is written. */
  public enum Format {
    /** {@code key=value} pairs (logfmt), values quoted when they hold spaces or quotes. */
    TEXT,
    /** One JSON object per line. */
    JSON;

    /** {@code text} or {@code json}, in any case. */
    public static Format parse(String value) {
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "text" -> TEXT;
        case "json" -> JSON;
        default -> throw new IllegalArgumentException("expected text or json, got '" + value + "'");
      };
    }
  }

  private final Format format;

  public AccessLog(Format format) {
    this.format = format;
  }

  /** Writes the line of {@code request}, when the logger is on. */
  public void log(CompletedRequest request) {
    if (!log.isInfoEnabled()) {
      return;
    }
    log.info(line(request, Instant.now()));
  }

  /** The line of {@code request} answered at {@code time}, in this log's format. */
  String line(CompletedRequest request, Instant time) {
    OssResponse r = request.response();
    OssResponse.Subject s = r.subject();
    Line line = format == Format.JSON ? new JsonLine() : new TextLine();
    line.text("time", DateTimeFormatter.ISO_INSTANT.format(time));
    line.text("requestId", request.requestId());
    line.text("operation", r.operation());
    line.number("status", r.status());
    line.text("errorCode", r.errorCode());
    line.text("ec", r.errorCode() == null ? null : r.headers().get("x-oss-ec"));
    line.text("bucket", s.bucket());
    line.text("key", s.key());
    line.number("bytesIn", request.bytesIn());
    line.number("bytesOut", request.bytesOut());
    line.decimal("latencyMs", request.elapsed().toNanos() / 1e6);
    line.text("remoteAddress", request.remoteAddress());
    line.text("accessKeyId", s.accessKeyId());
    return line.end();
  }

  /** The fields of one line, in order. */
  private abstract static class Line {
    final StringBuilder out = new StringBuilder(256);

    abstract void text(String name, String value);

    abstract void number(String name, long value);

    abstract void decimal(String name, double value);

    abstract String end();

    static String threeDecimals(double value) {
      return String.format(Locale.ROOT, "%.3f", value);
    }
  }

  /** {@code time=... requestId=... operation=PutObject status=200 ... key="a b.txt"}. */
  private static final class TextLine extends Line {
    private void name(String name) {
      if (!out.isEmpty()) {
        out.append(' ');
      }
      out.append(name).append('=');
    }

    @Override
    void text(String name, String value) {
      name(name);
      if (value == null) {
        out.append('-');
      } else if (plain(value)) {
        out.append(value);
      } else {
        out.append('"');
        escape(value, out);
        out.append('"');
      }
    }

    /** Safe unquoted: not empty, not "-", and nothing that would split or fake a field. */
    private static boolean plain(String value) {
      if (value.isEmpty() || value.equals("-")) {
        return false;
      }
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c <= ' ' || c == '"' || c == '=' || c == '\\' || c == 0x7f) {
          return false;
        }
      }
      return true;
    }

    @Override
    void number(String name, long value) {
      name(name);
      out.append(value);
    }

    @Override
    void decimal(String name, double value) {
      name(name);
      out.append(threeDecimals(value));
    }

    @Override
    String end() {
      return out.toString();
    }
  }

  /** {@code {"time":"...","requestId":"...","status":200,...}}; absent values are null. */
  private static final class JsonLine extends Line {
    private void name(String name) {
      out.append(out.isEmpty() ? '{' : ',').append('"').append(name).append("\":");
    }

    @Override
    void text(String name, String value) {
      name(name);
      if (value == null) {
        out.append("null");
      } else {
        out.append('"');
        escape(value, out);
        out.append('"');
      }
    }

    @Override
    void number(String name, long value) {
      name(name);
      out.append(value);
    }

    @Override
    void decimal(String name, double value) {
      name(name);
      out.append(threeDecimals(value));
    }

    @Override
    String end() {
      return out.append('}').toString();
    }
  }

  /**
   * JSON string escaping, also used inside quoted text values: a key may hold any character, and a
   * newline in it must not start a forged line.
   */
  static void escape(String value, StringBuilder out) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
  }
}
