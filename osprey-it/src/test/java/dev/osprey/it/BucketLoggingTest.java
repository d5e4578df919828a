package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.BucketLoggingResult;
import com.aliyun.oss.model.OSSObject;
import com.aliyun.oss.model.OSSObjectSummary;
import com.aliyun.oss.model.PutObjectResult;
import com.aliyun.oss.model.SetBucketLoggingRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bucket logging through the Java SDK: Put/Get/DeleteBucketLogging, and the access log objects the
 * server writes into the target bucket, in OSS's log format, when its logs are flushed.
 */
class BucketLoggingTest {
  private static OSS oss;

  @BeforeAll
  static void client() {
    oss = Clients.shared("V4");
  }

  @AfterAll
  static void close() {
    oss.shutdown();
  }

  @Test
  void requestsToTheSourceBucketAreWrittenAsLogObjectsIntoTheTarget() throws Exception {
    String source = Buckets.unique("logsrc");
    String target = Buckets.unique("logdst");
    oss.createBucket(source);
    oss.createBucket(target);
    oss.setBucketLogging(
        new SetBucketLoggingRequest(source).withTargetBucket(target).withTargetPrefix("access/"));

    BucketLoggingResult config = oss.getBucketLogging(source);
    assertThat(config.getTargetBucket()).isEqualTo(target);
    assertThat(config.getTargetPrefix()).isEqualTo("access/");

    PutObjectResult put = oss.putObject(source, "dir/a b.txt", Payloads.stream("hello"));
    try (OSSObject o = oss.getObject(source, "dir/a b.txt")) {
      o.getObjectContent().readAllBytes();
    }
    OssErrors.expect("NoSuchKey", () -> oss.getObject(source, "missing.txt"));
    assertThat(SharedServer.get().flushBucketLogs()).isGreaterThanOrEqualTo(1);

    String logs = logText(target, "access/" + source);
    List<String> lines = logs.lines().toList();
    String putLine =
        lines.stream().filter(l -> l.contains("\"PutObject\"")).findFirst().orElseThrow();
    assertThat(putLine)
        .startsWith("127.0.0.1 - - [")
        .contains("\"PUT /" + source + "/dir/a%20b.txt HTTP/1.1\" 200 ")
        .contains("\"" + put.getRequestId() + "\"")
        .contains("\"" + source + "\" \"dir%2Fa%20b.txt\"")
        .contains("\"" + SharedServer.ACCESS_KEY_ID + "\"");
    assertThat(lines).anyMatch(l -> l.contains("\"GetObject\"") && l.contains(" 200 5 "));
    assertThat(lines).anyMatch(l -> l.contains("\"GetObject\"") && l.contains("\"NoSuchKey\""));
    assertThat(lines)
        .as("every line has OSS's fields")
        .allMatch(l -> l.split(" (?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)").length >= 28);
  }

  @Test
  void loggingOffWritesNothingAndAMissingTargetIsRefused() {
    String source = Buckets.unique("logoff");
    oss.createBucket(source);
    OssErrors.expect(
        "InvalidTargetBucketForLogging",
        () ->
            oss.setBucketLogging(
                new SetBucketLoggingRequest(source).withTargetBucket(Buckets.unique("absent"))));
    String target = Buckets.unique("logoffdst");
    oss.createBucket(target);
    oss.setBucketLogging(new SetBucketLoggingRequest(source).withTargetBucket(target));
    oss.deleteBucketLogging(source);
    assertThat(oss.getBucketLogging(source).getTargetBucket()).isNull();

    oss.putObject(source, "quiet.txt", Payloads.stream("x"));
    SharedServer.get().flushBucketLogs();
    assertThat(oss.listObjects(target).getObjectSummaries()).isEmpty();
  }

  private static String logText(String bucket, String prefix) throws Exception {
    List<OSSObjectSummary> objects = oss.listObjects(bucket, prefix).getObjectSummaries();
    assertThat(objects)
        .as("log objects named <prefix><source>YYYY-mm-DD-HH-MM-SS-...")
        .isNotEmpty();
    assertThat(objects.get(0).getKey())
        .matches(
            java.util.regex.Pattern.quote(prefix)
                + "\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-[0-9A-F]{16}");
    List<String> texts = new ArrayList<>();
    for (OSSObjectSummary s : objects) {
      try (OSSObject o = oss.getObject(bucket, s.getKey())) {
        texts.add(new String(o.getObjectContent().readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return String.join("", texts);
  }
}
