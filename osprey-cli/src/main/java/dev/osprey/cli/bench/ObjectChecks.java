package dev.osprey.cli.bench;

import java.io.IOException;

/**
 * The end-of-run check of one object: HEAD for length and CRC-64, then one full GET of its bytes.
 */
final class ObjectChecks {
  private ObjectChecks() {}

  static void verify(OssClient c, BenchPlan plan, Expected e, Tally t) throws IOException {
    Response r = c.head(plan.bucket(), e.key());
    if (r.status != 200) {
      t.checkFailed("HEAD " + e.key() + ": HTTP " + r.status + " " + r.ossCode());
      return;
    }
    if (r.contentLength != e.length()) {
      t.checkFailed(
          "HEAD " + e.key() + ": Content-Length " + r.contentLength + ", expected " + e.length());
    }
    if (!r.hasCrc || r.crc != e.crc()) {
      t.checkFailed(
          "HEAD " + e.key() + ": " + crcText(r) + ", expected " + Long.toUnsignedString(e.crc()));
    }
    r = c.get(plan.bucket(), e.key());
    if (r.status != 200 || r.bodyLength != e.length() || r.bodyCrc != e.crc()) {
      t.checkFailed(
          "GET "
              + e.key()
              + ": HTTP "
              + r.status
              + ", "
              + r.bodyLength
              + " bytes with CRC-64 "
              + Long.toUnsignedString(r.bodyCrc)
              + ", expected "
              + e.length()
              + " bytes with "
              + Long.toUnsignedString(e.crc()));
    }
  }

  static String crcText(Response r) {
    return r.hasCrc
        ? "x-oss-hash-crc64ecma " + Long.toUnsignedString(r.crc)
        : "no x-oss-hash-crc64ecma";
  }

  /** What an object must hold. */
  record Expected(String key, long length, long crc) {}
}
