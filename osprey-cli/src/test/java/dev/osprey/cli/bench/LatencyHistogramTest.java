package dev.osprey.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
  @Test
  void quantilesAreWithinTheBucketPrecision() {
    LatencyHistogram h = new LatencyHistogram();
    for (long v = 1; v <= 100_000; v++) {
      h.record(v * 1000); // 1 µs .. 100 ms
    }
    assertThat(h.count()).isEqualTo(100_000);
    assertThat((double) h.quantile(0.5)).isCloseTo(50_000_000, within(50_000_000 * 0.02));
    assertThat((double) h.quantile(0.99)).isCloseTo(99_000_000, within(99_000_000 * 0.02));
    assertThat(h.quantile(1.0)).isEqualTo(h.max()).isEqualTo(100_000_000);
  }

  @Test
  void mergedHistogramsCountBoth() {
    LatencyHistogram a = new LatencyHistogram();
    LatencyHistogram b = new LatencyHistogram();
    a.record(10);
    b.record(1_000_000_000L);
    a.add(b);
    assertThat(a.count()).isEqualTo(2);
    assertThat(a.quantile(0.5)).isEqualTo(10);
    assertThat(a.max()).isEqualTo(1_000_000_000L);
  }

  @Test
  void anEmptyHistogramSaysZero() {
    assertThat(new LatencyHistogram().quantile(0.99)).isZero();
  }
}
