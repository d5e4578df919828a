package dev.osprey.junit;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import dev.osprey.storage.SyncMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * How long a test class waits for Osprey: from the launch of a class annotated {@link OspreyTest}
 * to its first test running with a client that has answered a request. The first launch in a JVM
 * pays for loading the server's classes (Netty, RocksDB); the following ones show a warm JVM.
 * Prints its figures (docs/benchmarks.md says how to run it alone).
 */
class StartupTimeTest {
  private static final int RUNS = 6;
  static volatile long firstTestAt;

  @Test
  void theFirstTestIsReadySoonAfterTheClassStarts() {
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      firstTestAt = 0;
      long launched = System.nanoTime();
      TestExecutionSummary summary = ScopesTest.run(Probe.class);
      assertThat(summary.getTestsSucceededCount()).as(ScopesTest.failures(summary)).isEqualTo(1);
      assertThat(firstTestAt).isGreaterThan(launched);
      millis.add((firstTestAt - launched) / 1e6);
    }
    List<Double> warm = millis.subList(1, RUNS).stream().sorted().toList();
    // Baseline of the same run: the bare server started by hand, and its first answer.
    List<Double> bare = new ArrayList<>();
    for (int i = 1; i < RUNS; i++) {
      long t0 = System.nanoTime();
      try (RunningOsprey r = RunningOsprey.start(SyncMode.NEVER)) {
        assertThat(r.client().listBuckets()).isEmpty();
        bare.add((System.nanoTime() - t0) / 1e6);
      }
    }
    bare.sort(null);
    System.out.printf(
        Locale.ROOT,
        "osprey-junit start-up, launch to first test ready: first %.0f ms; then median %.0f ms"
            + " (min %.0f, max %.0f) over %d runs; baseline, server started by hand to its first"
            + " answer: median %.0f ms (min %.0f, max %.0f)%n",
        millis.get(0),
        warm.get(warm.size() / 2),
        warm.get(0),
        warm.get(warm.size() - 1),
        warm.size(),
        bare.get(bare.size() / 2),
        bare.get(0),
        bare.get(bare.size() - 1));
  }

  @OspreyTest
  static class Probe {
    @Test
    void ready(OSS oss) {
      assertThat(oss.listBuckets()).isEmpty();
      firstTestAt = System.nanoTime();
    }
  }
}
