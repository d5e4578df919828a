package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.GetObjectRequest;
import com.aliyun.oss.model.HeadObjectRequest;
import com.aliyun.oss.model.OSSObject;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.ResponseHeaderOverrides;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GetObject: ranges, conditional requests, response header overrides, download to a file (spec
 * §2.3–2.5).
 */
@ParameterizedClass
@ValueSource(strings = {"V1", "V4"})
class GetObjectTest {
  private static final String KEY = "digits.txt";
  private static final byte[] CONTENT = Payloads.utf8("0123456789");
  private static final long HOUR = 3_600_000L;

  @Parameter String version;

  @TempDir Path tmp;

  private OSS oss;
  private String bucket;
  private ObjectMetadata stored;

  @BeforeEach
  void open() {
    oss = Clients.shared(version);
    bucket = Buckets.unique("get");
    oss.createBucket(bucket);
    oss.putObject(bucket, KEY, Payloads.stream(CONTENT));
    stored = oss.headObject(bucket, KEY);
  }

  @AfterEach
  void close() {
    oss.shutdown();
  }

  @Test
  void rangeReturnsPartialContent() throws IOException {
    Fetched f = fetch(request().withRange(2, 5));
    assertThat(f.body()).isEqualTo(Payloads.utf8("2345"));
    assertThat(f.meta().getContentLength()).isEqualTo(4);
    assertThat(f.meta().getRawMetadata()).containsEntry("Content-Range", "bytes 2-5/10");
    // The CRC header describes the whole object, also on a range read (spec §10).
    assertThat(f.meta().getServerCRC()).isEqualTo(Payloads.crc64(CONTENT));
  }

  @Test
  void openEndedAndSuffixRanges() throws IOException {
    // setRange(start, -1) asks for "bytes=start-"; setRange(-1, n) for the last n bytes.
    assertThat(fetch(request().withRange(7, -1)).body()).isEqualTo(Payloads.utf8("789"));
    Fetched suffix = fetch(request().withRange(-1, 4));
    assertThat(suffix.body()).isEqualTo(Payloads.utf8("6789"));
    assertThat(suffix.meta().getRawMetadata()).containsEntry("Content-Range", "bytes 6-9/10");
  }

  @Test
  void outOfRangeIsIgnoredByDefault() throws IOException {
    // OSS's non-standard default: an unsatisfiable range returns the whole object with 200 (spec
    // §2.3).
    for (long[] range : List.of(new long[] {5, 15}, new long[] {20, 30})) {
      Fetched f = fetch(request().withRange(range[0], range[1]));
      assertThat(f.body()).as(Arrays.toString(range)).isEqualTo(CONTENT);
      assertThat(f.meta().getRawMetadata())
          .as(Arrays.toString(range))
          .doesNotContainKey("Content-Range");
    }
  }

  @Test
  void emptySuffixRangeIsInvalidRange() {
    // setRange(-1, 0) sends "Range: bytes=-0": no byte can satisfy it, 416 even by default
    OssErrors.expect("InvalidRange", () -> oss.getObject(request().withRange(-1, 0)));
  }

  @Test
  void standardRangeBehaviourTruncatesOrRefuses() throws IOException {
    GetObjectRequest truncated = request().withRange(5, 15);
    truncated.addHeader("x-oss-range-behavior", "standard");
    Fetched f = fetch(truncated);
    assertThat(f.body()).isEqualTo(Payloads.utf8("56789"));
    assertThat(f.meta().getRawMetadata()).containsEntry("Content-Range", "bytes 5-9/10");

    GetObjectRequest beyond = request().withRange(20, 30);
    beyond.addHeader("x-oss-range-behavior", "standard");
    OssErrors.expect(
        "InvalidRange", "The requested range cannot be satisfied", () -> oss.getObject(beyond));
  }

  @Test
  void ifMatch() throws IOException {
    GetObjectRequest match = request();
    match.setMatchingETagConstraints(List.of(stored.getETag()));
    assertThat(fetch(match).body()).isEqualTo(CONTENT);

    GetObjectRequest mismatch = request();
    mismatch.setMatchingETagConstraints(List.of(Payloads.EMPTY_ETAG));
    OssErrors.expect("PreconditionFailed", () -> oss.getObject(mismatch));
  }

  @Test
  void ifNoneMatchAnswersNotModified() throws IOException {
    GetObjectRequest other = request();
    other.setNonmatchingETagConstraints(List.of(Payloads.EMPTY_ETAG));
    assertThat(fetch(other).body()).isEqualTo(CONTENT);

    GetObjectRequest same = request();
    same.setNonmatchingETagConstraints(List.of(stored.getETag()));
    // A 304 has no body; the SDK turns it into an OSSException of its own making, with the
    // response's request id.
    OSSException e = OssErrors.expect("NotModified", () -> oss.getObject(same));
    assertThat(e.getErrorMessage()).isEqualTo("Not Modified");
  }

  @Test
  void ifModifiedSince() throws IOException {
    GetObjectRequest modified = request();
    modified.setModifiedSinceConstraint(new Date(stored.getLastModified().getTime() - HOUR));
    assertThat(fetch(modified).body()).isEqualTo(CONTENT);

    GetObjectRequest notModified = request();
    notModified.setModifiedSinceConstraint(new Date(stored.getLastModified().getTime() + HOUR));
    OssErrors.expect("NotModified", () -> oss.getObject(notModified));
  }

  @Test
  void ifUnmodifiedSince() throws IOException {
    GetObjectRequest unmodified = request();
    unmodified.setUnmodifiedSinceConstraint(new Date(stored.getLastModified().getTime() + HOUR));
    assertThat(fetch(unmodified).body()).isEqualTo(CONTENT);

    GetObjectRequest modified = request();
    modified.setUnmodifiedSinceConstraint(new Date(stored.getLastModified().getTime() - HOUR));
    OssErrors.expect(
        "PreconditionFailed",
        "At least one of the pre-conditions you specified did not hold.",
        () -> oss.getObject(modified));
  }

  @Test
  void revalidatingWithTheReturnedValidatorsAnswersNotModified() throws IOException {
    // The usual cache flow: send back exactly the Last-Modified / ETag the server gave (whole
    // seconds, spec §0).
    GetObjectRequest sameTime = request();
    sameTime.setModifiedSinceConstraint(stored.getLastModified());
    OssErrors.expect("NotModified", () -> oss.getObject(sameTime));

    GetObjectRequest unmodifiedSameTime = request();
    unmodifiedSameTime.setUnmodifiedSinceConstraint(stored.getLastModified());
    assertThat(fetch(unmodifiedSameTime).body()).isEqualTo(CONTENT);

    // The SDK joins several ETags into one header; any of them may match.
    GetObjectRequest anyOf = request();
    anyOf.setMatchingETagConstraints(List.of(Payloads.EMPTY_ETAG, stored.getETag()));
    assertThat(fetch(anyOf).body()).isEqualTo(CONTENT);
  }

  @Test
  void conditionsApplyToHeadToo() {
    HeadObjectRequest mismatch = new HeadObjectRequest(bucket, KEY);
    mismatch.setMatchingETagConstraints(List.of(Payloads.EMPTY_ETAG));
    OssErrors.expect("PreconditionFailed", () -> oss.headObject(mismatch));

    HeadObjectRequest same = new HeadObjectRequest(bucket, KEY);
    same.setNonmatchingETagConstraints(List.of(stored.getETag()));
    OssErrors.expect("NotModified", () -> oss.headObject(same));

    HeadObjectRequest match = new HeadObjectRequest(bucket, KEY);
    match.setMatchingETagConstraints(List.of(stored.getETag()));
    assertThat(oss.headObject(match).getETag()).isEqualTo(stored.getETag());
  }

  @Test
  void responseHeaderOverridesReplaceStoredHeaders() throws IOException {
    ResponseHeaderOverrides overrides = new ResponseHeaderOverrides();
    overrides.setContentType("application/json");
    overrides.setContentDisposition("attachment; filename=\"d.json\"");
    overrides.setCacheControl("max-age=60");
    overrides.setContentEncoding("identity");
    overrides.setContentLangauge("fr-FR");
    overrides.setExpires("Thu, 01 Jan 2037 00:00:00 GMT");
    GetObjectRequest r = request();
    r.setResponseHeaders(overrides);

    ObjectMetadata meta = fetch(r).meta();
    assertThat(meta.getContentType()).isEqualTo("application/json");
    assertThat(meta.getContentDisposition()).isEqualTo("attachment; filename=\"d.json\"");
    assertThat(meta.getCacheControl()).isEqualTo("max-age=60");
    assertThat(meta.getContentEncoding()).isEqualTo("identity");
    assertThat(meta.getRawMetadata()).containsEntry("Content-Language", "fr-FR");
    assertThat(meta.getRawExpiresValue()).isEqualTo("Thu, 01 Jan 2037 00:00:00 GMT");
    // The stored object is unchanged.
    assertThat(oss.headObject(bucket, KEY).getContentType()).isEqualTo(stored.getContentType());
  }

  @Test
  void downloadToAFileIsCrcChecked() throws IOException {
    byte[] content = Payloads.random(3 << 20, 42);
    oss.putObject(bucket, "download.bin", Payloads.stream(content));
    File target = tmp.resolve("download.bin").toFile();

    ObjectMetadata meta = oss.getObject(new GetObjectRequest(bucket, "download.bin"), target);
    assertThat(meta.getServerCRC()).isEqualTo(Payloads.crc64(content));
    assertThat(meta.getETag()).isEqualTo(Payloads.etag(content));
    assertThat(Files.readAllBytes(target.toPath())).isEqualTo(content);
  }

  @Test
  void getCarriesTheObjectHeaders() throws IOException {
    Fetched f = fetch(request());
    assertThat(f.meta().getETag()).isEqualTo(Payloads.etag(CONTENT));
    assertThat(f.meta().getContentLength()).isEqualTo(CONTENT.length);
    assertThat(f.meta().getObjectType()).isEqualTo("Normal");
    assertThat(f.meta().getLastModified()).isEqualTo(stored.getLastModified());
    assertThat(f.meta().getServerCRC()).isEqualTo(Payloads.crc64(CONTENT));
    assertThat(f.meta().getRequestId()).matches(OssErrors.REQUEST_ID_SHAPE);
  }

  private GetObjectRequest request() {
    return new GetObjectRequest(bucket, KEY);
  }

  private Fetched fetch(GetObjectRequest r) throws IOException {
    try (OSSObject o = oss.getObject(r)) {
      return new Fetched(o.getObjectMetadata(), o.getObjectContent().readAllBytes());
    }
  }

  private record Fetched(ObjectMetadata meta, byte[] body) {}
}
