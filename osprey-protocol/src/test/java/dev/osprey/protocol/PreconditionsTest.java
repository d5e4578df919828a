package dev.osprey.protocol;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;

class PreconditionsTest {
  private static final String ETAG = "5B3C1A2E053D763E1B002CC607C5A0FE";
  private static final Instant MODIFIED = Instant.parse("2024-03-01T10:00:00Z");

  private static Instant parse(String s) {
    try {
      return ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static void check(String... headers) {
    Preconditions.check(Headers.of(headers), ETAG, MODIFIED, PreconditionsTest::parse);
  }

  private static void assertFails(OssErrorCode code, String... headers) {
    assertThatThrownBy(() -> check(headers))
        .isInstanceOfSatisfying(
            OssException.class,
            e -> org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo(code));
  }

  @Test
  void ifMatch() {
    assertThatCode(() -> check("If-Match", "\"" + ETAG + "\"")).doesNotThrowAnyException();
    assertThatCode(() -> check("If-Match", "*")).doesNotThrowAnyException();
    assertThatCode(() -> check("If-Match", "\"X\", \"" + ETAG.toLowerCase() + "\""))
        .doesNotThrowAnyException();
    assertFails(OssErrorCode.PRECONDITION_FAILED, "If-Match", "\"OTHER\"");
  }

  @Test
  void ifNoneMatch() {
    assertThatCode(() -> check("If-None-Match", "\"OTHER\"")).doesNotThrowAnyException();
    assertFails(OssErrorCode.NOT_MODIFIED, "If-None-Match", "\"" + ETAG + "\"");
  }

  @Test
  void ifModifiedSince() {
    assertThatCode(() -> check("If-Modified-Since", "Fri, 01 Mar 2024 09:59:59 GMT"))
        .doesNotThrowAnyException();
    assertFails(OssErrorCode.NOT_MODIFIED, "If-Modified-Since", "Fri, 01 Mar 2024 10:00:00 GMT");
    assertThatCode(() -> check("If-Modified-Since", "not a date")).doesNotThrowAnyException();
  }

  @Test
  void ifUnmodifiedSince() {
    assertThatCode(() -> check("If-Unmodified-Since", "Fri, 01 Mar 2024 10:00:00 GMT"))
        .doesNotThrowAnyException();
    assertFails(
        OssErrorCode.PRECONDITION_FAILED, "If-Unmodified-Since", "Fri, 01 Mar 2024 09:59:59 GMT");
  }

  @Test
  void ifMatchTakesPrecedenceOverIfUnmodifiedSince() {
    assertThatCode(
            () ->
                check(
                    "If-Match",
                    "\"" + ETAG + "\"",
                    "If-Unmodified-Since",
                    "Fri, 01 Mar 2024 09:00:00 GMT"))
        .doesNotThrowAnyException();
  }

  @Test
  void ifNoneMatchTakesPrecedenceOverIfModifiedSince() {
    assertThatCode(
            () ->
                check(
                    "If-None-Match",
                    "\"OTHER\"",
                    "If-Modified-Since",
                    "Fri, 01 Mar 2024 11:00:00 GMT"))
        .doesNotThrowAnyException();
  }
}
