package dev.osprey.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The example of docs/append.md ("From Java: osprey-client"), as written there. */
class DocExampleTest {
  @Test
  void theExampleOfAppendMdWorksAsWritten() throws Exception {
    OSS oss = TestServer.client(TestServer.shared().endpoint());
    String bucket = TestServer.uniqueBucket("logs");
    oss.createBucket(bucket);
    long acknowledged;
    try (AppendWriter log =
            AppendWriter.builder(oss, bucket, "app.log")
                .batchSize(256 * 1024)
                .maxDelay(Duration.ofMillis(500))
                .retry(RetryPolicy.retryFor(Duration.ofMinutes(5)))
                .sealOnClose(true)
                .open();
        PrintStream out = new PrintStream(log, false, StandardCharsets.UTF_8)) {
      out.println("service started");
      out.flush();
      acknowledged = log.position();
    }
    assertThat(acknowledged).isEqualTo(16);

    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (ObjectFollower in =
        ObjectFollower.builder(oss, bucket, "app.log")
            .from(0)
            .pollInterval(Duration.ofMillis(100), Duration.ofSeconds(2))
            .open()) {
      in.transferTo(printed); // ends: the writer sealed the object on close
    } finally {
      oss.shutdown();
    }
    assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo("service started\n");
  }
}
