package dev.osprey.cli.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The end-of-run report of a workload, as text for people or one JSON document. */
final class Report {
  private static final double[] QUANTILES = {0.5, 0.9, 0.99, 0.999};
  private static final String[] QUANTILE_NAMES = {"p50", "p90", "p99", "p99.9"};

  private Report() {}

  /** What the run was, for the report's first line. */
  record RunInfo(String workload, String endpoint, String signature, int objects, int size) {}

  /**
   * The {@code tail} workload's delivery latency: from the writer having its append's answer to the
   * follower having the bytes, beside the appends' own latency.
   *
   * @param latency one sample per append the follower received during the run
   * @param readerFirst samples where the follower had the bytes first (counted as 0)
   */
  record Delivery(LatencyHistogram latency, long readerFirst) {}

  /** {@code delivery} is null but for the {@code tail} workload. */
  static String text(RunInfo info, LoadLoop.Measurement m, int exitCode, Delivery delivery) {
    Tally t = m.total();
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "osprey bench %s: %s, %d connections, %d objects of %s, signature %s, %.1f s%n",
            info.workload(),
            info.endpoint(),
            m.threads(),
            info.objects(),
            Sizes.format(info.size()),
            info.signature(),
            m.elapsedNanos() / 1e9));
    sb.append(String.format(Locale.ROOT, "  ops        %d%n", t.ops.get()));
    sb.append(String.format(Locale.ROOT, "  ops/s      %.1f%n", m.opsPerSecond()));
    sb.append(String.format(Locale.ROOT, "  MB/s       %.2f%n", m.megabytesPerSecond()));
    sb.append("  latency   ");
    for (int i = 0; i < QUANTILES.length; i++) {
      sb.append(' ')
          .append(QUANTILE_NAMES[i])
          .append(' ')
          .append(ms(t.latency.quantile(QUANTILES[i])));
    }
    sb.append(" max ").append(ms(t.latency.max())).append(" (ms)\n");
    if (delivery != null) {
      LatencyHistogram d = delivery.latency();
      sb.append("  delivery  ");
      for (int i = 0; i < QUANTILES.length; i++) {
        sb.append(' ').append(QUANTILE_NAMES[i]).append(' ').append(ms(d.quantile(QUANTILES[i])));
      }
      sb.append(" max ").append(ms(d.max())).append(" (ms, acknowledged → follower has it)\n");
      sb.append(
          String.format(
              Locale.ROOT,
              "             %d appends followed, %d reached the follower before their writer%n",
              d.count(),
              delivery.readerFirst()));
    }
    sb.append(String.format(Locale.ROOT, "  errors     %d%n", t.errors.get()));
    for (Map.Entry<String, Long> e : t.errorsByKind.entrySet()) {
      sb.append(String.format(Locale.ROOT, "    %-40s %d%n", e.getKey(), e.getValue()));
    }
    long failed = t.checkFailures.get();
    sb.append("  checks     ").append(failed == 0 ? "passed" : "FAILED: " + failed).append('\n');
    for (String f : t.failures) {
      sb.append("    ").append(f).append('\n');
    }
    for (String s : m.setupErrors()) {
      sb.append("  setup      ").append(s).append('\n');
    }
    sb.append(cpuText(m)).append('\n');
    sb.append("  exit code  ").append(exitCode).append('\n');
    return sb.toString();
  }

  private static String cpuText(LoadLoop.Measurement m) {
    long ops = Math.max(1, m.total().ops.get());
    return String.format(
        Locale.ROOT,
        "  client CPU bench threads %.2f s (%.1f µs/op); process %.2f s (%.1f µs/op) over %.1f s"
            + " on %d cores",
        m.total().cpuNanos / 1e9,
        m.total().cpuNanos / 1e3 / ops,
        m.processCpuNanos() / 1e9,
        m.processCpuNanos() / 1e3 / ops,
        m.elapsedNanos() / 1e9,
        Runtime.getRuntime().availableProcessors());
  }

  static String json(RunInfo info, LoadLoop.Measurement m, int exitCode, Delivery delivery) {
    JsonWriter j = new JsonWriter().beginObject();
    j.field("workload", info.workload())
        .field("endpoint", info.endpoint())
        .field("signature", info.signature())
        .field("concurrent", m.threads())
        .field("objects", info.objects())
        .field("sizeBytes", info.size());
    measurement(j, m);
    if (delivery != null) {
      LatencyHistogram d = delivery.latency();
      j.name("deliveryMs").beginObject();
      for (int i = 0; i < QUANTILES.length; i++) {
        j.field(QUANTILE_NAMES[i], d.quantile(QUANTILES[i]) / 1e6);
      }
      j.field("max", d.max() / 1e6)
          .field("count", d.count())
          .field("readerFirst", delivery.readerFirst())
          .endObject();
    }
    j.field("exitCode", exitCode);
    return j.endObject().toString();
  }

  /** The fields of one measurement, inside an open object. */
  static void measurement(JsonWriter j, LoadLoop.Measurement m) {
    Tally t = m.total();
    long ops = Math.max(1, t.ops.get());
    j.field("seconds", m.elapsedNanos() / 1e9)
        .field("ops", t.ops.get())
        .field("opsPerSecond", m.opsPerSecond())
        .field("megabytesPerSecond", m.megabytesPerSecond());
    j.name("latencyMs").beginObject();
    for (int i = 0; i < QUANTILES.length; i++) {
      j.field(QUANTILE_NAMES[i], t.latency.quantile(QUANTILES[i]) / 1e6);
    }
    j.field("max", t.latency.max() / 1e6).endObject();
    j.name("errors").beginObject().field("total", t.errors.get());
    j.name("byKind").beginObject();
    t.errorsByKind.forEach((k, v) -> j.field(k, v));
    j.endObject().endObject();
    j.name("checks").beginObject().field("passed", t.checkFailures.get() == 0);
    j.field("failed", t.checkFailures.get());
    strings(j.name("failures"), t.failures);
    j.endObject();
    strings(j.name("setupErrors"), m.setupErrors());
    j.name("clientCpu")
        .beginObject()
        .field("benchThreadSeconds", t.cpuNanos / 1e9)
        .field("benchThreadMicrosPerOp", t.cpuNanos / 1e3 / ops)
        .field("processSeconds", m.processCpuNanos() / 1e9)
        .field("processMicrosPerOp", m.processCpuNanos() / 1e3 / ops)
        .field("cores", Runtime.getRuntime().availableProcessors())
        .endObject();
  }

  private static void strings(JsonWriter j, List<String> values) {
    j.beginArray();
    values.forEach(j::value);
    j.endArray();
  }

  static String ms(long nanos) {
    return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
  }
}
