package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import dev.osprey.server.OspreyServer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operators' listener: Prometheus metrics by OSS operation, and a health check. */
class MetricsTest {
  @TempDir Path data;

  @Test
  void requestsAreCountedByOperationAndStatusClass() throws Exception {
    try (OspreyServer server =
        OspreyServer.builder()
            .port(0)
            .dataDir(data)
            .rootCredentials("LTAImetricsKey000000", "metricsSecret0123456789abcdefgh")
            .adminAddress("127.0.0.1", 0)
            .build()
            .start()) {
      OSS oss =
          Clients.sdk(
              server.endpoint(), "V1", "LTAImetricsKey000000", "metricsSecret0123456789abcdefgh");
      oss.createBucket("metered");
      for (int i = 0; i < 3; i++) {
        oss.putObject("metered", "k" + i, new ByteArrayInputStream(new byte[100]));
      }
      try {
        oss.getObject("metered", "absent");
      } catch (OSSException expected) {
        assertThat(expected.getErrorCode()).isEqualTo("NoSuchKey");
      }
      oss.shutdown();

      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> metrics =
          http.send(
              HttpRequest.newBuilder(URI.create(server.adminEndpoint() + "/metrics")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body())
          .contains("osprey_requests_seconds_count{operation=\"PutObject\",status=\"2xx\"} 3")
          .contains("osprey_requests_seconds_count{operation=\"GetObject\",status=\"4xx\"} 1")
          .contains("osprey_requests_seconds_count{operation=\"PutBucket\",status=\"2xx\"} 1")
          .contains("osprey_request_body_bytes_total 300")
          .contains("osprey_requests_in_flight")
          .contains("jvm_memory_used_bytes");

      HttpResponse<String> health =
          http.send(
              HttpRequest.newBuilder(URI.create(server.adminEndpoint() + "/health")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).isEqualTo("ok\nsync: always\n");
    }
  }
}
