package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.GetObjectRequest;
import com.aliyun.oss.model.OSSObject;
import dev.osprey.server.OspreyServer;
import dev.osprey.storage.BlobReader;
import dev.osprey.storage.BlobWriter;
import dev.osprey.storage.DataStore;
import dev.osprey.storage.StoredBlob;
import dev.osprey.storage.SyncMode;
import dev.osprey.storage.file.FileDataStore;
import io.netty.util.NettyRuntime;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Object bodies whose blob has no file channel (the S3 data store's case) are read on a worker,
 * never on the connection's event loop: while such a body is stuck in a read, other connections are
 * still answered; the body still arrives byte for byte; and a client that goes away mid-body frees
 * the blob's reader.
 *
 * <p>The server runs with {@link GatedDataStore}, a test double of the data layer only: it wraps
 * the real file store, hides its file channel (as S3 has none) and makes every read of a large
 * range wait for a permit the test hands out, so "a read is blocked" is a state the test controls
 * rather than a delay it hopes for. Metadata, the HTTP server and the client are all real (official
 * SDK).
 */
class NonFileBlobStreamingTest {
  private static final String AK = "LTAInonFileBlobTest0";
  private static final String SK = "nonFileBlobTestSecret0123456789a";
  private static final String BUCKET = "slow-blobs";

  /** Reads of ranges longer than this wait for the gate; the small object's never do. */
  private static final long GATED_FROM = 64 * 1024;

  private static final int BIG = 8 * 1024 * 1024;

  /** Guards against a hang only (a failure here means the server never answered). */
  private static final long HANG_GUARD_SECONDS = 60;

  @TempDir Path dir;

  private GatedDataStore data;
  private OspreyServer server;
  private OSS oss;
  private byte[] big;

  @BeforeEach
  void start() throws Exception {
    data = new GatedDataStore(FileDataStore.open(dir.resolve("blobs"), SyncMode.NEVER));
    server =
        OspreyServer.builder()
            .port(0)
            .dataDir(dir.resolve("meta"))
            .rootCredentials(AK, SK)
            .sync(SyncMode.NEVER)
            .externalData(new OspreyServer.ExternalData("gated test blobs", () -> data))
            .build()
            .start();
    oss = Clients.sdk(server.endpoint(), "V1", AK, SK);
    oss.createBucket(BUCKET);
    big = new byte[BIG];
    new Random(42).nextBytes(big);
    oss.putObject(BUCKET, "big", new ByteArrayInputStream(big));
    oss.putObject(
        BUCKET,
        "small",
        new ByteArrayInputStream("small and quick".getBytes(StandardCharsets.UTF_8)));
  }

  @AfterEach
  void stop() {
    data.gate.release(1 << 24); // nothing stays blocked past the test
    if (oss != null) {
      oss.shutdown();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void otherConnectionsAreAnsweredWhileLargeBodiesAreStuckInARead() throws Exception {
    // One slow body per event loop: Netty hands new connections to its loops in turn (2 x cores of
    // them by default), so whichever loop serves the next connection is also sending a stuck body.
    int loops = 2 * NettyRuntime.availableProcessors();
    List<Socket> slow = new ArrayList<>();
    try {
      for (int i = 0; i < loops; i++) {
        Socket s = rawGet("big");
        slow.add(s);
        assertThat(readHead(s.getInputStream())).startsWith("HTTP/1.1 200");
      }
      await(() -> data.blockedReads.get() >= loops, "every large body waits in a read");

      CompletableFuture<String> small =
          CompletableFuture.supplyAsync(
              () -> {
                try (OSSObject o = oss.getObject(BUCKET, "small")) {
                  return new String(o.getObjectContent().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                  throw new RuntimeException(e);
                }
              });
      assertThat(small.get(HANG_GUARD_SECONDS, TimeUnit.SECONDS)).isEqualTo("small and quick");
      assertThat(data.blockedReads.get())
          .as("the large bodies were still stuck when the small GET was answered")
          .isGreaterThanOrEqualTo(loops);

      data.gate.release(1 << 24);
      for (Socket s : slow) {
        assertThat(readBody(s.getInputStream(), BIG)).isEqualTo(big);
      }
    } finally {
      for (Socket s : slow) {
        s.close();
      }
    }
    await(() -> data.openChannels.get() == 0, "every blob channel closed");
  }

  @Test
  void bodiesArriveByteForByteThroughTheSdkWholeRangedAndPaced() throws Exception {
    data.gate.release(1 << 24);
    try (OSSObject o = oss.getObject(BUCKET, "big")) {
      assertThat(o.getObjectContent().readAllBytes()).isEqualTo(big);
    }
    GetObjectRequest range = new GetObjectRequest(BUCKET, "big");
    range.setRange(1_000, 3_000_000);
    try (OSSObject o = oss.getObject(range)) {
      byte[] expected = new byte[3_000_000 - 1_000 + 1];
      System.arraycopy(big, 1_000, expected, 0, expected.length);
      assertThat(o.getObjectContent().readAllBytes()).isEqualTo(expected);
    }
    // Under x-oss-traffic-limit the paced writer takes its chunks from the worker's reads too.
    GetObjectRequest paced = new GetObjectRequest(BUCKET, "big");
    paced.setRange(0, 150 * 1024 - 1);
    paced.setTrafficLimit(100 * 1024 * 8);
    try (OSSObject o = oss.getObject(paced)) {
      byte[] expected = new byte[150 * 1024];
      System.arraycopy(big, 0, expected, 0, expected.length);
      assertThat(o.getObjectContent().readAllBytes()).isEqualTo(expected);
    }
    await(() -> data.openChannels.get() == 0, "every blob channel closed");
    await(() -> data.openReaders.get() == 0, "every blob reader closed");
  }

  @Test
  void aClientThatLeavesMidBodyFreesTheReader() throws Exception {
    try (Socket s = rawGet("big")) {
      InputStream in = s.getInputStream();
      assertThat(readHead(in)).startsWith("HTTP/1.1 200");
      // 24 reads of at most 16 KiB (three chunks of the worker's): the client takes two, the
      // third waits in the server's read-ahead, and the next read blocks.
      data.gate.release(24);
      byte[] part = readBody(in, 256 * 1024);
      assertThat(part).isEqualTo(java.util.Arrays.copyOf(big, part.length));
      await(() -> data.blockedReads.get() >= 1, "the body waits in a read");
      assertThat(data.openChannels.get()).isEqualTo(1);
      s.setSoLinger(true, 0); // reset: the client is gone, not finishing politely
    }
    // The read under way ends; the server must close the channel then, not read the rest.
    data.gate.release(1 << 24);
    await(() -> data.openChannels.get() == 0, "the blob channel of the abandoned body closed");
    await(() -> data.openReaders.get() == 0, "the blob reader of the abandoned body closed");
    assertThat(data.bytesRead.get())
        .as("the abandoned body was not read to its end")
        .isLessThan(BIG);

    // The server goes on serving.
    try (OSSObject o = oss.getObject(BUCKET, "small")) {
      assertThat(new String(o.getObjectContent().readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("small and quick");
    }
  }

  /** A GET of {@code key} on its own connection, signed as a presigned URL. */
  private Socket rawGet(String key) throws IOException {
    URL url = oss.generatePresignedUrl(BUCKET, key, new Date(System.currentTimeMillis() + 600_000));
    Socket s = new Socket("127.0.0.1", server.port());
    s.setSoTimeout((int) TimeUnit.SECONDS.toMillis(HANG_GUARD_SECONDS));
    OutputStream out = s.getOutputStream();
    out.write(
        ("GET " + url.getFile() + " HTTP/1.1\r\nHost: " + url.getAuthority() + "\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    return s;
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed in the response head");
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  private static byte[] readBody(InputStream in, int length) throws IOException {
    byte[] body = in.readNBytes(length);
    if (body.length < length) {
      throw new IOException("body ended after " + body.length + " of " + length + " bytes");
    }
    return body;
  }

  private static void await(java.util.function.BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(HANG_GUARD_SECONDS);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("never happened: " + what);
      }
      Thread.sleep(20);
    }
  }

  /**
   * Test double of the data layer only: the real file store with its file channel hidden, so the
   * server treats every blob as it treats an S3 blob, and with every read of a range longer than
   * {@link #GATED_FROM} limited to 16 KiB and made to wait for a permit of {@link #gate}. It counts
   * open readers and channels, reads that are waiting, and bytes read.
   */
  static final class GatedDataStore implements DataStore {
    final Semaphore gate = new Semaphore(0);
    final AtomicInteger blockedReads = new AtomicInteger();
    final AtomicInteger openReaders = new AtomicInteger();
    final AtomicInteger openChannels = new AtomicInteger();
    final java.util.concurrent.atomic.AtomicLong bytesRead =
        new java.util.concurrent.atomic.AtomicLong();
    private final DataStore files;

    GatedDataStore(DataStore files) {
      this.files = files;
    }

    @Override
    public BlobWriter create() throws IOException {
      return files.create();
    }

    @Override
    public BlobWriter openForAppend(String blobId, long committedLength) throws IOException {
      return files.openForAppend(blobId, committedLength);
    }

    @Override
    public BlobReader open(String blobId) throws IOException {
      BlobReader reader = files.open(blobId);
      openReaders.incrementAndGet();
      return new BlobReader() {
        private final AtomicInteger closes = new AtomicInteger();

        @Override
        public FileChannel fileChannel() {
          return null;
        }

        @Override
        public ReadableByteChannel read(long offset, long length) throws IOException {
          return gated(reader.read(offset, length), length > GATED_FROM);
        }

        @Override
        public void close() throws IOException {
          if (closes.getAndIncrement() == 0) {
            openReaders.decrementAndGet();
          }
          reader.close();
        }
      };
    }

    private ReadableByteChannel gated(ReadableByteChannel in, boolean gated) {
      openChannels.incrementAndGet();
      return new ReadableByteChannel() {
        private boolean open = true;

        @Override
        public int read(ByteBuffer dst) throws IOException {
          if (gated) {
            blockedReads.incrementAndGet();
            try {
              gate.acquire();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new java.io.InterruptedIOException();
            } finally {
              blockedReads.decrementAndGet();
            }
          }
          int limit = dst.limit();
          dst.limit(dst.position() + Math.min(dst.remaining(), 16 * 1024));
          try {
            int n = in.read(dst);
            if (n > 0) {
              bytesRead.addAndGet(n);
            }
            return n;
          } finally {
            dst.limit(limit);
          }
        }

        @Override
        public boolean isOpen() {
          return open;
        }

        @Override
        public void close() throws IOException {
          if (open) {
            open = false;
            openChannels.decrementAndGet();
          }
          in.close();
        }
      };
    }

    @Override
    public void delete(String blobId) throws IOException {
      files.delete(blobId);
    }

    @Override
    public Stream<StoredBlob> blobs() throws IOException {
      return files.blobs();
    }

    @Override
    public void close() {
      files.close();
    }
  }
}
