package dev.osprey.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class Utf8OrderTest {
  @Test
  void comparesLikeUtf8Bytes() {
    List<String> samples =
        List.of("", "a", "a/", "ab", "\uFFFD", "\uD83D\uDE00", "\u00E9", "z", "\uE000", "a\u0000");
    for (String x : samples) {
      for (String y : samples) {
        int bytes =
            Arrays.compareUnsigned(
                x.getBytes(StandardCharsets.UTF_8), y.getBytes(StandardCharsets.UTF_8));
        assertThat(Integer.signum(Utf8Order.compare(x, y)))
            .as("%s vs %s", x, y)
            .isEqualTo(Integer.signum(bytes));
      }
    }
  }

  @Test
  void successorOfPrefixSortsAfterEveryExtension() {
    assertThat(Utf8Order.successorOfPrefix("photos/")).isEqualTo("photos0");
    String weird = "x\uD7FF";
    assertThat(Utf8Order.successorOfPrefix(weird)).isEqualTo("x\uE000");
    String max = "y" + Character.toString(Character.MAX_CODE_POINT);
    assertThat(Utf8Order.successorOfPrefix(max)).isEqualTo("z");
    assertThat(Utf8Order.successorOfPrefix(Character.toString(Character.MAX_CODE_POINT))).isNull();
    String next = Utf8Order.successorOfPrefix("a/");
    for (String ext :
        List.of(
            "", "x", "\uD83D\uDE00\uD83D\uDE00", Character.toString(Character.MAX_CODE_POINT))) {
      assertThat(Utf8Order.compare("a/" + ext, next)).isNegative();
    }
  }

  @Test
  void commonPrefixRollsUpAtTheFirstDelimiterAfterThePrefix() {
    assertThat(ObjectLister.commonPrefix("a/b/c", "", "/")).isEqualTo("a/");
    assertThat(ObjectLister.commonPrefix("a/b/c", "a/", "/")).isEqualTo("a/b/");
    assertThat(ObjectLister.commonPrefix("a/b", "a/", "/")).isNull();
    assertThat(ObjectLister.commonPrefix("x--y--z", "x", "--")).isEqualTo("x--");
  }
}
