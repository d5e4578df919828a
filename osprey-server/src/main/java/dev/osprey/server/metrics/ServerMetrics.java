package dev.osprey.server.metrics;

import dev.osprey.server.access.AccessLog;
import dev.osprey.server.api.CompletedRequest;
import dev.osprey.server.api.OssResponse;
import dev.osprey.storage.StorageListener;
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
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * What Osprey measures about itself, exposed in Prometheus's text format: requests by OSS operation
 * and status class with their latency histogram, bytes received and sent, bytes appended, requests
 * in flight, storage ({@link StorageMeters}), and the JVM's own meters. Each answered request also
 * goes to the access log.
 */
public final class ServerMetrics implements AutoCloseable {
  /** Request latency buckets: a cached GET takes well under a millisecond, a big PUT seconds. */
  private static final Duration[] LATENCY_BUCKETS = {
    Duration.ofNanos(250_000),
    Duration.ofNanos(500_000),
    Duration.ofMillis(1),
    Duration.ofNanos(2_500_000),
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2_500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10)
  };

  private static final String APPEND_OBJECT = "AppendObject";

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final Counter bytesReceived;
  private final Counter bytesSent;
  private final Counter appendedBytes;
  private final StorageMeters storage;
  private final AccessLog accessLog;
  private volatile Consumer<CompletedRequest> requestListener = done -> {};
  private final String syncMode;

  /**
   * @param inFlight requests received and not yet answered
   * @param syncMode the durability mode ({@code always}, {@code never}), shown as a gauge and on
   *     {@code /health}
   * @param accessLog where each answered request is written
   */
  public ServerMetrics(IntSupplier inFlight, String syncMode, AccessLog accessLog) {
    this.syncMode = syncMode;
    this.accessLog = accessLog;
    this.storage = new StorageMeters(registry);
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
    appendedBytes =
        Counter.builder("osprey.append.bytes")
            .description("Bytes appended by successful AppendObject requests")
            .baseUnit("bytes")
            .register(registry);
  }

  /** What storage reports to (commit and sync latencies, WAL syncs, objects and bytes stored). */
  public StorageListener storageListener() {
    return storage;
  }

  /** Records one answered request in the meters and writes its access log line. */
  public void completed(CompletedRequest done) {
    OssResponse response = done.response();
    request(response.operation(), response.status(), done.elapsed());
    bytes(done.bytesIn(), done.bytesOut());
    if (response.status() == 200 && APPEND_OBJECT.equals(response.operation())) {
      appendedBytes.increment(done.bytesIn());
    }
    accessLog.log(done);
    requestListener.accept(done);
  }

  /**
   * Hands every answered request, after the meters and the access log, to {@code listener} (bucket
   * logging, which can only start once storage is open); it must be cheap and must not throw.
   */
  public void onCompleted(Consumer<CompletedRequest> listener) {
    this.requestListener = listener;
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
        .serviceLevelObjectives(LATENCY_BUCKETS)
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
