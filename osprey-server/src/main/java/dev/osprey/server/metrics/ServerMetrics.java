package dev.osprey.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * What Osprey measures about itself, exposed in Prometheus's text format: requests by OSS operation
 * and status class, their latency, bytes received and sent, requests in flight, and the JVM's own
 * meters.
 */
public final class ServerMetrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final Counter bytesReceived;
  private final Counter bytesSent;
  private final String syncMode;

  /**
   * @param inFlight requests received and not yet answered
   * @param syncMode the durability mode ({@code always}, {@code never}), shown as a gauge and on
   *     {@code /health}
   */
  public ServerMetrics(IntSupplier inFlight, String syncMode) {
    this.syncMode = syncMode;
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    gc.bindTo(registry);
    Gauge.builder("osprey.requests.in.flight", inFlight::getAsInt)
        .description("Requests received and not yet answered")
        .register(registry);
    Gauge.builder("osprey.sync.durable", () -> "always".equals(syncMode) ? 1 : 0)
        .description("1 when every acknowledged write is fsynced (--sync always), else 0")
        .tag("mode", syncMode)
        .register(registry);
    bytesReceived =
        Counter.builder("osprey.request.body.bytes")
            .description("Request body bytes received")
            .baseUnit("bytes")
            .register(registry);
    bytesSent =
        Counter.builder("osprey.response.body.bytes")
            .description("Response body bytes announced (Content-Length)")
            .baseUnit("bytes")
            .register(registry);
  }

  /**
   * Records one answered request.
   *
   * @param operation the OSS API name (e.g. {@code AppendObject}), or {@code Unrouted} when the
   *     request did not parse
   * @param status the HTTP status sent
   * @param elapsed from the request head to the response being handed to the connection
   */
  public void request(String operation, int status, Duration elapsed) {
    Timer.builder("osprey.requests")
        .description("Requests by OSS operation and HTTP status class")
        .tag("operation", operation)
        .tag("status", (status / 100) + "xx")
        .publishPercentileHistogram(false)
        .register(registry)
        .record(elapsed);
  }

  public void bytes(long received, long sent) {
    if (received > 0) {
      bytesReceived.increment(received);
    }
    if (sent > 0) {
      bytesSent.increment(sent);
    }
  }

  /** The durability mode the server runs with ({@code always} or {@code never}). */
  public String syncMode() {
    return syncMode;
  }

  /** The Prometheus text exposition of every meter. */
  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
