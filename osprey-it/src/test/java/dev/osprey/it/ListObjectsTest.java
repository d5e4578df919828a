package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.ListObjectsRequest;
import com.aliyun.oss.model.ListObjectsV2Request;
import com.aliyun.oss.model.ListObjectsV2Result;
import com.aliyun.oss.model.OSSObjectSummary;
import com.aliyun.oss.model.ObjectListing;
import com.aliyun.oss.model.ObjectMetadata;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/** ListObjects (v1) and ListObjectsV2 through the SDK (spec §3.5, §3.6). */
@ParameterizedClass
@ValueSource(strings = {"V1", "V4"})
class ListObjectsTest {
  private static final String OWNER_ID = "1\\d{15}";

  @Parameter String version;

  private OSS oss;
  private String bucket;

  @BeforeEach
  void open() {
    oss = Clients.shared(version);
    bucket = Buckets.unique("list");
    oss.createBucket(bucket);
  }

  @AfterEach
  void close() {
    oss.shutdown();
  }

  @Test
  void entriesDescribeEachObject() {
    byte[] content = Payloads.utf8("abc");
    oss.putObject(bucket, "a.txt", Payloads.stream(content));
    ObjectMetadata ia = new ObjectMetadata();
    ia.setHeader("x-oss-storage-class", "IA");
    oss.putObject(bucket, "b.txt", Payloads.stream("longer"), ia);

    ObjectListing v1 = oss.listObjects(bucket);
    assertThat(v1.getBucketName()).isEqualTo(bucket);
    assertThat(v1.getMaxKeys()).isEqualTo(100);
    assertThat(v1.isTruncated()).isFalse();
    assertThat(v1.getRequestId()).matches(OssErrors.REQUEST_ID_SHAPE);
    List<OSSObjectSummary> rows = v1.getObjectSummaries();
    assertThat(rows).extracting(OSSObjectSummary::getKey).containsExactly("a.txt", "b.txt");
    OSSObjectSummary a = rows.get(0);
    assertThat(a.getETag()).isEqualTo(Payloads.etag(content));
    assertThat(a.getSize()).isEqualTo(3);
    assertThat(a.getType()).isEqualTo("Normal");
    assertThat(a.getStorageClass()).isEqualTo("Standard");
    assertThat(a.getLastModified()).isEqualTo(oss.headObject(bucket, "a.txt").getLastModified());
    assertThat(a.getOwner().getId()).matches(OWNER_ID);
    assertThat(rows.get(1).getStorageClass()).isEqualTo("IA");
    assertThat(rows.get(1).getSize()).isEqualTo(6);

    ListObjectsV2Result v2 = oss.listObjectsV2(bucket);
    assertThat(v2.getKeyCount()).isEqualTo(2);
    assertThat(v2.getObjectSummaries())
        .extracting(OSSObjectSummary::getKey)
        .containsExactly("a.txt", "b.txt");
    assertThat(v2.getObjectSummaries())
        .extracting(OSSObjectSummary::getETag)
        .containsExactly(a.getETag(), rows.get(1).getETag());
    assertThat(v2.getObjectSummaries())
        .extracting(OSSObjectSummary::getType)
        .containsOnly("Normal");
  }

  @Test
  void prefixAndDelimiterGroupCommonPrefixes() {
    putAll(
        List.of(
            "photos/2024/a.jpg",
            "photos/2024/b.jpg",
            "photos/2025/c.jpg",
            "photos/top.jpg",
            "videos/v.mp4",
            "readme"));

    ObjectListing root = oss.listObjects(new ListObjectsRequest(bucket).withDelimiter("/"));
    assertThat(root.getObjectSummaries())
        .extracting(OSSObjectSummary::getKey)
        .containsExactly("readme");
    assertThat(root.getCommonPrefixes()).containsExactly("photos/", "videos/");
    assertThat(root.getDelimiter()).isEqualTo("/");

    ObjectListing photos =
        oss.listObjects(new ListObjectsRequest(bucket).withPrefix("photos/").withDelimiter("/"));
    assertThat(photos.getObjectSummaries())
        .extracting(OSSObjectSummary::getKey)
        .containsExactly("photos/top.jpg");
    assertThat(photos.getCommonPrefixes()).containsExactly("photos/2024/", "photos/2025/");
    assertThat(photos.getPrefix()).isEqualTo("photos/");

    ListObjectsV2Request v2 = new ListObjectsV2Request(bucket);
    v2.setPrefix("photos/");
    v2.setDelimiter("/");
    ListObjectsV2Result r = oss.listObjectsV2(v2);
    assertThat(r.getObjectSummaries())
        .extracting(OSSObjectSummary::getKey)
        .containsExactly("photos/top.jpg");
    assertThat(r.getCommonPrefixes()).containsExactly("photos/2024/", "photos/2025/");
    assertThat(r.getKeyCount()).isEqualTo(3);

    ObjectListing prefixOnly =
        oss.listObjects(new ListObjectsRequest(bucket).withPrefix("photos/2024/"));
    assertThat(prefixOnly.getObjectSummaries())
        .extracting(OSSObjectSummary::getKey)
        .containsExactly("photos/2024/a.jpg", "photos/2024/b.jpg");
    assertThat(prefixOnly.getCommonPrefixes()).isEmpty();
  }

  @Test
  void markerPagingVisitsEveryKeyOnce() {
    List<String> keys = keys(23);
    putAll(keys);
    List<String> seen = new ArrayList<>();
    String marker = null;
    int pages = 0;
    while (true) {
      ObjectListing page =
          oss.listObjects(new ListObjectsRequest(bucket).withMarker(marker).withMaxKeys(5));
      pages++;
      assertThat(page.getMaxKeys()).isEqualTo(5);
      assertThat(page.getObjectSummaries()).hasSizeLessThanOrEqualTo(5);
      page.getObjectSummaries().forEach(s -> seen.add(s.getKey()));
      if (!page.isTruncated()) {
        assertThat(page.getNextMarker()).isNull();
        break;
      }
      assertThat(page.getNextMarker()).isEqualTo(seen.get(seen.size() - 1));
      marker = page.getNextMarker();
    }
    assertThat(pages).isEqualTo(5);
    assertThat(seen).isEqualTo(sorted(keys));
  }

  @Test
  void continuationTokenPagingVisitsEveryKeyOnce() {
    List<String> keys = keys(23);
    putAll(keys);
    List<String> seen = new ArrayList<>();
    String token = null;
    int pages = 0;
    while (true) {
      ListObjectsV2Request r = new ListObjectsV2Request(bucket);
      r.setMaxKeys(6);
      r.setContinuationToken(token);
      ListObjectsV2Result page = oss.listObjectsV2(r);
      pages++;
      assertThat(page.getContinuationToken()).isEqualTo(token);
      assertThat(page.getKeyCount()).isEqualTo(page.getObjectSummaries().size());
      page.getObjectSummaries().forEach(s -> seen.add(s.getKey()));
      if (!page.isTruncated()) {
        assertThat(page.getNextContinuationToken()).isNull();
        break;
      }
      assertThat(page.getNextContinuationToken()).isNotEmpty();
      token = page.getNextContinuationToken();
    }
    assertThat(pages).isEqualTo(4);
    assertThat(seen).isEqualTo(sorted(keys));
  }

  @Test
  void pagingWithADelimiterCountsCommonPrefixes() {
    List<String> keys = new ArrayList<>();
    for (int d = 0; d < 4; d++) {
      for (int f = 0; f < 3; f++) {
        keys.add("dir" + d + "/file" + f);
      }
      keys.add("file" + d);
    }
    putAll(keys);
    List<String> seen = new ArrayList<>();
    String token = null;
    do {
      ListObjectsV2Request r = new ListObjectsV2Request(bucket);
      r.setDelimiter("/");
      r.setMaxKeys(3);
      r.setContinuationToken(token);
      ListObjectsV2Result page = oss.listObjectsV2(r);
      assertThat(page.getKeyCount())
          .isEqualTo(page.getObjectSummaries().size() + page.getCommonPrefixes().size())
          .isLessThanOrEqualTo(3);
      page.getObjectSummaries().forEach(s -> seen.add(s.getKey()));
      seen.addAll(page.getCommonPrefixes());
      token = page.isTruncated() ? page.getNextContinuationToken() : null;
    } while (token != null);
    assertThat(seen)
        .containsExactlyInAnyOrder(
            "dir0/", "dir1/", "dir2/", "dir3/", "file0", "file1", "file2", "file3");
  }

  @Test
  void startAfterSkipsKeys() {
    putAll(List.of("a", "b", "c", "d"));
    ListObjectsV2Request r = new ListObjectsV2Request(bucket);
    r.setStartAfter("b");
    ListObjectsV2Result result = oss.listObjectsV2(r);
    assertThat(result.getObjectSummaries())
        .extracting(OSSObjectSummary::getKey)
        .containsExactly("c", "d");
    assertThat(result.getStartAfter()).isEqualTo("b");

    ObjectListing v1 = oss.listObjects(new ListObjectsRequest(bucket).withMarker("b"));
    assertThat(v1.getObjectSummaries())
        .extracting(OSSObjectSummary::getKey)
        .containsExactly("c", "d");
    assertThat(v1.getMarker()).isEqualTo("b");
  }

  @Test
  void maxKeysLimitsThePage() {
    putAll(keys(4));
    ObjectListing v1 = oss.listObjects(new ListObjectsRequest(bucket).withMaxKeys(2));
    assertThat(v1.getObjectSummaries()).hasSize(2);
    assertThat(v1.isTruncated()).isTrue();

    ListObjectsV2Request r = new ListObjectsV2Request(bucket);
    r.setMaxKeys(3);
    ListObjectsV2Result v2 = oss.listObjectsV2(r);
    assertThat(v2.getMaxKeys()).isEqualTo(3);
    assertThat(v2.getKeyCount()).isEqualTo(3);
    assertThat(v2.isTruncated()).isTrue();
  }

  @Test
  void urlEncodingOnV1CarriesAwkwardKeysForTheCallerToDecode() {
    List<String> keys =
        List.of(
            "dir one/a+b",
            "dir one/100% sure",
            "dir one/x&y<z>",
            "日本/語",
            "ctl\u0001char",
            "tab\there",
            "dir one/sub/deeper");
    putAll(keys);

    // The SDK's v1 listing returns the encoded values as they came: callers decode them with
    // URLDecoder, which is
    // why a literal '+' must arrive as %2B (spec §3.5).
    ObjectListing all = oss.listObjects(new ListObjectsRequest(bucket).withEncodingType("url"));
    assertThat(all.getEncodingType()).isEqualTo("url");
    assertThat(all.getObjectSummaries())
        .extracting(s -> decode(s.getKey()))
        .isEqualTo(sorted(keys));
    assertThat(all.getObjectSummaries())
        .extracting(OSSObjectSummary::getKey)
        .contains("dir%20one%2Fa%2Bb");

    ObjectListing grouped =
        oss.listObjects(
            new ListObjectsRequest(bucket)
                .withPrefix("dir one/")
                .withDelimiter("/")
                .withEncodingType("url")
                .withMaxKeys(2));
    assertThat(decode(grouped.getPrefix())).isEqualTo("dir one/");
    assertThat(decode(grouped.getDelimiter())).isEqualTo("/");
    assertThat(grouped.getObjectSummaries())
        .extracting(s -> decode(s.getKey()))
        .containsExactly("dir one/100% sure", "dir one/a+b");
    String marker = decode(grouped.getNextMarker());
    assertThat(marker).isEqualTo("dir one/a+b");

    ObjectListing rest =
        oss.listObjects(
            new ListObjectsRequest(bucket)
                .withPrefix("dir one/")
                .withDelimiter("/")
                .withEncodingType("url")
                .withMarker(marker));
    assertThat(decode(rest.getMarker())).isEqualTo(marker);
    assertThat(rest.getCommonPrefixes())
        .extracting(ListObjectsTest::decode)
        .containsExactly("dir one/sub/");
    assertThat(rest.getObjectSummaries())
        .extracting(s -> decode(s.getKey()))
        .containsExactly("dir one/x&y<z>");
    assertThat(rest.isTruncated()).isFalse();
  }

  @Test
  void urlEncodingOnV2CarriesAwkwardKeysForTheCallerToDecode() {
    List<String> keys =
        List.of(
            "dir one/a+b",
            "dir one/100% sure",
            "dir one/x&y<z>",
            "日本/語",
            "ctl\u0001char",
            "tab\there",
            "dir one/sub/deeper");
    putAll(keys);
    List<String> sorted = sorted(keys);

    // As with v1, the SDK hands back the encoded values (only its ListVersions parser decodes).
    ListObjectsV2Request r = new ListObjectsV2Request(bucket);
    r.setEncodingType("url");
    r.setStartAfter("dir one/a+b");
    ListObjectsV2Result after = oss.listObjectsV2(r);
    assertThat(after.getEncodingType()).isEqualTo("url");
    assertThat(decode(after.getStartAfter())).isEqualTo("dir one/a+b");
    assertThat(after.getObjectSummaries())
        .extracting(s -> decode(s.getKey()))
        .isEqualTo(sorted.subList(sorted.indexOf("dir one/a+b") + 1, sorted.size()));

    List<String> seen = new ArrayList<>();
    String token = null;
    do {
      ListObjectsV2Request grouped = new ListObjectsV2Request(bucket);
      grouped.setEncodingType("url");
      grouped.setPrefix("dir one/");
      grouped.setDelimiter("/");
      grouped.setMaxKeys(1);
      grouped.setContinuationToken(token);
      ListObjectsV2Result g = oss.listObjectsV2(grouped);
      assertThat(decode(g.getPrefix())).isEqualTo("dir one/");
      g.getObjectSummaries().forEach(s -> seen.add(decode(s.getKey())));
      g.getCommonPrefixes().forEach(p -> seen.add(decode(p)));
      token = g.isTruncated() ? decode(g.getNextContinuationToken()) : null;
    } while (token != null);
    assertThat(seen)
        .containsExactly("dir one/100% sure", "dir one/a+b", "dir one/sub/", "dir one/x&y<z>");
  }

  @Test
  void fetchOwnerControlsOwnerOnV2() {
    oss.putObject(bucket, "owned", Payloads.stream("x"));
    ListObjectsV2Result without = oss.listObjectsV2(new ListObjectsV2Request(bucket));
    assertThat(without.getObjectSummaries().get(0).getOwner()).isNull();

    ListObjectsV2Request r = new ListObjectsV2Request(bucket);
    r.setFetchOwner(true);
    ListObjectsV2Result with = oss.listObjectsV2(r);
    assertThat(with.getObjectSummaries().get(0).getOwner().getId()).matches(OWNER_ID);
  }

  @Test
  void emptyBucketListsNothing() {
    ObjectListing v1 = oss.listObjects(bucket);
    assertThat(v1.getObjectSummaries()).isEmpty();
    assertThat(v1.getCommonPrefixes()).isEmpty();
    assertThat(v1.isTruncated()).isFalse();

    ListObjectsV2Result v2 = oss.listObjectsV2(bucket);
    assertThat(v2.getObjectSummaries()).isEmpty();
    assertThat(v2.getKeyCount()).isZero();
    assertThat(v2.isTruncated()).isFalse();
  }

  @Test
  void absentBucketIsNoSuchBucket() {
    String absent = Buckets.unique("nobucket");
    OssErrors.expect(
        "NoSuchBucket", "The specified bucket does not exist.", () -> oss.listObjects(absent));
    OssErrors.expect(
        "NoSuchBucket", "The specified bucket does not exist.", () -> oss.listObjectsV2(absent));
  }

  @Test
  void maxKeysOutOfRangeIsInvalidArgument() {
    // The v1 request refuses values above 1000 itself but lets 0 through; the v2 request checks
    // nothing.
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new ListObjectsRequest(bucket).withMaxKeys(1001));
    OssErrors.expect(
        "InvalidArgument", () -> oss.listObjects(new ListObjectsRequest(bucket).withMaxKeys(0)));
    for (int bad : new int[] {0, 1001}) {
      ListObjectsV2Request r = new ListObjectsV2Request(bucket);
      r.setMaxKeys(bad);
      OssErrors.expect("InvalidArgument", () -> oss.listObjectsV2(r));
    }
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private void putAll(List<String> keys) {
    for (String key : keys) {
      oss.putObject(bucket, key, Payloads.stream(key));
    }
  }

  private static List<String> keys(int n) {
    // Mixed depths and a non-ASCII key, so byte order matters.
    return IntStream.range(0, n)
        .mapToObj(
            i ->
                i % 5 == 0
                    ? "nested/" + i + "/k"
                    : i % 7 == 0 ? "é-" + i : String.format("key-%03d", i))
        .toList();
  }

  private static List<String> sorted(List<String> keys) {
    // OSS orders keys by their UTF-8 bytes; for these keys that is the same as String order.
    return new ArrayList<>(new TreeSet<>(keys));
  }
}
