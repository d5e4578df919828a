package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.AppendObjectRequest;
import com.aliyun.oss.model.OSSObject;
import com.aliyun.oss.model.SealAppendObjectRequest;
import dev.osprey.cli.OspreyCli;
import dev.osprey.client.AppendSession;
import dev.osprey.client.AppendWriter;
import dev.osprey.client.ObjectFollower;
import dev.osprey.client.RetryPolicy;
import dev.osprey.server.OspreyServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The client side of append: {@code osprey append}, and the osprey-client writer and follower that
 * {@code osprey append} and {@code osprey cat --follow} are built on, against a live server.
 */
class CliClientTest {
  @TempDir Path tmp;
  private OSS oss;
  private String bucket;

  @BeforeEach
  void setUp() {
    oss = Clients.shared("V1");
    bucket = Buckets.unique("cli");
    oss.createBucket(bucket);
  }

  @AfterEach
  void tearDown() {
    oss.shutdown();
  }

  @Test
  void appendCommandShipsAFileAndResumesAtTheNextPosition() throws Exception {
    byte[] first = random(300_000, 1);
    byte[] second = random(70_000, 2);
    Path f1 = Files.write(tmp.resolve("one.bin"), first);
    Path f2 = Files.write(tmp.resolve("two.bin"), second);

    assertThat(
            cli("append", "oss://" + bucket + "/log.bin", f1.toString(), "--chunk-size", "65536"))
        .isZero();
    assertThat(cli("append", "oss://" + bucket + "/log.bin", f2.toString())).isZero();

    assertThat(read("log.bin")).isEqualTo(concat(first, second));
    assertThat(oss.getObjectMetadata(bucket, "log.bin").getObjectType()).isEqualTo("Appendable");
  }

  @Test
  void aStreamIsCutByTimeSoALineShipsWithoutWaitingForMore() throws Exception {
    AppendWriter writer =
        AppendWriter.builder(oss, bucket, "app.log").maxDelay(Duration.ofMillis(200)).open();

    writer.write("first line\n".getBytes(StandardCharsets.UTF_8));
    // The writer stays open and nothing more comes: only the time cut can ship this line.
    assertThat(awaitLength("app.log", 11, Duration.ofSeconds(20))).isEqualTo(11);

    writer.write("second line\n".getBytes(StandardCharsets.UTF_8));
    writer.close();
    assertThat(writer.position()).isEqualTo(23);
    assertThat(new String(read("app.log"), StandardCharsets.UTF_8))
        .isEqualTo("first line\nsecond line\n");
  }

  @Test
  void afterAConflictTheAppenderCarriesOnAtTheNewEndWithoutDuplicating() throws Exception {
    AppendSession mine = AppendSession.open(oss, bucket, "shared.log", RetryPolicy.DEFAULT);
    appendDirectly("shared.log", 0, "theirs;");

    byte[] chunk = "mine;".getBytes(StandardCharsets.UTF_8);
    mine.append(chunk, 0, chunk.length);
    assertThat(new String(read("shared.log"), StandardCharsets.UTF_8)).isEqualTo("theirs;mine;");

    // A chunk that is already stored where it was sent (an answer lost on the way) is not sent
    // twice.
    AppendSession stale = AppendSession.open(oss, bucket, "shared.log", RetryPolicy.DEFAULT);
    appendDirectly("shared.log", 12, "again;");
    byte[] again = "again;".getBytes(StandardCharsets.UTF_8);
    stale.append(again, 0, again.length);
    assertThat(new String(read("shared.log"), StandardCharsets.UTF_8))
        .isEqualTo("theirs;mine;again;");
    assertThat(stale.position()).isEqualTo(18);
  }

  @Test
  void catFollowPrintsAppendsUntilTheObjectIsSealed() throws Exception {
    appendDirectly("follow.log", 0, "a");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ObjectFollower follower =
        ObjectFollower.builder(oss, bucket, "follow.log")
            .pollInterval(Duration.ofMillis(20))
            .open();
    CompletableFuture<Long> following = CompletableFuture.supplyAsync(() -> copy(follower, out));
    appendDirectly("follow.log", 1, "bb");
    appendDirectly("follow.log", 3, "ccc");
    oss.sealAppendObject(new SealAppendObjectRequest(bucket, "follow.log").withPosition(6L));

    assertThat(following.get(30, TimeUnit.SECONDS)).isEqualTo(6);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("abbccc");
  }

  @Test
  void catWithoutFollowPrintsTheObjectOnce() throws Exception {
    appendDirectly("once.log", 0, "hello");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long n = copy(ObjectFollower.builder(oss, bucket, "once.log").follow(false).open(), out);
    assertThat(n).isEqualTo(5);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("hello");
  }

  private int cli(String... args) {
    OspreyServer server = SharedServer.get();
    String[] all = new String[args.length + 6];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--endpoint";
    all[args.length + 1] = server.endpoint();
    all[args.length + 2] = "--access-key-id";
    all[args.length + 3] = SharedServer.ACCESS_KEY_ID;
    all[args.length + 4] = "--access-key-secret";
    all[args.length + 5] = SharedServer.ACCESS_KEY_SECRET;
    return new CommandLine(new OspreyCli()).execute(all);
  }

  /** What {@code osprey cat} does: copies the follower to {@code out}; returns the bytes copied. */
  static long copy(InputStream follower, OutputStream out) {
    try (InputStream in = follower) {
      long n = 0;
      byte[] buf = new byte[8192];
      for (int r; (r = in.read(buf)) >= 0; n += r) {
        out.write(buf, 0, r);
      }
      return n;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Polls the object's length until it reaches {@code expected} or the deadline passes; returns the
   * last length.
   */
  private long awaitLength(String key, long expected, Duration deadline)
      throws InterruptedException {
    long until = System.nanoTime() + deadline.toNanos();
    long length = -1;
    while (System.nanoTime() < until) {
      if (oss.doesObjectExist(bucket, key)) {
        length = oss.getObjectMetadata(bucket, key).getContentLength();
        if (length >= expected) {
          return length;
        }
      }
      Thread.onSpinWait();
    }
    return length;
  }

  private void appendDirectly(String key, long position, String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    AppendObjectRequest req = new AppendObjectRequest(bucket, key, new ByteArrayInputStream(b));
    req.setPosition(position);
    oss.appendObject(req);
  }

  private byte[] read(String key) throws Exception {
    try (OSSObject o = oss.getObject(bucket, key)) {
      return o.getObjectContent().readAllBytes();
    }
  }

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = new byte[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
