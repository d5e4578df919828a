package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.DeleteObjectsRequest;
import com.aliyun.oss.model.DeleteObjectsResult;
import com.aliyun.oss.model.OSSObjectSummary;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/** DeleteMultipleObjects through the SDK (spec §3.4). */
@ParameterizedClass
@ValueSource(strings = {"V1", "V4"})
class DeleteObjectsTest {
  @Parameter String version;

  private OSS oss;
  private String bucket;

  @BeforeEach
  void open() {
    oss = Clients.shared(version);
    bucket = Buckets.unique("multidel");
    oss.createBucket(bucket);
  }

  @AfterEach
  void close() {
    oss.shutdown();
  }

  @Test
  void verboseModeListsEveryKeyIncludingAbsentOnes() {
    putAll(List.of("a", "b/c", "keep"));
    DeleteObjectsResult result =
        oss.deleteObjects(
            new DeleteObjectsRequest(bucket)
                .withKeys(List.of("a", "b/c", "never-there"))
                .withQuiet(false));

    assertThat(result.getDeletedObjects()).containsExactlyInAnyOrder("a", "b/c", "never-there");
    assertThat(result.getRequestId()).matches(OssErrors.REQUEST_ID_SHAPE);
    assertThat(keys()).containsExactly("keep");
  }

  @Test
  void quietModeReportsNothingOnSuccess() {
    putAll(List.of("x", "y", "z"));
    DeleteObjectsResult result =
        oss.deleteObjects(
            new DeleteObjectsRequest(bucket).withKeys(List.of("x", "z", "absent")).withQuiet(true));

    assertThat(result.getDeletedObjects()).isEmpty();
    assertThat(keys()).containsExactly("y");
  }

  @Test
  void urlEncodingCarriesAwkwardKeys() {
    List<String> awkward = List.of("a+b c", "x&y<z>", "100%", "日本/語", "quote\"s'");
    putAll(awkward);
    DeleteObjectsResult result =
        oss.deleteObjects(
            new DeleteObjectsRequest(bucket)
                .withKeys(awkward)
                .withQuiet(false)
                .withEncodingType("url"));

    assertThat(result.getEncodingType()).isEqualTo("url");
    // As for listings, the SDK returns the encoded keys; a literal '+' must come back as %2B.
    assertThat(result.getDeletedObjects()).contains("a%2Bb%20c");
    assertThat(result.getDeletedObjects())
        .extracting(k -> URLDecoder.decode(k, StandardCharsets.UTF_8))
        .containsExactlyInAnyOrderElementsOf(awkward);
    assertThat(keys()).isEmpty();
  }

  @Test
  void keysWithControlCharactersAreDeleted() {
    // the SDK escapes tab, LF and CR and writes other control characters raw into the XML body
    List<String> controls = List.of("ctl\u0001a", "tab\tkey", "line\nbreak\r", "unit\u001f");
    putAll(controls);
    DeleteObjectsResult result =
        oss.deleteObjects(
            new DeleteObjectsRequest(bucket)
                .withKeys(controls)
                .withQuiet(false)
                .withEncodingType("url"));

    assertThat(result.getDeletedObjects())
        .extracting(k -> URLDecoder.decode(k, StandardCharsets.UTF_8))
        .containsExactlyInAnyOrderElementsOf(controls);
    assertThat(keys()).isEmpty();
  }

  @Test
  void absentBucketIsNoSuchBucket() {
    String absent = Buckets.unique("nobucket");
    OssErrors.expect(
        "NoSuchBucket",
        "The specified bucket does not exist.",
        () -> oss.deleteObjects(new DeleteObjectsRequest(absent).withKeys(List.of("k"))));
  }

  private void putAll(List<String> keys) {
    for (String key : keys) {
      oss.putObject(bucket, key, Payloads.stream(key));
    }
  }

  private List<String> keys() {
    return oss.listObjects(bucket).getObjectSummaries().stream()
        .map(OSSObjectSummary::getKey)
        .toList();
  }
}
