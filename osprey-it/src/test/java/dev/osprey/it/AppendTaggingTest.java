package dev.osprey.it;

import static dev.osprey.it.Appends.append;
import static dev.osprey.it.Appends.expectError;
import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.CannedAccessControlList;
import com.aliyun.oss.model.ObjectMetadata;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Object tagging (spec §3.9) on appendable and normal objects through the SDK: set, get, delete,
 * the {@code x-oss-tagging-count} header, limits, and tags surviving later appends without touching
 * Last-Modified.
 */
class AppendTaggingTest {
  private static final String BUCKET = Buckets.unique("append-tags");
  private static OSS oss;

  @BeforeAll
  static void createBucket() {
    oss = Clients.shared("V1");
    oss.createBucket(BUCKET);
  }

  @AfterAll
  static void shutdown() {
    oss.shutdown();
  }

  @Test
  void setGetDeleteOnAnAppendableObject() throws IOException {
    append(oss, BUCKET, "tagged.log", 0, "abc");
    String lastModified = rawHead("tagged.log").header("last-modified");
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("project", "osprey");
    tags.put("path", "a/b c+d=e.f_g:h");
    oss.setObjectTagging(BUCKET, "tagged.log", tags);
    assertThat(oss.getObjectTagging(BUCKET, "tagged.log").getAllTags()).isEqualTo(tags);

    RawResponse head = rawHead("tagged.log");
    assertThat(head.header("x-oss-tagging-count")).isEqualTo("2");
    assertThat(head.header("last-modified"))
        .as("tag changes keep Last-Modified")
        .isEqualTo(lastModified);
    assertThat(oss.headObject(BUCKET, "tagged.log").getRawMetadata().get("x-oss-tagging-count"))
        .isEqualTo("2");

    // A later append keeps the tags (and its own x-oss-tagging is ignored: first append only).
    ObjectMetadata later = new ObjectMetadata();
    later.setObjectTagging(Map.of("ignored", "yes"));
    append(oss, BUCKET, "tagged.log", 3, "def".getBytes(), later);
    assertThat(oss.getObjectTagging(BUCKET, "tagged.log").getAllTags()).isEqualTo(tags);

    oss.deleteObjectTagging(BUCKET, "tagged.log");
    assertThat(oss.getObjectTagging(BUCKET, "tagged.log").getAllTags()).isEmpty();
    assertThat(rawHead("tagged.log").header("x-oss-tagging-count")).isNull();
    assertThat(oss.headObject(BUCKET, "tagged.log").getContentLength()).isEqualTo(6);
  }

  @Test
  void putObjectTaggingHeaderAndReplacement() {
    ObjectMetadata meta = new ObjectMetadata();
    meta.setObjectTagging(Map.of("a", "1", "b", "2", "c", "3"));
    oss.putObject(BUCKET, "normal.txt", new ByteArrayInputStream(new byte[] {1}), meta);
    assertThat(oss.getObjectTagging(BUCKET, "normal.txt").getAllTags())
        .containsOnly(Map.entry("a", "1"), Map.entry("b", "2"), Map.entry("c", "3"));
    assertThat(oss.headObject(BUCKET, "normal.txt").getRawMetadata().get("x-oss-tagging-count"))
        .isEqualTo("3");
    oss.setObjectTagging(BUCKET, "normal.txt", Map.of("only", "one"));
    assertThat(oss.getObjectTagging(BUCKET, "normal.txt").getAllTags())
        .containsOnly(Map.entry("only", "one"));
  }

  @Test
  void taggingHeaderPairWithoutEqualsIsAnEmptyValue() throws IOException {
    RawResponse r =
        RawConnection.exchange(
            RawRequest.of("POST", BUCKET, "header.log")
                .query("append", null)
                .query("position", "0")
                .header("x-oss-tagging", "a=1&flag&b%20c=d%2Fe")
                .body("x"));
    assertThat(r.status()).as("%s", r).isEqualTo(200);
    assertThat(oss.getObjectTagging(BUCKET, "header.log").getAllTags())
        .containsOnly(Map.entry("a", "1"), Map.entry("flag", ""), Map.entry("b c", "d/e"));
  }

  @Test
  void tagLimitsAreEnforced() {
    append(oss, BUCKET, "limits.log", 0, "x");
    oss.setObjectTagging(BUCKET, "limits.log", Map.of("keep", "me"));
    Map<String, String> eleven = new LinkedHashMap<>();
    for (int i = 0; i < 11; i++) {
      eleven.put("k" + i, "v");
    }
    expectError("InvalidTag", () -> oss.setObjectTagging(BUCKET, "limits.log", eleven));
    expectError(
        "InvalidTag",
        () -> oss.setObjectTagging(BUCKET, "limits.log", Map.of("k".repeat(129), "v")));
    expectError(
        "InvalidTag",
        () -> oss.setObjectTagging(BUCKET, "limits.log", Map.of("k", "v".repeat(257))));
    assertThat(oss.getObjectTagging(BUCKET, "limits.log").getAllTags())
        .containsOnly(Map.entry("keep", "me"));
  }

  @Test
  void taggingAnAbsentObjectIsNoSuchKey() {
    expectError("NoSuchKey", () -> oss.setObjectTagging(BUCKET, "absent", Map.of("a", "b")));
    expectError("NoSuchKey", () -> oss.getObjectTagging(BUCKET, "absent"));
  }

  @Test
  void anonymousReadersDoNotSeeTheTagCount() throws IOException {
    ObjectMetadata meta = new ObjectMetadata();
    meta.setObjectAcl(CannedAccessControlList.PublicRead);
    meta.setObjectTagging(Map.of("secret", "tag"));
    append(oss, BUCKET, "public.log", 0, "p".getBytes(), meta);
    RawResponse anonymous =
        RawConnection.exchange(RawRequest.of("HEAD", BUCKET, "public.log").anonymous());
    assertThat(anonymous.status()).isEqualTo(200);
    assertThat(anonymous.header("x-oss-tagging-count")).isNull();
    assertThat(rawHead("public.log").header("x-oss-tagging-count")).isEqualTo("1");
  }

  private static RawResponse rawHead(String key) throws IOException {
    return RawConnection.exchange(RawRequest.of("HEAD", BUCKET, key));
  }
}
