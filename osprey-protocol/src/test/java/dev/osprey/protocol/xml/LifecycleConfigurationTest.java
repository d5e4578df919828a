package dev.osprey.protocol.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.StorageClass;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LifecycleConfigurationTest {
  private static LifecycleConfiguration parse(String xml) {
    return LifecycleConfiguration.parse(xml.getBytes(StandardCharsets.UTF_8));
  }

  /** The PutBucketLifecycle page's example body, in the Java SDK's element order. */
  @Test
  void parsesTheDocumentedExample() {
    LifecycleConfiguration c =
        parse(
            "<LifecycleConfiguration><Rule><ID>rule</ID><Prefix>log/</Prefix>"
                + "<Tag><Key>k</Key><Value>v</Value></Tag><Status>Enabled</Status>"
                + "<Expiration><Days>90</Days></Expiration>"
                + "<AbortMultipartUpload><Days>30</Days></AbortMultipartUpload>"
                + "<Transition><Days>30</Days><StorageClass>IA</StorageClass></Transition>"
                + "<Transition><Days>60</Days><StorageClass>Archive</StorageClass></Transition>"
                + "<NoncurrentVersionExpiration><NoncurrentDays>5</NoncurrentDays>"
                + "</NoncurrentVersionExpiration>"
                + "<NoncurrentVersionTransition><NoncurrentDays>3</NoncurrentDays>"
                + "<StorageClass>IA</StorageClass></NoncurrentVersionTransition>"
                + "</Rule><Rule><ID>old</ID><Prefix></Prefix><Status>Disabled</Status>"
                + "<Expiration><CreatedBeforeDate>2002-10-11T00:00:00.000Z</CreatedBeforeDate>"
                + "</Expiration></Rule><Rule><Prefix>m/</Prefix><Status>Enabled</Status>"
                + "<Expiration><ExpiredObjectDeleteMarker>true</ExpiredObjectDeleteMarker>"
                + "</Expiration></Rule></LifecycleConfiguration>");
    assertThat(c.rules()).hasSize(3);
    LifecycleConfiguration.Rule r = c.rules().get(0);
    assertThat(r.expiration().days()).isEqualTo(90);
    assertThat(r.abortMultipartUpload().days()).isEqualTo(30);
    assertThat(r.transitions())
        .extracting(t -> t.storageClass())
        .containsExactly(StorageClass.IA, StorageClass.ARCHIVE);
    assertThat(r.noncurrentExpirationDays()).isEqualTo(5);
    assertThat(r.noncurrentTransitions()).hasSize(1);
    assertThat(r.appliesTo("log/a", Map.of("k", "v"))).isTrue();
    assertThat(r.appliesTo("log/a", Map.of())).isFalse();
    assertThat(r.appliesTo("data/a", Map.of("k", "v"))).isFalse();
    LifecycleConfiguration.Rule old = c.rules().get(1);
    assertThat(old.expiration().before()).isEqualTo(Instant.parse("2002-10-11T00:00:00Z"));
    assertThat(old.appliesTo("anything", Map.of())).as("disabled").isFalse();
    assertThat(c.rules().get(2).expiredObjectDeleteMarker()).isTrue();
    assertThat(c.rules().get(2).expiration()).isNull();
  }

  @Test
  void refusesWhatOssRefuses() {
    assertError(
        "<LifecycleConfiguration><Rule><Prefix/><Status>Enabled</Status></Rule>"
            + "</LifecycleConfiguration>",
        OssErrorCode.INVALID_ARGUMENT); // no action
    assertError(
        "<LifecycleConfiguration><Rule><Prefix/><Status>Enabled</Status>"
            + "<Expiration><Days>0</Days></Expiration></Rule></LifecycleConfiguration>",
        OssErrorCode.INVALID_ARGUMENT);
    assertError(
        "<LifecycleConfiguration><Rule><ID>a</ID><Status>Enabled</Status><Expiration><Days>1"
            + "</Days></Expiration></Rule><Rule><ID>a</ID><Status>Enabled</Status><Expiration>"
            + "<Days>2</Days></Expiration></Rule></LifecycleConfiguration>",
        OssErrorCode.INVALID_ARGUMENT);
    assertError(
        "<LifecycleConfiguration><Rule><Status>On</Status></Rule></LifecycleConfiguration>",
        OssErrorCode.MALFORMED_XML);
    assertError("<LifecycleConfiguration/>", OssErrorCode.MALFORMED_XML);
    assertError(
        "<LifecycleConfiguration><Rule><Status>Enabled</Status><Transition><Days>1</Days>"
            + "<StorageClass>Hot</StorageClass></Transition></Rule></LifecycleConfiguration>",
        OssErrorCode.INVALID_ARGUMENT);
  }

  private static void assertError(String xml, OssErrorCode code) {
    assertThatThrownBy(() -> parse(xml))
        .as(xml)
        .isInstanceOfSatisfying(OssException.class, e -> assertThat(e.code()).isEqualTo(code));
  }
}
