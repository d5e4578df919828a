package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.AppendObjectRequest;
import com.aliyun.oss.model.ListObjectsV2Request;
import com.aliyun.oss.model.ListObjectsV2Result;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code osprey mb|rb|ls|du|rm} against a live server. */
class CliBucketCommandsTest {
  private OSS oss;
  private String bucket;

  @BeforeEach
  void setUp() {
    oss = Clients.shared("V1");
    bucket = Buckets.unique("clib");
  }

  @AfterEach
  void tearDown() {
    oss.shutdown();
  }

  @Test
  void mbCreatesABucketThatLsThenShows() {
    Cli.Result mb = Cli.run("mb", "oss://" + bucket);

    assertThat(mb.code()).isZero();
    assertThat(mb.out()).contains("Created oss://" + bucket);
    assertThat(oss.doesBucketExist(bucket)).isTrue();
    Cli.Result ls = Cli.run("ls");
    assertThat(ls.code()).isZero();
    assertThat(ls.out()).contains("oss://" + bucket).contains("Bucket Number is: ");
  }

  @Test
  void mbDryRunCreatesNothing() {
    Cli.Result mb = Cli.run("mb", "oss://" + bucket, "--dry-run");

    assertThat(mb.code()).isZero();
    assertThat(mb.out()).contains("Would create oss://" + bucket);
    assertThat(oss.doesBucketExist(bucket)).isFalse();
  }

  @Test
  void rbRefusesANonEmptyBucketUnlessForced() {
    oss.createBucket(bucket);
    put("a.txt", "a");
    oss.initiateMultipartUpload(
        new com.aliyun.oss.model.InitiateMultipartUploadRequest(bucket, "pending"));

    Cli.Result refused = Cli.run("rb", "oss://" + bucket);
    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.err()).contains("BucketNotEmpty").contains("--force").contains("RequestId");
    assertThat(refused.err().lines()).hasSize(1);
    assertThat(oss.doesBucketExist(bucket)).isTrue();

    Cli.Result forced = Cli.run("rb", "--force", "oss://" + bucket);
    assertThat(forced.code()).as(forced.err()).isZero();
    assertThat(forced.out()).contains("Deleted oss://" + bucket + "/a.txt");
    assertThat(oss.doesBucketExist(bucket)).isFalse();
  }

  @Test
  void lsShowsOneLevelWithDirectoriesOrEverythingWithR() {
    oss.createBucket(bucket);
    put("top.txt", "12345");
    put("dir/inner.txt", "x");
    append("dir/log", "appended");

    Cli.Result level = Cli.run("ls", "oss://" + bucket);
    assertThat(level.code()).isZero();
    assertThat(level.out())
        .contains("oss://" + bucket + "/top.txt")
        .contains("DIR")
        .contains("oss://" + bucket + "/dir/")
        .doesNotContain("inner.txt")
        .contains("Object Number is: 2");

    Cli.Result all = Cli.run("ls", "-r", "oss://" + bucket);
    assertThat(all.out())
        .contains("inner.txt")
        .contains("Appendable")
        .contains("Normal")
        .contains("Object Number is: 3");

    Cli.Result prefix = Cli.run("ls", "-r", "oss://" + bucket + "/dir/", "--limit", "1");
    assertThat(prefix.out()).contains("Object Number is: 1").doesNotContain("top.txt");
  }

  @Test
  void lsJsonListsSizesAndTypes() {
    oss.createBucket(bucket);
    put("k", "12345");

    Cli.Result ls = Cli.run("ls", "-r", "oss://" + bucket, "--output-format", "json");

    assertThat(ls.code()).isZero();
    assertThat(ls.out().strip())
        .startsWith("{")
        .contains("\"key\":\"k\"")
        .contains("\"size\":5")
        .contains("\"type\":\"Normal\"")
        .doesNotContain("Object Number");
  }

  @Test
  void duSumsObjectsAndBytes() {
    oss.createBucket(bucket);
    put("a", "12345");
    put("p/b", "123");
    put("p/c", "12");

    Cli.Result all = Cli.run("du", "oss://" + bucket, "--output-format", "json");
    assertThat(all.out()).contains("\"objects\":3").contains("\"bytes\":10");
    Cli.Result prefix = Cli.run("du", "oss://" + bucket + "/p/");
    assertThat(prefix.out()).containsPattern("Total\\s+2\\s+5");
  }

  @Test
  void rmDeletesOneObjectAndReportsAMissingOne() {
    oss.createBucket(bucket);
    put("k", "v");

    assertThat(Cli.run("rm", "oss://" + bucket + "/k").code()).isZero();
    assertThat(oss.doesObjectExist(bucket, "k")).isFalse();
    Cli.Result again = Cli.run("rm", "oss://" + bucket + "/k");
    assertThat(again.code()).isEqualTo(4);
    assertThat(again.err()).contains("NoSuchKey");
  }

  @Test
  void rmRecursiveDeletesAPrefixInBatchesAndDryRunKeepsIt() {
    oss.createBucket(bucket);
    // More than one DeleteObjects batch (1,000 keys); put concurrently so group commit shares the
    // syncs.
    try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
      for (int i = 0; i < 1003; i++) {
        String key = "logs/" + i;
        pool.submit(() -> put(key, "x"));
      }
    }
    assertThat(count("logs/")).isEqualTo(1003);
    put("keep", "x");

    Cli.Result dry = Cli.run("rm", "-r", "--dry-run", "oss://" + bucket + "/logs/");
    assertThat(dry.out()).contains("Would delete oss://" + bucket + "/logs/0");
    assertThat(oss.doesObjectExist(bucket, "logs/0")).isTrue();

    Cli.Result rm = Cli.run("rm", "-r", "oss://" + bucket + "/logs/", "--output-format", "json");
    assertThat(rm.code()).as(rm.err()).isZero();
    assertThat(rm.out()).contains("\"deleted\":1003");
    assertThat(oss.listObjectsV2(bucket).getObjectSummaries())
        .extracting(s -> s.getKey())
        .containsExactly("keep");
  }

  private long count(String prefix) {
    long n = 0;
    String token = null;
    do {
      ListObjectsV2Request req = new ListObjectsV2Request(bucket, prefix);
      req.setMaxKeys(1000);
      req.setContinuationToken(token);
      ListObjectsV2Result page = oss.listObjectsV2(req);
      n += page.getObjectSummaries().size();
      token = page.isTruncated() ? page.getNextContinuationToken() : null;
    } while (token != null);
    return n;
  }

  private void put(String key, String text) {
    oss.putObject(bucket, key, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  private void append(String key, String text) {
    AppendObjectRequest req =
        new AppendObjectRequest(
            bucket, key, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    req.setPosition(0L);
    oss.appendObject(req);
  }
}
