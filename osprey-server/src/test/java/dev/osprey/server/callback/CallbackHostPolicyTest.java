package dev.osprey.server.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallbackHostPolicyTest {
  private static InetAddress at(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void publicRefusesEveryInternalAddressInEitherFamily() {
    for (String internal :
        List.of(
            "127.0.0.1",
            "127.9.9.9",
            "0.0.0.0",
            "10.1.2.3",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "198.18.0.1",
            "224.0.0.1",
            "255.255.255.255",
            "::1",
            "::",
            "fe80::1",
            "fd00::1",
            "ff02::1",
            "::ffff:127.0.0.1",
            "::127.0.0.1",
            "64:ff9b::10.0.0.1",
            "2002:c0a8:0101::1",
            "2001:db8::1")) {
      assertThat(CallbackHostPolicy.PUBLIC.allowsAddress(at(internal))).as(internal).isFalse();
    }
    for (String external :
        List.of("8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2606:4700::1111")) {
      assertThat(CallbackHostPolicy.PUBLIC.allowsAddress(at(external))).as(external).isTrue();
    }
    assertThat(CallbackHostPolicy.PUBLIC.allowsName("localhost")).isFalse();
  }

  @Test
  void aListAddsNamesAddressesAndBlocksToPublicOnes() {
    CallbackHostPolicy p = CallbackHostPolicy.parse(" 127.0.0.1, App.Internal ,10.0.0.0/8,[::1]");
    assertThat(p.allowsAddress(at("127.0.0.1"))).isTrue();
    assertThat(p.allowsAddress(at("127.0.0.2"))).isFalse();
    assertThat(p.allowsAddress(at("10.200.3.4"))).isTrue();
    assertThat(p.allowsAddress(at("192.168.0.1"))).isFalse();
    assertThat(p.allowsAddress(at("::1"))).isTrue();
    assertThat(p.allowsAddress(at("8.8.8.8"))).as("public stays allowed").isTrue();
    assertThat(p.allowsName("app.internal")).isTrue();
    assertThat(p.allowsName("other.internal")).isFalse();
  }

  @Test
  void anyAllowsEverythingAndBadListsAreRefused() {
    assertThat(CallbackHostPolicy.parse("ANY").allowsAddress(at("127.0.0.1"))).isTrue();
    assertThat(CallbackHostPolicy.parse("public")).isSameAs(CallbackHostPolicy.PUBLIC);
    for (String bad : List.of("", " , ", "10.0.0.0/33", "a b", "host/8", "1.2.3.4/x")) {
      assertThatThrownBy(() -> CallbackHostPolicy.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
