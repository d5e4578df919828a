package dev.osprey.storage;

import dev.osprey.protocol.ContentMd5;
import dev.osprey.protocol.Crc64;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.function.Supplier;

/**
 * Streams a request body into a blob, computing CRC-64 (always) and MD5 (when asked) on the way,
 * and enforcing the declared length and a size cap. A {@link LendingBody} (the server's request
 * bodies) is used in place, chunk by chunk, with no copy in the JVM; any other stream goes through
 * one bounded buffer. Memory stays bounded whatever the body size.
 */
final class BodyCopier {
  static final int BUFFER_SIZE = 64 * 1024;

  /**
   * What to enforce while copying.
   *
   * @param declaredLength Content-Length, or -1 when chunked
   * @param maxBytes most bytes this body may carry (the rest of the 5 GiB budget)
   * @param tooLarge the error when {@code maxBytes} is exceeded
   * @param computeMd5 whether to compute the MD5 (PutObject always; append only to check a
   *     Content-MD5)
   * @param initialCrc CRC-64 of what precedes this body in the object (0 for a new object)
   */
  record Spec(
      long declaredLength,
      long maxBytes,
      Supplier<OssException> tooLarge,
      boolean computeMd5,
      long initialCrc) {}

  /**
   * What was copied: byte count, running CRC-64 after it, MD5 of the body (null unless computed).
   */
  record Copied(long length, long crc64, byte[] md5) {}

  private BodyCopier() {}

  static Copied copy(InputStream body, BlobWriter writer, Spec spec) {
    Sink sink = new Sink(writer, spec);
    if (body instanceof LendingBody lending) {
      while (lend(lending, sink) >= 0) {
        // each lent chunk went through the sink
      }
    } else {
      byte[] buf = new byte[BUFFER_SIZE];
      int n;
      while ((n = readBody(body, buf)) >= 0) {
        sink.use(ByteBuffer.wrap(buf, 0, n));
      }
    }
    return sink.finish();
  }

  /**
   * Checks, checksums and writes one piece of the body after another, whether lent by the body or
   * read into an array.
   */
  private static final class Sink implements LendingBody.Borrower {
    private final BlobWriter writer;
    private final Spec spec;
    private final MessageDigest md5;
    private long crc;
    private long total;

    Sink(BlobWriter writer, Spec spec) {
      this.writer = writer;
      this.spec = spec;
      this.md5 = spec.computeMd5() ? ContentMd5.md5() : null;
      this.crc = spec.initialCrc();
    }

    @Override
    public void use(ByteBuffer bytes) {
      total += bytes.remaining();
      if (total > spec.maxBytes()) {
        throw spec.tooLarge().get();
      }
      if (spec.declaredLength() >= 0 && total > spec.declaredLength()) {
        throw incompleteBody();
      }
      crc = Crc64.update(crc, bytes);
      if (md5 != null) {
        md5.update(bytes.duplicate());
      }
      writeBlob(writer, bytes);
    }

    Copied finish() {
      if (spec.declaredLength() >= 0 && total != spec.declaredLength()) {
        throw incompleteBody();
      }
      return new Copied(total, crc, md5 == null ? null : md5.digest());
    }
  }

  /**
   * Reads a body of known, small length into memory (so it can arrive before a lock is taken).
   * IncompleteBody unless exactly {@code length} bytes arrive.
   */
  static byte[] readFully(InputStream body, int length) {
    try {
      // Straight into an array of the final size: readNBytes(int) would gather the body in
      // buffers of its own and copy them once more.
      byte[] bytes = new byte[length];
      if (body.readNBytes(bytes, 0, length) != length || body.read() != -1) {
        throw incompleteBody();
      }
      return bytes;
    } catch (IOException e) {
      throw new OssException(OssErrorCode.INCOMPLETE_BODY, "Reading the request body failed.", e);
    }
  }

  static void writeBlob(BlobWriter writer, ByteBuffer bytes) {
    try {
      writer.write(bytes);
    } catch (IOException e) {
      throw new StorageException("cannot write blob " + writer.blobId(), e);
    }
  }

  private static long lend(LendingBody body, Sink sink) {
    try {
      return body.lend(sink);
    } catch (IOException e) {
      throw new OssException(OssErrorCode.INCOMPLETE_BODY, "Reading the request body failed.", e);
    }
  }

  private static int readBody(InputStream body, byte[] buf) {
    try {
      return body.read(buf);
    } catch (IOException e) {
      throw new OssException(OssErrorCode.INCOMPLETE_BODY, "Reading the request body failed.", e);
    }
  }

  private static OssException incompleteBody() {
    return new OssException(OssErrorCode.INCOMPLETE_BODY);
  }
}
