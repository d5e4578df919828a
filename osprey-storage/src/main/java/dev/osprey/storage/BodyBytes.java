package dev.osprey.storage;

import dev.osprey.protocol.ContentMd5;
import java.io.InputStream;

/** A small body of known length, read whole and checked against its Content-MD5. */
final class BodyBytes {
  private BodyBytes() {}

  static byte[] read(InputStream body, int length, byte[] announcedMd5) {
    byte[] bytes = BodyCopier.readFully(body, length);
    if (announcedMd5 != null) {
      ContentMd5.verify(announcedMd5, ContentMd5.md5().digest(bytes));
    }
    return bytes;
  }
}
