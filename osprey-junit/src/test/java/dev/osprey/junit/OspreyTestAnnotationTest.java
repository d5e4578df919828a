package dev.osprey.junit;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.OSS;
import com.aliyun.oss.common.comm.SignVersion;
import com.aliyun.oss.model.OSSObject;
import dev.osprey.server.OspreyServer;
import dev.osprey.storage.SyncMode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * {@link OspreyTest} as a user writes it; this module runs its tests in parallel (classes and
 * methods), so the repeated test below runs its repetitions at the same time.
 */
@OspreyTest
class OspreyTestAnnotationTest {
  private static final Set<String> BUCKETS_SEEN = ConcurrentHashMap.newKeySet();
  private static volatile int port;

  @BeforeAll
  static void rememberTheServer(OspreyServer server) {
    port = server.port();
  }

  @RepeatedTest(8)
  void eachTestGetsAFreshBucketOfItsOwn(OSS oss, @OspreyBucket String bucket) throws Exception {
    assertThat(BUCKETS_SEEN.add(bucket)).as("no other test got " + bucket).isTrue();
    assertThat(oss.listObjects(bucket).getObjectSummaries()).isEmpty();

    oss.putObject(
        bucket, "mine.txt", new ByteArrayInputStream(bucket.getBytes(StandardCharsets.UTF_8)));

    assertThat(oss.listObjects(bucket).getObjectSummaries()).hasSize(1);
    try (OSSObject o = oss.getObject(bucket, "mine.txt")) {
      assertThat(o.getObjectContent().readAllBytes()).asString().isEqualTo(bucket);
    }
  }

  @Test
  void theConnectionDescribesTheServerTheClientTalksTo(
      OspreyConnection connection, OspreyServer server, OSS oss) {
    assertThat(connection.endpoint()).isEqualTo(server.endpoint()).startsWith("http://127.0.0.1:");
    assertThat(server.port()).isEqualTo(port).isPositive();
    assertThat(server.config().sync()).isEqualTo(SyncMode.NEVER);
    assertThat(server.config().dataDir().getFileName().toString()).startsWith("osprey-");
    assertThat(connection.toString()).doesNotContain(connection.accessKeySecret());

    ClientBuilderConfiguration v4 = new ClientBuilderConfiguration();
    v4.setSignatureVersion(SignVersion.V4);
    OSS own = connection.newClient(v4);
    try {
      String bucket = "own-client-" + server.port();
      own.createBucket(bucket);
      assertThat(oss.doesBucketExist(bucket)).isTrue();
    } finally {
      own.shutdown();
    }
  }

  /** The bucket of a test, asked for by the test and by its {@code @BeforeEach}. */
  @Nested
  class OneBucketPerTest {
    private String prepared;

    @BeforeEach
    void prepare(OSS oss, @OspreyBucket String bucket) {
      prepared = bucket;
      oss.putObject(bucket, "fixture", new ByteArrayInputStream(new byte[] {1}));
    }

    @Test
    void everyParameterOfOneTestNamesTheSameBucket(
        OSS oss, @OspreyBucket String first, @OspreyBucket String second, OspreyServer server) {
      assertThat(first).isEqualTo(second).isEqualTo(prepared);
      assertThat(oss.doesObjectExist(first, "fixture")).isTrue();
      assertThat(server.port())
          .as("a nested class shares its enclosing class's server")
          .isEqualTo(port);
    }
  }
}
