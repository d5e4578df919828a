package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.osprey.server.OspreyServer;
import dev.osprey.storage.SyncMode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HTTP-level fuzzing against a live server: raw bytes on the wire (a Jazzer target, replaying its
 * seed corpus in the default run), and correctly signed SDK-shaped requests mutated byte by byte.
 * Whatever arrives, the server answers with no 5xx (or closes), keeps serving, and the objects it
 * stored before are byte for byte what they were. The server has short header and body timeouts, so
 * a request that announces more than it sends costs a fraction of a second.
 */
class HttpFuzzTest {
  private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.[01] (\\d{3}) ");
  private static final Duration QUIET = Duration.ofMillis(700);
  private static final String BUCKET = "fuzz-target";
  private static final String SENTINELS = "fuzz-sentinels";
  private static final Duration MUTATION_BUDGET = Duration.ofSeconds(4);

  private static OspreyServer server;
  private static OSS oss;
  private static Map<String, String> before;

  @BeforeAll
  static void start() throws IOException {
    server =
        OspreyServer.builder()
            .port(0)
            .tempDataDir()
            .rootCredentials(SharedServer.ACCESS_KEY_ID, SharedServer.ACCESS_KEY_SECRET)
            .headerTimeout(Duration.ofMillis(300))
            .bodyReadTimeout(Duration.ofMillis(300))
            .sync(SyncMode.NEVER)
            .build()
            .start();
    oss =
        Clients.sdk(
            "http://127.0.0.1:" + server.port(),
            "V1",
            SharedServer.ACCESS_KEY_ID,
            SharedServer.ACCESS_KEY_SECRET);
    oss.createBucket(BUCKET);
    oss.createBucket(SENTINELS);
    oss.putObject(SENTINELS, "plain", Payloads.stream(Payloads.random(4096, 1)));
    oss.appendObject(
        new com.aliyun.oss.model.AppendObjectRequest(
                SENTINELS, "log", Payloads.stream(Payloads.random(1000, 2)))
            .withPosition(0L));
    oss.putObject(BUCKET, "existing", Payloads.stream("existing"));
    before = sentinels();
  }

  @AfterAll
  static void stop() {
    try {
      assertThat(sentinels()).as("stored objects after fuzzing").isEqualTo(before);
    } finally {
      oss.shutdown();
      server.close();
    }
  }

  /** Each sentinel object's MD5, length and type, read back through the SDK. */
  private static Map<String, String> sentinels() {
    Map<String, String> state = new LinkedHashMap<>();
    for (var summary : oss.listObjects(SENTINELS).getObjectSummaries()) {
      try (var o = oss.getObject(SENTINELS, summary.getKey())) {
        byte[] bytes = o.getObjectContent().readAllBytes();
        state.put(
            summary.getKey(),
            HexFormat.of().formatHex(Payloads.md5(bytes))
                + " "
                + bytes.length
                + " "
                + o.getObjectMetadata().getObjectType());
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return state;
  }

  /**
   * Sends {@code request} on a fresh connection and returns every status the server sent back
   * before it closed or went quiet.
   */
  private static List<Integer> exchange(byte[] request) throws IOException {
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout((int) QUIET.toMillis());
      OutputStream out = s.getOutputStream();
      try {
        out.write(request);
        out.flush();
      } catch (IOException closedWhileSending) {
        // the server may refuse a head and close before the body is written
      }
      InputStream in = s.getInputStream();
      byte[] buf = new byte[8192];
      try {
        for (int n; (n = in.read(buf)) >= 0; ) {
          received.write(buf, 0, n);
        }
      } catch (SocketTimeoutException quiet) {
        // no more answers: the server waits for bytes the input never sends
      } catch (IOException reset) {
        // closed under us; what arrived before still counts
      }
    }
    List<Integer> statuses = new ArrayList<>();
    Matcher m = STATUS_LINE.matcher(received.toString(StandardCharsets.ISO_8859_1));
    while (m.find()) {
      statuses.add(Integer.parseInt(m.group(1)));
    }
    return statuses;
  }

  private static void assertNo5xx(byte[] request, List<Integer> statuses) {
    assertThat(statuses)
        .as("answers to %s", new String(request, StandardCharsets.ISO_8859_1))
        .allMatch(status -> status < 500);
  }

  @FuzzTest(maxDuration = "60s")
  void rawBytes(byte[] data) throws IOException {
    assertNo5xx(data, exchange(data));
  }

  /** Requests as the Java SDK shapes them, signed V1 with the server's root key. */
  private static List<byte[]> sdkShapedRequests() {
    String deleteXml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Delete><Quiet>true</Quiet>"
            + "<Object><Key>gone-1</Key></Object><Object><Key>gone-2</Key></Object></Delete>";
    String completeXml =
        "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber>"
            + "<ETag>\"5B3C1A2E053D763E1B002CC607C5A0FE\"</ETag></Part></CompleteMultipartUpload>";
    String taggingXml =
        "<Tagging><TagSet><Tag><Key>a</Key><Value>1</Value></Tag></TagSet></Tagging>";
    String lifecycleXml =
        "<LifecycleConfiguration><Rule><ID>r</ID><Prefix>tmp/</Prefix><Status>Enabled</Status>"
            + "<Expiration><Days>1</Days></Expiration></Rule></LifecycleConfiguration>";
    List<RawRequest> requests =
        List.of(
            RawRequest.of("PUT", BUCKET, "put.txt")
                .header("Content-Type", "text/plain")
                .body("put"),
            RawRequest.of("POST", BUCKET, "append.log")
                .query("append", null)
                .query("position", "0")
                .body("first line\n"),
            RawRequest.of("GET", BUCKET, "existing").header("Range", "bytes=1-3"),
            RawRequest.of("GET", BUCKET, "existing")
                .header("If-None-Match", "\"5B3C1A2E053D763E1B002CC607C5A0FE\""),
            RawRequest.of("GET", BUCKET, null)
                .query("prefix", "p/")
                .query("delimiter", "/")
                .query("max-keys", "10"),
            RawRequest.of("POST", BUCKET, null)
                .query("delete", null)
                .header("Content-MD5", Payloads.contentMd5(Payloads.utf8(deleteXml)))
                .body(deleteXml),
            RawRequest.of("POST", BUCKET, "multi")
                .query("uploadId", "0123456789ABCDEF0123456789ABCDEF")
                .body(completeXml),
            RawRequest.of("PUT", BUCKET, "existing").query("tagging", null).body(taggingXml),
            RawRequest.of("PUT", BUCKET, null).query("lifecycle", null).body(lifecycleXml),
            RawRequest.of("PUT", BUCKET, "copy")
                .header("x-oss-copy-source", "/" + BUCKET + "/existing"),
            RawRequest.of("POST", BUCKET, "chunked.log")
                .query("append", null)
                .query("position", "0")
                .withoutContentLength()
                .chunked(List.of(Payloads.utf8("abc"), Payloads.utf8("def"))));
    return requests.stream().map(RawRequest::bytes).toList();
  }

  /** One random edit of {@code request}: a flipped, inserted, deleted, cut or repeated piece. */
  private static byte[] mutate(byte[] request, Random random) {
    byte[] r = request.clone();
    int at = random.nextInt(r.length);
    return switch (random.nextInt(6)) {
      case 0 -> {
        r[at] = (byte) random.nextInt(256);
        yield r;
      }
      case 1 -> {
        byte[] grown = new byte[r.length + 1];
        System.arraycopy(r, 0, grown, 0, at);
        grown[at] = (byte) "\r\n:;=&%/?0123456789 \u0000\"<>".charAt(random.nextInt(22));
        System.arraycopy(r, at, grown, at + 1, r.length - at);
        yield grown;
      }
      case 2 -> {
        int end = Math.min(r.length, at + 1 + random.nextInt(16));
        byte[] shrunk = new byte[r.length - (end - at)];
        System.arraycopy(r, 0, shrunk, 0, at);
        System.arraycopy(r, end, shrunk, at, r.length - end);
        yield shrunk;
      }
      case 3 -> Arrays.copyOf(r, at);
      case 4 -> {
        // a digit changed: Content-Length, positions, part numbers, ranges
        for (int i = 0; i < r.length; i++) {
          int j = (at + i) % r.length;
          if (r[j] >= '0' && r[j] <= '9') {
            r[j] = (byte) ('0' + random.nextInt(10));
            break;
          }
        }
        yield r;
      }
      default -> {
        int len = Math.min(r.length - at, 1 + random.nextInt(64));
        byte[] doubled = new byte[r.length + len];
        System.arraycopy(r, 0, doubled, 0, at + len);
        System.arraycopy(r, at, doubled, at + len, r.length - at);
        yield doubled;
      }
    };
  }

  @Test
  void mutatedSdkRequestsGetNo5xxAndLeaveStoredObjectsAlone() throws IOException {
    List<byte[]> originals = sdkShapedRequests();
    for (byte[] original : originals) {
      List<Integer> statuses = exchange(original);
      assertThat(statuses)
          .as("the unmutated %s", new String(original, StandardCharsets.ISO_8859_1))
          .isNotEmpty()
          .allMatch(status -> status < 500);
    }
    Random random = new Random(20261207L);
    long deadline = System.nanoTime() + MUTATION_BUDGET.toNanos();
    int sent = 0;
    while (System.nanoTime() < deadline) {
      byte[] mutated = originals.get(random.nextInt(originals.size()));
      for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
        mutated = mutate(mutated, random);
      }
      assertNo5xx(mutated, exchange(mutated));
      sent++;
    }
    assertThat(sent).isGreaterThan(originals.size());
    // Still serving: an ordinary SDK request works after all of it.
    assertThat(oss.doesObjectExist(BUCKET, "existing")).isTrue();
  }
}
