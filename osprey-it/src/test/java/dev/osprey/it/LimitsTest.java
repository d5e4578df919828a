package dev.osprey.it;

import static dev.osprey.it.WireChecks.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.DeleteObjectsRequest;
import com.aliyun.oss.model.ListObjectsRequest;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.SetObjectTaggingRequest;
import com.aliyun.oss.model.TagSet;
import dev.osprey.protocol.Limits;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each limit of {@link Limits} at its edge: a request exactly at the limit is served, one past it
 * gets the error docs/limits.md names, and what was stored stays as it was. Limits the SDK checks
 * on the client side, or cannot reach, are sent as raw HTTP.
 */
class LimitsTest {
  private static final String BUCKET = Buckets.unique("limits-edge");
  private static final String KEPT = "kept.txt";
  private static OSS oss;

  @BeforeAll
  static void store() {
    oss = Clients.shared("V1");
    oss.createBucket(BUCKET);
    oss.putObject(BUCKET, KEPT, Payloads.stream("kept"));
  }

  @AfterAll
  static void shutdown() {
    assertThat(read(KEPT)).isEqualTo("kept");
    oss.shutdown();
  }

  private static String read(String key) {
    try (var o = oss.getObject(BUCKET, key)) {
      return new String(
          o.getObjectContent().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A signed GET of the kept object carrying {@code extra} filler headers. */
  private static RawRequest getWithFillers(int extra, int valueBytes) {
    RawRequest r = RawRequest.of("GET", BUCKET, KEPT);
    for (int i = 0; i < extra; i++) {
      r.header("x-filler-" + i, "v".repeat(valueBytes));
    }
    return r;
  }

  private static int headerLines(RawRequest r) {
    return (int) r.headLines().lines().count() - 1; // less the request line
  }

  @Test
  void headerCountAtTheLimitIsServedAndOnePastIsRequestHeaderTooLarge() throws IOException {
    int base = headerLines(RawRequest.of("GET", BUCKET, KEPT));
    RawRequest atLimit = getWithFillers(Limits.HEADER_COUNT - base, 1);
    assertThat(headerLines(atLimit)).isEqualTo(Limits.HEADER_COUNT);
    RawResponse served = RawConnection.exchange(atLimit);
    assertThat(served.status()).as("%s", served).isEqualTo(200);

    try (RawConnection c = new RawConnection()) {
      c.write(getWithFillers(Limits.HEADER_COUNT - base + 1, 1).bytes());
      assertError(c.read(false), 400, "RequestHeaderTooLarge");
      assertThat(c.closedByServer()).isTrue();
    }
  }

  @Test
  void headerBytesAreCountedOverAllLines() throws IOException {
    // Each line alone is small: only their sum crosses the limit.
    int lines = Limits.HEADER_BYTES / 1024;
    RawResponse under = RawConnection.exchange(getWithFillers(lines - 4, 1000));
    assertThat(under.status()).as("%s", under).isEqualTo(200);
    try (RawConnection c = new RawConnection()) {
      c.write(getWithFillers(lines + 4, 1000).bytes());
      assertError(c.read(false), 400, "RequestHeaderTooLarge");
    }
  }

  @Test
  void requestLineOverTheLimitIsInvalidUri() throws IOException {
    String path = "/" + BUCKET + "/" + KEPT + "?x-filler=";
    String fits = "a".repeat(Limits.REQUEST_LINE_BYTES - path.length() - 200);
    RawResponse served =
        RawConnection.exchange(
            RawRequest.of("GET", BUCKET, KEPT).query("x-filler", fits).anonymous());
    assertThat(served.status()).as("%s", served).isNotEqualTo(400);
    String tooLong = "a".repeat(Limits.REQUEST_LINE_BYTES);
    try (RawConnection c = new RawConnection()) {
      c.write(RawRequest.of("GET", BUCKET, KEPT).query("x-filler", tooLong).anonymous().bytes());
      assertError(c.read(false), 400, "InvalidURI");
    }
  }

  @Test
  void keyOfTheLimitIsStoredAndOneByteMoreIsInvalidObjectName() throws IOException {
    String longest = "k".repeat(Limits.KEY_BYTES);
    oss.putObject(BUCKET, longest, Payloads.stream("long"));
    assertThat(read(longest)).isEqualTo("long");
    // The SDK refuses such a key itself: raw HTTP shows what the server says.
    assertError(
        RawConnection.exchange(RawRequest.of("PUT", BUCKET, longest + "k").body("too long")),
        400,
        "InvalidObjectName");
  }

  @Test
  void userMetadataOfTheLimitIsStoredAndOneByteMoreIsInvalidArgument() {
    ObjectMetadata fits = new ObjectMetadata();
    fits.addUserMetadata("m", "x".repeat(Limits.USER_METADATA_BYTES - 1));
    oss.putObject(BUCKET, "meta", Payloads.stream("meta"), fits);
    assertThat(oss.getObjectMetadata(BUCKET, "meta").getUserMetadata().get("m"))
        .hasSize(Limits.USER_METADATA_BYTES - 1);

    ObjectMetadata over = new ObjectMetadata();
    over.addUserMetadata("m", "x".repeat(Limits.USER_METADATA_BYTES));
    OssErrors.expect(
        "InvalidArgument", () -> oss.putObject(BUCKET, "meta", Payloads.stream("other"), over));
    assertThat(read("meta")).isEqualTo("meta");
  }

  private static Map<String, String> tags(int count, int keyBytes, int valueBytes) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      String prefix = i + "-";
      tags.put(prefix + "k".repeat(keyBytes - prefix.length()), "v".repeat(valueBytes));
    }
    return tags;
  }

  private static void tag(Map<String, String> tags) {
    oss.setObjectTagging(new SetObjectTaggingRequest(BUCKET, KEPT, new TagSet(tags)));
  }

  @Test
  void tagLimitsAreServedAtTheEdgeAndRefusedPastIt() {
    Map<String, String> most = tags(Limits.TAGS, Limits.TAG_KEY_BYTES, Limits.TAG_VALUE_BYTES);
    tag(most);
    assertThat(oss.getObjectTagging(BUCKET, KEPT).getAllTags()).isEqualTo(most);

    OssErrors.expect("InvalidTag", () -> tag(tags(Limits.TAGS + 1, Limits.TAG_KEY_BYTES, 1)));
    OssErrors.expect("InvalidTag", () -> tag(tags(1, Limits.TAG_KEY_BYTES + 1, 1)));
    OssErrors.expect("InvalidTag", () -> tag(tags(1, 8, Limits.TAG_VALUE_BYTES + 1)));
    assertThat(oss.getObjectTagging(BUCKET, KEPT).getAllTags()).isEqualTo(most);
  }

  private static String deleteXml(List<String> keys) {
    StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Delete>");
    for (String k : keys) {
      sb.append("<Object><Key>").append(k).append("</Key></Object>");
    }
    return sb.append("</Delete>").toString();
  }

  @Test
  void deleteOfTheLimitWithLongestKeysIsServedAndOneMoreIsMalformedXml() throws IOException {
    // The largest legitimate Delete body (1000 keys of 1023 bytes) fits the XML body limit.
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < Limits.DELETE_OBJECTS; i++) {
      String n = String.format("%04d", i);
      keys.add(n + "d".repeat(Limits.KEY_BYTES - n.length()));
    }
    oss.putObject(BUCKET, keys.get(0), Payloads.stream("gone"));
    var deleted =
        oss.deleteObjects(new DeleteObjectsRequest(BUCKET).withKeys(keys).withQuiet(true));
    assertThat(deleted.getDeletedObjects()).isEmpty();
    assertThat(oss.doesObjectExist(BUCKET, keys.get(0))).isFalse();

    keys.add("one-more");
    String body = deleteXml(keys);
    RawResponse r =
        RawConnection.exchange(
            RawRequest.of("POST", BUCKET, null)
                .query("delete", null)
                .header("Content-MD5", Payloads.contentMd5(Payloads.utf8(body)))
                .header("Content-Type", "application/xml")
                .body(body));
    assertError(r, 400, "MalformedXML");
  }

  @Test
  void xmlBodyPastTheLimitIsMalformedXml() throws IOException {
    String padding = " ".repeat(Limits.XML_BODY_BYTES);
    RawResponse r =
        RawConnection.exchange(
            RawRequest.of("PUT", BUCKET, KEPT)
                .query("tagging", null)
                .header("Content-Type", "application/xml")
                .body("<Tagging><TagSet></TagSet></Tagging>" + padding));
    assertError(r, 400, "MalformedXML");
  }

  @Test
  void partNumberOfTheLimitIsServedAndOneMoreIsInvalidArgument() throws IOException {
    String uploadId =
        oss.initiateMultipartUpload(
                new com.aliyun.oss.model.InitiateMultipartUploadRequest(BUCKET, "parts"))
            .getUploadId();
    try {
      RawResponse last =
          RawConnection.exchange(
              RawRequest.of("PUT", BUCKET, "parts")
                  .query("partNumber", Integer.toString(Limits.PARTS))
                  .query("uploadId", uploadId)
                  .body("last"));
      assertThat(last.status()).as("%s", last).isEqualTo(200);
      RawResponse past =
          RawConnection.exchange(
              RawRequest.of("PUT", BUCKET, "parts")
                  .query("partNumber", Integer.toString(Limits.PARTS + 1))
                  .query("uploadId", uploadId)
                  .body("past"));
      assertError(past, 400, "InvalidArgument");
    } finally {
      oss.abortMultipartUpload(
          new com.aliyun.oss.model.AbortMultipartUploadRequest(BUCKET, "parts", uploadId));
    }
  }

  @Test
  void listingPageAndArgumentsAtTheLimitAreServedAndPastItInvalidArgument() throws IOException {
    var page =
        oss.listObjects(
            new ListObjectsRequest(BUCKET)
                .withMaxKeys(Limits.LIST_PAGE)
                .withPrefix("p".repeat(Limits.LISTING_ARGUMENT_BYTES)));
    assertThat(page.getMaxKeys()).isEqualTo(Limits.LIST_PAGE);
    assertError(
        RawConnection.exchange(
            RawRequest.of("GET", BUCKET, null)
                .query("max-keys", Integer.toString(Limits.LIST_PAGE + 1))),
        400,
        "InvalidArgument");
    assertError(
        RawConnection.exchange(
            RawRequest.of("GET", BUCKET, null)
                .query("prefix", "p".repeat(Limits.LISTING_ARGUMENT_BYTES + 1))),
        400,
        "InvalidArgument");
  }

  @Test
  void policyPastTheLimitIsInvalidPolicyDocument() throws IOException {
    String statement =
        "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"oss:GetObject\"],"
            + "\"Principal\":[\"*\"],\"Resource\":[\"acs:oss:*:*:"
            + BUCKET
            + "/*\"]}]}";
    String fits = statement + " ".repeat(Limits.POLICY_BYTES - statement.length());
    RawResponse served =
        RawConnection.exchange(RawRequest.of("PUT", BUCKET, null).query("policy", null).body(fits));
    assertThat(served.status()).as("%s", served).isEqualTo(200);
    RawResponse over =
        RawConnection.exchange(
            RawRequest.of("PUT", BUCKET, null).query("policy", null).body(fits + " "));
    assertError(over, 400, "InvalidPolicyDocument");
    RawConnection.exchange(RawRequest.of("DELETE", BUCKET, null).query("policy", null));
  }

  @Test
  void lifecycleRulesPastTheLimitAreMalformedXml() throws IOException {
    StringBuilder sb = new StringBuilder("<LifecycleConfiguration>");
    for (int i = 0; i <= Limits.LIFECYCLE_RULES; i++) {
      sb.append("<Rule><ID>r")
          .append(i)
          .append("</ID><Prefix>p")
          .append(i)
          .append(
              "/</Prefix><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule>");
    }
    String body = sb.append("</LifecycleConfiguration>").toString();
    RawResponse r =
        RawConnection.exchange(
            RawRequest.of("PUT", BUCKET, null)
                .query("lifecycle", null)
                .header("Content-MD5", Payloads.contentMd5(Payloads.utf8(body)))
                .body(body));
    assertError(r, 400, "MalformedXML");
  }
}
