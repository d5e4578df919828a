package dev.osprey.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WildcardTest {
  @ParameterizedTest(name = "{0} ~ {1} = {2}")
  @CsvSource({
    "*, anything, true",
    "*, '', true",
    "oss:Get*, oss:GetObject, true",
    "oss:Get*, oss:PutObject, false",
    "acs:oss:*:*:b/logs/*, acs:oss:cn-hangzhou:1:b/logs/x/y, true",
    "acs:oss:*:*:b/logs/*, acs:oss:cn-hangzhou:1:b/logsx, false",
    "acs:oss:*:*:b, acs:oss:cn-hangzhou:1:b/k, false",
    "a?c, abc, true",
    "a?c, ac, false",
    "*a*a*a*b, aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac, false",
    "ABC, abc, false"
  })
  void matches(String pattern, String text, boolean expected) {
    assertThat(Wildcard.matches(pattern, text, false)).isEqualTo(expected);
  }
}
