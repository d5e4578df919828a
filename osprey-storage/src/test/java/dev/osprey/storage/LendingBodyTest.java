package dev.osprey.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osprey.protocol.OssErrorCode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Bodies that lend their bytes in place (as the server's do) give the same objects as plain
 * streams: size, CRC-64, MD5 ETag and content, and the same refusals.
 */
class LendingBodyTest extends ServiceTestBase {
  /**
   * Lends its bytes in direct buffers of random sizes, like network chunks; counts the calls so a
   * test can tell that the lending path, not {@code read}, was taken.
   */
  static final class ChunkedLendingBody extends InputStream implements LendingBody {
    private final byte[] bytes;
    private final SplittableRandom rnd;
    private int pos;
    int lends;

    ChunkedLendingBody(byte[] bytes, long seed) {
      this.bytes = bytes;
      this.rnd = new SplittableRandom(seed);
    }

    @Override
    public long lend(Borrower borrower) throws IOException {
      if (pos == bytes.length) {
        return -1;
      }
      int n = Math.min(bytes.length - pos, rnd.nextInt(1, 70_000));
      ByteBuffer chunk = ByteBuffer.allocateDirect(n + 16);
      chunk.position(16).put(bytes, pos, n).flip().position(16);
      borrower.use(chunk.asReadOnlyBuffer());
      pos += n;
      lends++;
      return n;
    }

    @Override
    public int read() {
      throw new AssertionError("a lending body is lent from, not read");
    }
  }

  private static byte[] random(int length, long seed) {
    byte[] b = new byte[length];
    new SplittableRandom(seed).nextBytes(b);
    return b;
  }

  private byte[] stored(String key) throws IOException {
    try (OpenObject open = service.openObject(BUCKET, key)) {
      ByteBuffer buf = ByteBuffer.allocate((int) open.object().size());
      try (ReadableByteChannel ch = open.reader().read(0, buf.capacity())) {
        while (buf.hasRemaining() && ch.read(buf) >= 0) {
          // fill
        }
      }
      return buf.array();
    }
  }

  @Test
  void putFromLentChunksMatchesPutFromAStream() throws Exception {
    byte[] data = random(8 * 1024 * 1024 + 5, 1);
    ChunkedLendingBody lent = new ChunkedLendingBody(data, 2);
    ObjectRecord fromLent =
        service.putObject(
            new PutObjectCommand(BUCKET, "lent", data.length, md5Base64(data), null, false), lent);
    ObjectRecord fromStream =
        service.putObject(
            new PutObjectCommand(BUCKET, "stream", data.length, null, null, false),
            new ByteArrayInputStream(data));

    assertThat(lent.lends).isGreaterThan(100);
    assertThat(fromLent.size()).isEqualTo(data.length);
    assertThat(fromLent.crc64()).isEqualTo(crc(data)).isEqualTo(fromStream.crc64());
    assertThat(fromLent.etag())
        .isEqualTo(
            HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("MD5").digest(data)))
        .isEqualTo(fromStream.etag());
    assertThat(stored("lent")).isEqualTo(data);
  }

  @Test
  void largeAppendsFromLentChunksContinueTheCrc() throws Exception {
    byte[] first = random(3 * 1024 * 1024, 3);
    byte[] second = random(2 * 1024 * 1024 + 1, 4);
    service.appendObject(
        new AppendObjectCommand(BUCKET, "log", 0, -1, null, null),
        new ChunkedLendingBody(first, 5));
    ObjectRecord o =
        service.appendObject(
            new AppendObjectCommand(BUCKET, "log", first.length, second.length, null, null),
            new ChunkedLendingBody(second, 6));
    byte[] whole = new byte[first.length + second.length];
    System.arraycopy(first, 0, whole, 0, first.length);
    System.arraycopy(second, 0, whole, first.length, second.length);
    assertThat(o.size()).isEqualTo(whole.length);
    assertThat(o.crc64()).isEqualTo(crc(whole));
    assertThat(stored("log")).isEqualTo(whole);
  }

  @Test
  void lentBodiesAreRefusedLikeStreams() throws Exception {
    byte[] data = random(200_000, 7);
    assertOssError(
        () ->
            service.putObject(
                new PutObjectCommand(BUCKET, "short", data.length + 1, null, null, false),
                new ChunkedLendingBody(data, 8)),
        OssErrorCode.INCOMPLETE_BODY);
    assertOssError(
        () ->
            service.putObject(
                new PutObjectCommand(BUCKET, "long", data.length - 1, null, null, false),
                new ChunkedLendingBody(data, 9)),
        OssErrorCode.INCOMPLETE_BODY);
    assertOssError(
        () ->
            service.putObject(
                new PutObjectCommand(
                    BUCKET, "md5", data.length, md5Base64(new byte[1]), null, false),
                new ChunkedLendingBody(data, 10)),
        OssErrorCode.INVALID_DIGEST);
    assertThat(service.listObjects(new ListObjectsCommand(BUCKET, null, null, null, 100)).objects())
        .isEmpty();
  }
}
