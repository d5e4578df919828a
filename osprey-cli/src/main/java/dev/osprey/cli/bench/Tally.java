package dev.osprey.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one bench thread saw: operations, bytes, latencies, errors by kind and failed checks. Only
 * its thread writes it; the progress line reads the atomic counters.
 */
final class Tally {
  private static final int KEPT_FAILURES = 20;

  final AtomicLong ops = new AtomicLong();
  final AtomicLong bytes = new AtomicLong();
  final AtomicLong errors = new AtomicLong();
  final AtomicLong checkFailures = new AtomicLong();
  final LatencyHistogram latency = new LatencyHistogram();
  final Map<String, Long> errorsByKind = new TreeMap<>();
  final List<String> failures = new ArrayList<>();
  long cpuNanos;

  void ok(long nanos, long payloadBytes) {
    latency.record(nanos);
    bytes.addAndGet(payloadBytes);
    ops.incrementAndGet();
  }

  /** An answer that was not the expected status: kind is {@code HTTP <status> <OSS code>}. */
  void error(Response r) {
    error("HTTP " + r.status + " " + r.ossCode());
  }

  void error(String kind) {
    errorsByKind.merge(kind, 1L, Long::sum);
    errors.incrementAndGet();
  }

  /** A wrong answer: a position, length or CRC-64 other than the one the bench expected. */
  void checkFailed(String what) {
    if (failures.size() < KEPT_FAILURES) {
      failures.add(what);
    }
    checkFailures.incrementAndGet();
  }

  void add(Tally other) {
    ops.addAndGet(other.ops.get());
    bytes.addAndGet(other.bytes.get());
    errors.addAndGet(other.errors.get());
    checkFailures.addAndGet(other.checkFailures.get());
    latency.add(other.latency);
    other.errorsByKind.forEach((k, v) -> errorsByKind.merge(k, v, Long::sum));
    for (String f : other.failures) {
      if (failures.size() < KEPT_FAILURES) {
        failures.add(f);
      }
    }
    cpuNanos += other.cpuNanos;
  }
}
