package dev.osprey.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContentMd5Test {
  private static final byte[] BODY = "hello".getBytes(StandardCharsets.UTF_8);
  // MD5("hello") = 5d41402abc4b2a76b9719d911017c592
  private static final String HEADER = "XUFAKrxLKna5cZ2REBfFkg==";

  @Test
  void absentHeaderChecksNothing() {
    assertThat(ContentMd5.parse(null)).isNull();
    assertThatCode(() -> ContentMd5.verify((String) null, BODY)).doesNotThrowAnyException();
  }

  @Test
  void matchingDigestPasses() {
    assertThat(ContentMd5.parse(HEADER)).hasSize(16);
    assertThatCode(() -> ContentMd5.verify(HEADER, BODY)).doesNotThrowAnyException();
  }

  @Test
  void otherBodyIsInvalidDigest() {
    assertThatThrownBy(() -> ContentMd5.verify(HEADER, "hellO".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            OssException.class, e -> assertThat(e.code()).isEqualTo(OssErrorCode.INVALID_DIGEST));
  }

  @ParameterizedTest
  @ValueSource(strings = {"not base64!", "AAAA", "XUFAKrxLKna5cZ2REBfFkgAA"})
  void malformedHeaderIsInvalidDigestBeforeAnyBody(String header) {
    assertThatThrownBy(() -> ContentMd5.parse(header))
        .isInstanceOfSatisfying(
            OssException.class, e -> assertThat(e.code()).isEqualTo(OssErrorCode.INVALID_DIGEST));
  }
}
