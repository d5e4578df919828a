package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad credentials as the SDK reports them, for both signature versions (spec §4.2, §5). */
@ParameterizedClass
@ValueSource(strings = {"V1", "V4"})
class AuthErrorsTest {
  private static final String SIGNATURE_MESSAGE =
      "The request signature we calculated does not match the signature you provided. Check your key and signing"
          + " method.";
  private static final String UNKNOWN_KEY_MESSAGE =
      "The OSS Access Key Id you provided does not exist in our records.";

  @Parameter String version;

  private OSS owner;
  private String bucket;

  @BeforeEach
  void open() {
    owner = Clients.shared(version);
    bucket = Buckets.unique("auth");
    owner.createBucket(bucket);
    owner.putObject(bucket, "k", Payloads.stream("k"));
  }

  @AfterEach
  void close() {
    owner.shutdown();
  }

  @Test
  void wrongSecretIsSignatureDoesNotMatch() {
    OSS wrong =
        Clients.sdk(
            SharedServer.get().endpoint(),
            version,
            SharedServer.ACCESS_KEY_ID,
            SharedServer.ACCESS_KEY_SECRET + "x");
    try {
      OSSException e =
          OssErrors.expect("SignatureDoesNotMatch", SIGNATURE_MESSAGE, () -> wrong.listBuckets());
      assertThat(e.getEC()).isEqualTo("0002-00000040");
      OssErrors.expect(
          "SignatureDoesNotMatch", SIGNATURE_MESSAGE, () -> wrong.getObject(bucket, "k"));
      OssErrors.expect(
          "SignatureDoesNotMatch",
          SIGNATURE_MESSAGE,
          () -> wrong.putObject(bucket, "new", Payloads.stream("x")));
      OssErrors.expect(
          "SignatureDoesNotMatch", SIGNATURE_MESSAGE, () -> wrong.headObject(bucket, "k"));
    } finally {
      wrong.shutdown();
    }
  }

  @Test
  void unknownKeyIsInvalidAccessKeyId() {
    OSS unknown =
        Clients.sdk(
            SharedServer.get().endpoint(), version, "LTAIunknownKey000000", "whatever-secret");
    try {
      OssErrors.expect("InvalidAccessKeyId", UNKNOWN_KEY_MESSAGE, () -> unknown.listBuckets());
      OssErrors.expect(
          "InvalidAccessKeyId", UNKNOWN_KEY_MESSAGE, () -> unknown.getObject(bucket, "k"));
      OssErrors.expect(
          "InvalidAccessKeyId", UNKNOWN_KEY_MESSAGE, () -> unknown.headObject(bucket, "k"));
    } finally {
      unknown.shutdown();
    }
  }
}
