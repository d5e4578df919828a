package dev.osprey.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class HttpDatesTest {
  private static final Instant T = Instant.parse("1994-11-06T08:49:37Z");

  @Test
  void formatsRfc1123WithPaddedDayInEnglishGmt() {
    assertThat(HttpDates.formatRfc1123(T)).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
    assertThat(HttpDates.formatRfc1123(Instant.parse("2005-11-17T18:49:58.999Z")))
        .isEqualTo("Thu, 17 Nov 2005 18:49:58 GMT");
  }

  @Test
  void parsesRfc1123AndObsoleteForms() {
    assertThat(HttpDates.parseRfc1123("Sun, 06 Nov 1994 08:49:37 GMT")).isEqualTo(T);
    assertThat(HttpDates.parseRfc1123("Sun, 6 Nov 1994 08:49:37 GMT")).isEqualTo(T);
    assertThat(HttpDates.parseRfc1123("Sunday, 06-Nov-94 08:49:37 GMT")).isEqualTo(T);
    assertThat(HttpDates.parseRfc1123("Sun Nov  6 08:49:37 1994")).isEqualTo(T);
    assertThat(HttpDates.parseRfc1123(HttpDates.formatRfc1123(T))).isEqualTo(T);
  }

  @Test
  void unparseableHttpDatesGiveNull() {
    assertThat(HttpDates.parseRfc1123(null)).isNull();
    assertThat(HttpDates.parseRfc1123("")).isNull();
    assertThat(HttpDates.parseRfc1123("yesterday")).isNull();
    assertThat(HttpDates.parseRfc1123("20231216T162057Z")).isNull();
    assertThat(HttpDates.parseRfc1123("Sun, 31 Feb 1994 08:49:37 GMT")).isNull();
  }

  @Test
  void formatsIso8601InWholeSecondsWithMillisField() {
    assertThat(HttpDates.formatIso8601(Instant.parse("2012-02-24T08:43:07Z")))
        .isEqualTo("2012-02-24T08:43:07.000Z");
    assertThat(HttpDates.formatIso8601(Instant.parse("2012-02-24T08:43:07.123456Z")))
        .isEqualTo("2012-02-24T08:43:07.000Z");
  }

  @Test
  void parsesIso8601Basic() {
    assertThat(HttpDates.parseIso8601Basic("20231216T162057Z"))
        .isEqualTo(Instant.ofEpochSecond(1702743657));
    assertThat(HttpDates.formatIso8601Basic(Instant.ofEpochSecond(1702743657)))
        .isEqualTo("20231216T162057Z");
    assertThat(HttpDates.parseIso8601Basic("2023-12-16T16:20:57Z")).isNull();
    assertThat(HttpDates.parseIso8601Basic("20231316T162057Z")).isNull();
    assertThat(HttpDates.parseIso8601Basic("20231216T162057")).isNull();
    assertThat(HttpDates.parseIso8601Basic(null)).isNull();
  }
}
