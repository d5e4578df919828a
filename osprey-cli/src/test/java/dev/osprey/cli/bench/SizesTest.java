package dev.osprey.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class SizesTest {
  private final Sizes sizes = new Sizes();

  @Test
  void binaryAndDecimalSuffixes() {
    assertThat(sizes.convert("1024")).isEqualTo(1024);
    assertThat(sizes.convert("1KiB")).isEqualTo(1024);
    assertThat(sizes.convert("8MiB")).isEqualTo(8 << 20);
    assertThat(sizes.convert("1GiB")).isEqualTo(1 << 30);
    assertThat(sizes.convert("4KB")).isEqualTo(4000);
    assertThat(sizes.convert("10B")).isEqualTo(10);
  }

  @Test
  void nonsenseIsRefused() {
    assertThatThrownBy(() -> sizes.convert("lots")).isInstanceOf(TypeConversionException.class);
    assertThatThrownBy(() -> sizes.convert("0")).isInstanceOf(TypeConversionException.class);
    assertThatThrownBy(() -> sizes.convert("4GiB")).isInstanceOf(TypeConversionException.class);
  }

  @Test
  void formatting() {
    assertThat(Sizes.format(1024)).isEqualTo("1 KiB");
    assertThat(Sizes.format(1 << 20)).isEqualTo("1 MiB");
    assertThat(Sizes.format(1000)).isEqualTo("1000 B");
  }
}
