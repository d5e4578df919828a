package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.ObjectMetadata;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Errors on large uploads: the server may answer before it has read the body. The SDK must still
 * get OSS's error (not a broken pipe), and the same client must keep working afterwards.
 */
@ParameterizedClass
@ValueSource(strings = {"V1", "V4"})
class EarlyErrorTest {
  private static final byte[] LARGE = Payloads.random(8 << 20, 99);

  @Parameter String version;

  private OSS oss;
  private String bucket;

  @BeforeEach
  void open() {
    oss = Clients.shared(version);
    bucket = Buckets.unique("early");
    oss.createBucket(bucket);
  }

  @AfterEach
  void close() {
    oss.shutdown();
  }

  @Test
  void largeUploadToAnAbsentBucket() throws IOException {
    OssErrors.expect(
        "NoSuchBucket",
        () -> oss.putObject(Buckets.unique("nobucket"), "k", Payloads.stream(LARGE)));
    stillWorks();
  }

  @Test
  void largeUploadWithKnownLengthToAnAbsentBucket() throws IOException {
    ObjectMetadata meta = new ObjectMetadata();
    meta.setContentLength(LARGE.length);
    OssErrors.expect(
        "NoSuchBucket",
        () -> oss.putObject(Buckets.unique("nobucket"), "k", Payloads.stream(LARGE), meta));
    stillWorks();
  }

  @Test
  void largeUploadWithAWrongDigest() throws IOException {
    ObjectMetadata meta = new ObjectMetadata();
    meta.setContentMD5(Payloads.contentMd5(new byte[0]));
    OssErrors.expect(
        "InvalidDigest", () -> oss.putObject(bucket, "k", Payloads.stream(LARGE), meta));
    assertThat(oss.doesObjectExist(bucket, "k")).isFalse();
    stillWorks();
  }

  @Test
  void largeOverwriteThatIsForbidden() throws IOException {
    oss.putObject(bucket, "k", Payloads.stream("original"));
    ObjectMetadata meta = new ObjectMetadata();
    meta.setHeader("x-oss-forbid-overwrite", "true");
    meta.setContentLength(LARGE.length);
    OssErrors.expect(
        "FileAlreadyExists", () -> oss.putObject(bucket, "k", Payloads.stream(LARGE), meta));
    stillWorks();
  }

  @Test
  void largeAnonymousUploadToAPrivateBucket() throws IOException {
    OSS anonymous = Clients.anonymous(version);
    try {
      OssErrors.expect(
          "AccessDenied", () -> anonymous.putObject(bucket, "k", Payloads.stream(LARGE)));
      assertThat(anonymous.doesBucketExist(Buckets.unique("nobucket"))).isFalse();
    } finally {
      anonymous.shutdown();
    }
    stillWorks();
  }

  private void stillWorks() throws IOException {
    oss.putObject(bucket, "after", Payloads.stream("fine"));
    try (var o = oss.getObject(bucket, "after")) {
      assertThat(o.getObjectContent().readAllBytes()).isEqualTo(Payloads.utf8("fine"));
    }
  }
}
