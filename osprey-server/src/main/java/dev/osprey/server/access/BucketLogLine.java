package dev.osprey.server.access;

import dev.osprey.protocol.RequestHead;
import dev.osprey.protocol.UrlEncoding;
import dev.osprey.server.api.CompletedRequest;
import dev.osprey.server.api.OssResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One line of a bucket's access log in OSS's format (the fields of OSS's "Log format" page, in
 * order, space-separated, text fields quoted): remote IP, two reserved {@code -}, time, request
 * line, status, sent bytes, request time (ms), Referer, User-Agent, Host, request id, logging flag,
 * requester id, operation, bucket, key (URL-encoded), object size, server cost time (ms), error
 * code, request length, bucket owner, delta data size, sync request, storage class, target storage
 * class, acceleration access point, access key id. Values Osprey does not know are {@code -}.
 */
final class BucketLogLine {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("'['dd/MMM/yyyy:HH:mm:ss Z']'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private final StringBuilder out = new StringBuilder(320);

  private BucketLogLine() {}

  /**
   * The line of {@code done}, answered at {@code time}, for a bucket owned by {@code owner} ({@code
   * requester} is the signer's account, null when anonymous).
   */
  static String of(CompletedRequest done, Instant time, String owner, String requester) {
    OssResponse r = done.response();
    RequestHead head = done.head();
    long millis = done.elapsed().toMillis();
    BucketLogLine line = new BucketLogLine();
    line.plain(done.remoteAddress());
    line.plain("-");
    line.plain("-");
    line.plain(TIME.format(time));
    line.quoted(head.method() + " " + head.rawUri() + " HTTP/1.1");
    line.plain(Integer.toString(r.status()));
    line.plain(Long.toString(done.bytesOut()));
    line.plain(Long.toString(millis));
    line.quoted(head.headers().get("referer"));
    line.quoted(head.headers().get("user-agent"));
    line.quoted(head.host());
    line.quoted(done.requestId());
    line.quoted("true");
    line.quoted(requester);
    line.quoted(r.operation());
    line.quoted(r.subject().bucket());
    line.quoted(r.subject().key() == null ? null : UrlEncoding.encode(r.subject().key()));
    line.plain(objectSize(r));
    line.plain(Long.toString(millis));
    line.quoted(r.errorCode());
    line.plain(Long.toString(done.bytesIn()));
    line.quoted(owner);
    line.plain("-");
    line.quoted(null);
    line.quoted(null);
    line.quoted(null);
    line.quoted(null);
    line.quoted(r.subject().accessKeyId());
    return line.out.append('\n').toString();
  }

  /** The size of the object a read answered, from its headers. */
  private static String objectSize(OssResponse r) {
    String range = r.headers().get("Content-Range");
    if (range != null && range.lastIndexOf('/') >= 0) {
      return range.substring(range.lastIndexOf('/') + 1);
    }
    return r.headers().containsKey("ETag") && r.errorCode() == null
        ? Long.toString(r.contentLength())
        : "-";
  }

  private void plain(String value) {
    separate();
    out.append(value == null || value.isEmpty() ? "-" : value);
  }

  /**
   * A quoted field. A quote, a backslash or a control character in the value (a User-Agent, a
   * Referer) is percent-encoded, so no value can end its field early or start a forged line.
   */
  private void quoted(String value) {
    separate();
    out.append('"');
    if (value == null || value.isEmpty()) {
      out.append('-');
    } else {
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c == '"' || c == '\\' || c < 0x20 || c == 0x7f) {
          out.append('%').append(String.format(Locale.ROOT, "%02X", (int) c));
        } else {
          out.append(c);
        }
      }
    }
    out.append('"');
  }

  private void separate() {
    if (!out.isEmpty()) {
      out.append(' ');
    }
  }
}
