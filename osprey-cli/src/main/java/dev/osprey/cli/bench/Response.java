package dev.osprey.cli.bench;

import java.nio.charset.StandardCharsets;

/**
 * The parts of one HTTP response the bench looks at, reused from request to request so that reading
 * an answer allocates nothing in the common case.
 */
final class Response {
  private static final int KEPT_BODY_LIMIT = 4 << 20;

  int status;
  long contentLength;
  long nextAppendPosition;
  boolean hasCrc;
  long crc;
  boolean keepAlive;
  long bodyLength;
  long bodyCrc;

  /** {@code x-osprey-tail} (how a live tail request ended), or null when absent. */
  String tail;

  /** Body bytes, filled only when asked for (or for errors, to read the OSS code). */
  byte[] body = new byte[8192];

  int bodyKept;

  void reset() {
    status = 0;
    contentLength = -1;
    nextAppendPosition = -1;
    hasCrc = false;
    crc = 0;
    keepAlive = true;
    bodyLength = 0;
    bodyCrc = 0;
    bodyKept = 0;
    tail = null;
  }

  void keep(byte[] b, int off, int len) {
    int room = KEPT_BODY_LIMIT - bodyKept;
    int n = Math.min(room, len);
    if (n <= 0) {
      return;
    }
    if (bodyKept + n > body.length) {
      byte[] grown = new byte[Math.min(KEPT_BODY_LIMIT, Math.max(body.length * 2, bodyKept + n))];
      System.arraycopy(body, 0, grown, 0, bodyKept);
      body = grown;
    }
    System.arraycopy(b, off, body, bodyKept, n);
    bodyKept += n;
  }

  /** The OSS error code of an error body ({@code <Code>...</Code>}), or {@code -} when absent. */
  String ossCode() {
    String text = new String(body, 0, bodyKept, StandardCharsets.UTF_8);
    int start = text.indexOf("<Code>");
    int end = text.indexOf("</Code>");
    if (start < 0 || end < start) {
      return "-";
    }
    return text.substring(start + 6, end);
  }

  /** How many times {@code tag} occurs in the kept body. */
  int count(String tag) {
    String text = new String(body, 0, bodyKept, StandardCharsets.UTF_8);
    int n = 0;
    for (int i = text.indexOf(tag); i >= 0; i = text.indexOf(tag, i + tag.length())) {
      n++;
    }
    return n;
  }
}
