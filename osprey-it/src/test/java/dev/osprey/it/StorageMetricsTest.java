package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.AppendObjectRequest;
import dev.osprey.server.OspreyServer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} beyond request counts: latency histograms by operation, append bytes, metadata
 * commit and blob fsync latencies, WAL syncs, and the objects and bytes stored (still right after a
 * restart, when they are counted afresh).
 */
class StorageMetricsTest {
  private static final String AK = "LTAIstorageMetrics00";
  private static final String SK = "storageMetricsSecret0123456789ab";

  @TempDir Path data;

  private OspreyServer start() throws Exception {
    return OspreyServer.builder()
        .port(0)
        .dataDir(data)
        .rootCredentials(AK, SK)
        .adminAddress("127.0.0.1", 0)
        .build()
        .start();
  }

  @Test
  void storageAndLatencyMetersAreScraped() throws Exception {
    try (OspreyServer server = start()) {
      OSS oss = Clients.sdk(server.endpoint(), "V1", AK, SK);
      oss.createBucket("metered");
      oss.putObject("metered", "a", new ByteArrayInputStream(new byte[100]));
      oss.putObject("metered", "b", new ByteArrayInputStream(new byte[50]));
      oss.putObject("metered", "b", new ByteArrayInputStream(new byte[30])); // replaces 50
      AppendObjectRequest first =
          new AppendObjectRequest("metered", "log", new ByteArrayInputStream(new byte[10]));
      first.setPosition(0L);
      oss.appendObject(first);
      AppendObjectRequest second =
          new AppendObjectRequest("metered", "log", new ByteArrayInputStream(new byte[7]));
      second.setPosition(10L);
      oss.appendObject(second); // a small append: the group-commit (tail) path
      oss.deleteObject("metered", "a");
      oss.shutdown();

      Map<String, Double> m = scrape(server);
      assertThat(m.get("osprey_stored_objects")).isEqualTo(2.0); // b and log
      assertThat(m.get("osprey_stored_bytes")).isEqualTo(30.0 + 17.0);
      assertThat(m.get("osprey_append_bytes_total")).isEqualTo(17.0);
      // A histogram per operation: cumulative buckets up to +Inf, which holds every request.
      assertThat(
              m.get(
                  "osprey_requests_seconds_bucket{operation=\"PutObject\",status=\"2xx\",le=\"+Inf\"}"))
          .isEqualTo(3.0);
      assertThat(
              m.get(
                  "osprey_requests_seconds_bucket{operation=\"PutObject\",status=\"2xx\",le=\"10.0\"}"))
          .isEqualTo(3.0);
      assertThat(m.get("osprey_requests_seconds_count{operation=\"AppendObject\",status=\"2xx\"}"))
          .isEqualTo(2.0);
      // put a, put b twice, two appends, delete: six object commits, each one object.
      assertThat(m.get("osprey_metadata_commit_seconds_count")).isEqualTo(6.0);
      assertThat(m.get("osprey_metadata_commit_objects_count")).isEqualTo(6.0);
      assertThat(m.get("osprey_metadata_commit_objects_sum")).isEqualTo(6.0);
      assertThat(m.get("osprey_metadata_commit_seconds_bucket{le=\"+Inf\"}")).isEqualTo(6.0);
      // Three PUTs and the append that created "log" each wrote and fsynced a blob.
      assertThat(m.get("osprey_blob_sync_seconds_count")).isGreaterThanOrEqualTo(4.0);
      assertThat(m.get("osprey_wal_syncs_total")).isPositive();
      assertThat(m.get("osprey_wal_writes_total"))
          .isGreaterThanOrEqualTo(m.get("osprey_wal_syncs_total"));
      assertThat(m.get("osprey_wal_sync_seconds_total")).isPositive();
    }
    try (OspreyServer restarted = start()) {
      Map<String, Double> m = scrape(restarted);
      assertThat(m.get("osprey_stored_objects")).isEqualTo(2.0);
      assertThat(m.get("osprey_stored_bytes")).isEqualTo(47.0);
    }
  }

  /** Each sample of the Prometheus text format: {@code name{labels}} to its value. */
  static Map<String, Double> scrape(OspreyServer server) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(server.adminEndpoint() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    Map<String, Double> samples = new HashMap<>();
    for (String line : r.body().split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
    }
    return samples;
  }
}
