package dev.osprey.it;

import static dev.osprey.it.WireChecks.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.BucketVersioningConfiguration;
import com.aliyun.oss.model.ListVersionsRequest;
import com.aliyun.oss.model.OSSVersionSummary;
import com.aliyun.oss.model.SetBucketVersioningRequest;
import com.aliyun.oss.model.VersionListing;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ListObjectVersions paging (key and version-id markers), delimiter and encoding-type through the
 * SDK, and the delete-marker answers of GET and HEAD on the wire (spec §2.2, §2.3).
 */
@ParameterizedClass
@ValueSource(strings = {"V1", "V4"})
class ListVersionsTest {
  @Parameter String version;

  private OSS oss;
  private String bucket;

  @BeforeEach
  void open() {
    oss = Clients.shared(version);
    bucket = Buckets.unique("list-versions");
    oss.createBucket(bucket);
    oss.setBucketVersioning(
        new SetBucketVersioningRequest(bucket, new BucketVersioningConfiguration("Enabled")));
  }

  @AfterEach
  void close() {
    oss.shutdown();
  }

  private String put(String key) {
    return oss.putObject(bucket, key, Payloads.stream(key)).getVersionId();
  }

  @Test
  void pagesWalkEveryVersionOnceInOrder() {
    List<String> expected = new ArrayList<>();
    for (String key : List.of("a", "b+c", "d")) {
      String v1 = put(key);
      String v2 = put(key);
      expected.add(key + "@" + v2);
      expected.add(key + "@" + v1);
    }
    List<String> seen = new ArrayList<>();
    String keyMarker = null;
    String versionMarker = null;
    int pages = 0;
    while (true) {
      VersionListing page =
          oss.listVersions(
              new ListVersionsRequest()
                  .withBucketName(bucket)
                  .withKeyMarker(keyMarker)
                  .withVersionIdMarker(versionMarker)
                  .withMaxResults(4)
                  .withEncodingType("url"));
      pages++;
      for (OSSVersionSummary s : page.getVersionSummaries()) {
        seen.add(s.getKey() + "@" + s.getVersionId());
      }
      if (!page.isTruncated()) {
        break;
      }
      keyMarker = page.getNextKeyMarker();
      versionMarker = page.getNextVersionIdMarker();
    }
    assertThat(seen).containsExactlyElementsOf(expected);
    assertThat(pages).isEqualTo(2);
  }

  @Test
  void delimiterRollsUpPrefixes() {
    put("dir/one");
    put("dir/one");
    put("dir/two");
    put("top");
    VersionListing listing =
        oss.listVersions(new ListVersionsRequest().withBucketName(bucket).withDelimiter("/"));
    assertThat(listing.getCommonPrefixes()).containsExactly("dir/");
    assertThat(listing.getVersionSummaries())
        .extracting(OSSVersionSummary::getKey)
        .containsExactly("top");

    VersionListing under =
        oss.listVersions(
            new ListVersionsRequest().withBucketName(bucket).withPrefix("dir/").withDelimiter("/"));
    assertThat(under.getVersionSummaries())
        .extracting(OSSVersionSummary::getKey)
        .containsExactly("dir/one", "dir/one", "dir/two");
    assertThat(under.getVersionSummaries())
        .extracting(OSSVersionSummary::isLatest)
        .containsExactly(true, false, true);
  }

  @Test
  void readsOfADeletedKeySayItIsADeleteMarker() throws IOException {
    put("gone");
    String marker =
        oss.deleteObject(bucket, "gone").getResponse().getHeaders().get("x-oss-version-id");

    RawResponse get = RawConnection.exchange(RawRequest.of("GET", bucket, "gone"));
    assertError(get, 404, "NoSuchKey");
    assertThat(get.header("x-oss-delete-marker")).isEqualTo("true");
    assertThat(get.header("x-oss-version-id")).isEqualTo(marker);

    RawResponse head = RawConnection.exchange(RawRequest.of("HEAD", bucket, "gone"));
    assertThat(head.status()).isEqualTo(404);
    assertThat(head.header("x-oss-delete-marker")).isEqualTo("true");

    RawResponse ofMarker =
        RawConnection.exchange(RawRequest.of("GET", bucket, "gone").query("versionId", marker));
    var xml = assertError(ofMarker, 405, "MethodNotAllowed");
    assertThat(xml).containsEntry("ResourceType", "DeleteMarker").containsEntry("Method", "GET");
    assertThat(ofMarker.header("x-oss-delete-marker")).isEqualTo("true");
    assertThat(ofMarker.header("Allow")).isEqualTo("DELETE");
  }
}
