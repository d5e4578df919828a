package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.PutObjectResult;
import dev.osprey.server.OspreyServer;
import dev.osprey.server.access.AccessLog;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.codehaus.jettison.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The access log: one line per request, with the fields operators need and never a secret. */
class AccessLogTest {
  private static final String AK = "LTAIaccessLogKey0000";
  private static final String SK = "accessLogSecret0123456789abcdefg";
  private static final Pattern FIELD = Pattern.compile("(\\w+)=(\"(?:[^\"\\\\]|\\\\.)*\"|\\S+)");

  @TempDir Path data;

  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(AccessLog.LOGGER);
  private Level previous;

  @BeforeEach
  void listen() {
    previous = logger.getLevel();
    logger.setLevel(Level.INFO);
    lines.start();
    logger.addAppender(lines);
  }

  @AfterEach
  void stopListening() {
    logger.detachAppender(lines);
    logger.setLevel(previous);
  }

  private OspreyServer server(AccessLog.Format format) throws Exception {
    return OspreyServer.builder()
        .port(0)
        .dataDir(data)
        .rootCredentials(AK, SK)
        .accessLogFormat(format)
        .build()
        .start();
  }

  /** The lines logged so far that name {@code bucket}. */
  private List<String> linesOf(String bucket) {
    return lines.list.stream()
        .map(ILoggingEvent::getFormattedMessage)
        .filter(l -> l.contains(bucket))
        .toList();
  }

  @Test
  void textLinesCarryEveryFieldAndQuoteWhatNeedsIt() throws Exception {
    try (OspreyServer server = server(AccessLog.Format.TEXT)) {
      OSS oss = Clients.sdk(server.endpoint(), "V1", AK, SK);
      oss.createBucket("logged");
      String key = "dir/a b\"c=d.txt";
      PutObjectResult put =
          oss.putObject(
              "logged", key, new ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8)));
      assertThatThrownBy(() -> oss.getObject("logged", "absent"))
          .isInstanceOfSatisfying(
              OSSException.class, e -> assertThat(e.getErrorCode()).isEqualTo("NoSuchKey"));
      oss.getObject("logged", key).close();
      oss.shutdown();

      List<Map<String, String>> logged = linesOf("logged").stream().map(this::fields).toList();
      assertThat(logged)
          .extracting(f -> f.get("operation"))
          .containsExactly("PutBucket", "PutObject", "GetObject", "GetObject");

      Map<String, String> p = logged.get(1);
      assertThat(p.get("requestId")).isEqualTo(put.getRequestId());
      assertThat(p.get("status")).isEqualTo("200");
      assertThat(p.get("errorCode")).isEqualTo("-");
      assertThat(p.get("bucket")).isEqualTo("logged");
      assertThat(p.get("key")).isEqualTo("\"dir/a b\\\"c=d.txt\"");
      assertThat(p.get("bytesIn")).isEqualTo("5");
      assertThat(p.get("bytesOut")).isEqualTo("0");
      assertThat(Double.parseDouble(p.get("latencyMs"))).isNotNegative();
      assertThat(p.get("remoteAddress")).isEqualTo("127.0.0.1");
      assertThat(p.get("accessKeyId")).isEqualTo(AK);
      assertThat(p.get("time")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d.*Z");

      Map<String, String> missing = logged.get(2);
      assertThat(missing.get("status")).isEqualTo("404");
      assertThat(missing.get("errorCode")).isEqualTo("NoSuchKey");
      assertThat(missing.get("ec")).matches("\\d{4}-\\d{8}");
      assertThat(missing.get("key")).isEqualTo("absent");

      assertThat(logged.get(3).get("bytesOut")).isEqualTo("5");
      assertThat(linesOf("logged")).allSatisfy(l -> assertThat(l).doesNotContain(SK, "\n"));
    }
  }

  @Test
  void anonymousRequestsAreLoggedWithoutAKey() throws Exception {
    try (OspreyServer server = server(AccessLog.Format.TEXT)) {
      OSS oss = Clients.sdk(server.endpoint(), "V1", new Anonymous());
      assertThatThrownBy(() -> oss.getObject("nobody-bucket", "k"))
          .isInstanceOf(OSSException.class);
      oss.shutdown();
      Map<String, String> f = fields(linesOf("nobody-bucket").getFirst());
      assertThat(f.get("operation")).isEqualTo("GetObject");
      assertThat(f.get("status")).startsWith("4");
      assertThat(f.get("errorCode")).isIn("NoSuchBucket", "AccessDenied");
      assertThat(f.get("accessKeyId")).isEqualTo("-");
    }
  }

  @Test
  void jsonLinesAreOneObjectEach() throws Exception {
    try (OspreyServer server = server(AccessLog.Format.JSON)) {
      OSS oss = Clients.sdk(server.endpoint(), "V4", AK, SK);
      oss.createBucket("json-logged");
      oss.putObject("json-logged", "k\n1", new ByteArrayInputStream(new byte[42]));
      oss.shutdown();
      List<String> logged = linesOf("json-logged");
      assertThat(logged).hasSize(2);
      JSONObject put = new JSONObject(logged.get(1));
      assertThat(put.getString("operation")).isEqualTo("PutObject");
      assertThat(put.getString("key")).isEqualTo("k\n1");
      assertThat(put.getInt("status")).isEqualTo(200);
      assertThat(put.getLong("bytesIn")).isEqualTo(42);
      assertThat(put.isNull("errorCode")).isTrue();
      assertThat(put.getString("accessKeyId")).isEqualTo(AK);
      assertThat(put.getDouble("latencyMs")).isNotNegative();
      assertThat(logged.get(1)).doesNotContain(SK);
    }
  }

  @Test
  void theServerCommandWritesJsonToAFileAndFlushesItOnStop() throws Exception {
    Path file = data.resolve("access.log");
    ServerProcess process =
        ServerProcess.start(
            data.resolve("srv"),
            AK,
            SK,
            List.of("--access-log", file.toString(), "--log-format", "json"));
    OSS oss = Clients.sdk(process.endpoint(), "V1", AK, SK);
    oss.createBucket("file-logged");
    oss.shutdown();
    process.stop();
    List<String> logged =
        Files.readAllLines(file).stream().filter(l -> l.contains("file-logged")).toList();
    assertThat(logged).hasSize(1);
    JSONObject line = new JSONObject(logged.getFirst());
    assertThat(line.getString("operation")).isEqualTo("PutBucket");
    assertThat(line.getString("bucket")).isEqualTo("file-logged");
    assertThat(line.getInt("status")).isEqualTo(200);
  }

  private Map<String, String> fields(String line) {
    Map<String, String> out = new HashMap<>();
    Matcher m = FIELD.matcher(line);
    while (m.find()) {
      out.put(m.group(1), m.group(2));
    }
    return out;
  }
}
