package dev.osprey.auth.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpRangeTest {
  @ParameterizedTest(name = "{0} in {1} = {2}")
  @CsvSource({
    "127.0.0.1, 127.0.0.1, true",
    "127.0.0.0/8, 127.8.9.1, true",
    "10.0.0.0/8, 127.0.0.1, false",
    "192.168.1.0/25, 192.168.1.127, true",
    "192.168.1.0/25, 192.168.1.128, false",
    "0.0.0.0/0, 8.8.8.8, true",
    "::1/128, ::1, true",
    "2001:db8::/32, 2001:db8:1::5, true",
    "2001:db8::/32, 127.0.0.1, false",
    "127.0.0.0/8, ::ffff:127.0.0.1, true",
    "127.0.0.1, not-an-ip, false"
  })
  void ipRanges(String range, String address, boolean expected) {
    assertThat(IpRange.parse(range).contains(address)).isEqualTo(expected);
  }
}
