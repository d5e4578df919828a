package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.OSSObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SmokeTest {
  @ParameterizedTest
  @ValueSource(strings = {"V1", "V4"})
  void putAndGet(String version) throws Exception {
    OSS oss = Clients.shared(version);
    String bucket = Buckets.unique("smoke");
    oss.createBucket(bucket);
    oss.putObject(
        bucket, "a/b.txt", new ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8)));
    try (OSSObject o = oss.getObject(bucket, "a/b.txt")) {
      assertThat(new String(o.getObjectContent().readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("hello");
    }
    assertThat(oss.listObjects(bucket).getObjectSummaries()).hasSize(1);
    oss.shutdown();
  }
}
