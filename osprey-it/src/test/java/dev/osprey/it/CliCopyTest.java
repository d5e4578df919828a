package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.OSSObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code osprey cp}: upload, download, server-side copy, directories, parts. */
class CliCopyTest {
  @TempDir Path tmp;
  private OSS oss;
  private String bucket;

  @BeforeEach
  void setUp() {
    oss = Clients.shared("V1");
    bucket = Buckets.unique("clicp");
    oss.createBucket(bucket);
  }

  @AfterEach
  void tearDown() {
    oss.shutdown();
  }

  @Test
  void uploadsDownloadsAndCopiesOnTheServer() throws Exception {
    byte[] data = random(10_000, 1);
    Path src = Files.write(tmp.resolve("file.bin"), data);

    Cli.Result up = Cli.run("cp", src.toString(), "oss://" + bucket + "/in/");
    assertThat(up.code()).as(up.err()).isZero();
    assertThat(read("in/file.bin")).isEqualTo(data);

    Cli.Result copy =
        Cli.run("cp", "oss://" + bucket + "/in/file.bin", "oss://" + bucket + "/copy.bin");
    assertThat(copy.code()).as(copy.err()).isZero();
    assertThat(read("copy.bin")).isEqualTo(data);

    Path back = tmp.resolve("back.bin");
    Cli.Result down = Cli.run("cp", "oss://" + bucket + "/copy.bin", back.toString());
    assertThat(down.code()).as(down.err()).isZero();
    assertThat(Files.readAllBytes(back)).isEqualTo(data);
    assertThat(down.out()).contains("(10000 bytes)");
  }

  @Test
  void aBigFileGoesInParallelPartsBothWays() throws Exception {
    byte[] data = random(1_000_000, 2);
    Path src = Files.write(tmp.resolve("big.bin"), data);
    String[] parts = {
      "--bigfile-threshold",
      "300000",
      "--part-size",
      "204800",
      "--parallel",
      "3",
      "--checkpoint-dir",
      tmp.resolve("cp").toString()
    };

    Cli.Result up =
        Cli.run(concat(new String[] {"cp", src.toString(), "oss://" + bucket + "/big.bin"}, parts));
    assertThat(up.code()).as(up.err()).isZero();
    assertThat(oss.getObjectMetadata(bucket, "big.bin").getObjectType()).isEqualTo("Multipart");
    assertThat(read("big.bin")).isEqualTo(data);

    Path back = tmp.resolve("big.back");
    Cli.Result down =
        Cli.run(
            concat(new String[] {"cp", "oss://" + bucket + "/big.bin", back.toString()}, parts));
    assertThat(down.code()).as(down.err()).isZero();
    assertThat(Files.readAllBytes(back)).isEqualTo(data);
    // A finished transfer leaves no checkpoint behind.
    try (var left = Files.list(tmp.resolve("cp"))) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void recursiveCopiesADirectoryUpAndAPrefixDown() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("site/css"));
    Files.writeString(tmp.resolve("site/index.html"), "<h1>hi</h1>");
    Files.writeString(dir.resolve("a.css"), "body{}");

    Cli.Result up = Cli.run("cp", "-r", tmp.resolve("site").toString(), "oss://" + bucket + "/web");
    assertThat(up.code()).as(up.err()).isZero();
    assertThat(up.out()).contains("Copied 2 objects");
    assertThat(new String(read("web/css/a.css"))).isEqualTo("body{}");

    Cli.Result copy =
        Cli.run("cp", "-r", "oss://" + bucket + "/web/", "oss://" + bucket + "/mirror/");
    assertThat(copy.code()).as(copy.err()).isZero();
    assertThat(new String(read("mirror/index.html"))).isEqualTo("<h1>hi</h1>");

    Path out = tmp.resolve("out");
    Cli.Result down = Cli.run("cp", "-r", "oss://" + bucket + "/mirror/", out.toString());
    assertThat(down.code()).as(down.err()).isZero();
    assertThat(Files.readString(out.resolve("css/a.css"))).isEqualTo("body{}");
    assertThat(Files.readString(out.resolve("index.html"))).isEqualTo("<h1>hi</h1>");
  }

  @Test
  void aDirectoryWithoutRAndADryRunCopyNothing() throws Exception {
    Files.writeString(Files.createDirectories(tmp.resolve("d")).resolve("f"), "x");

    Cli.Result noR = Cli.run("cp", tmp.resolve("d").toString(), "oss://" + bucket + "/d/");
    assertThat(noR.code()).isEqualTo(2);
    assertThat(noR.err()).contains("use -r");

    Cli.Result dry =
        Cli.run("cp", "-r", "--dry-run", tmp.resolve("d").toString(), "oss://" + bucket + "/d/");
    assertThat(dry.code()).isZero();
    assertThat(dry.out()).contains("Would copy");
    assertThat(oss.doesObjectExist(bucket, "d/f")).isFalse();
  }

  private byte[] read(String key) throws Exception {
    try (OSSObject o = oss.getObject(bucket, key)) {
      return o.getObjectContent().readAllBytes();
    }
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }
}
