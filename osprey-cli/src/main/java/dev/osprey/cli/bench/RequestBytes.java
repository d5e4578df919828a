package dev.osprey.cli.bench;

/** A request head in ASCII, in a buffer reused from request to request. */
final class RequestBytes {
  private byte[] bytes = new byte[2048];
  private int length;
  private boolean head;

  void set(CharSequence text, boolean isHead) {
    int n = text.length();
    if (n > bytes.length) {
      bytes = new byte[Math.max(n, bytes.length * 2)];
    }
    for (int i = 0; i < n; i++) {
      bytes[i] = (byte) text.charAt(i);
    }
    length = n;
    head = isHead;
  }

  byte[] bytes() {
    return bytes;
  }

  int length() {
    return length;
  }

  /** Whether this is a HEAD request, whose answer has no body whatever its Content-Length says. */
  boolean isHead() {
    return head;
  }
}
