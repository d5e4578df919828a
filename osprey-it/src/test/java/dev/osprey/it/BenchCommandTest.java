package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.OSSObjectSummary;
import dev.osprey.cli.OspreyCli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * {@code osprey bench}: each workload runs briefly against a live server with every check on and
 * must report no error and passed checks; a server that answers appends wrongly must fail the run.
 */
class BenchCommandTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"append", "put", "get", "head", "list", "mixed"})
  void eachWorkloadRunsCleanAgainstOsprey(String workload) {
    Run run =
        bench(
            SharedServer.get().endpoint(),
            workload,
            "--duration",
            "700ms",
            "--concurrent",
            "3",
            "--objects",
            "6",
            "--bucket",
            Buckets.unique("bench"),
            "--output-format",
            "json");

    assertThat(run.code()).as(run.out()).isZero();
    assertThat(run.out()).contains("\"checks\":{\"passed\":true,\"failed\":0");
    assertThat(run.out()).contains("\"errors\":{\"total\":0,");
    assertThat(run.number("ops")).isPositive();
  }

  @Test
  void tailFollowersReceiveEveryAppendThroughTheLiveTail() {
    Run run =
        bench(
            SharedServer.get().endpoint(),
            "tail",
            "--duration",
            "1500ms",
            "--concurrent",
            "2",
            "--obj.size",
            "100",
            "--bucket",
            Buckets.unique("bench"),
            "--output-format",
            "json");

    assertThat(run.code()).as(run.out()).isZero();
    assertThat(run.out()).contains("\"checks\":{\"passed\":true,\"failed\":0");
    assertThat(run.out()).contains("\"errors\":{\"total\":0,");
    assertThat(run.out()).contains("\"deliveryMs\":{");
    Matcher delivered =
        Pattern.compile("\"deliveryMs\":\\{[^}]*\"count\":(\\d+)").matcher(run.out());
    assertThat(delivered.find()).as(run.out()).isTrue();
    assertThat(Long.parseLong(delivered.group(1))).as("appends a follower received").isPositive();
  }

  @Test
  void appendsWithV4SignaturesAndTextOutput() {
    Run run =
        bench(
            SharedServer.get().endpoint(),
            "append",
            "--ops",
            "40",
            "--duration",
            "20s",
            "--concurrent",
            "2",
            "--obj.size",
            "4KiB",
            "--signature",
            "v4",
            "--bucket",
            Buckets.unique("bench"));

    assertThat(run.code()).as(run.out()).isZero();
    assertThat(run.out()).contains("ops        40").contains("checks     passed");
  }

  @Test
  void theBucketIsRemovedUnlessKept() {
    String bucket = Buckets.unique("bench");
    OSS oss = Clients.shared("V1");
    try {
      assertThat(
              bench(SharedServer.get().endpoint(), "put", "--ops", "5", "--bucket", bucket).code())
          .isZero();
      assertThat(oss.doesBucketExist(bucket)).isFalse();

      assertThat(
              bench(
                      SharedServer.get().endpoint(),
                      "put",
                      "--ops",
                      "5",
                      "--bucket",
                      bucket,
                      "--keep")
                  .code())
          .isZero();
      List<OSSObjectSummary> kept = oss.listObjects(bucket).getObjectSummaries();
      assertThat(kept).hasSize(5);
      kept.forEach(o -> oss.deleteObject(bucket, o.getKey()));
      oss.deleteBucket(bucket);
    } finally {
      oss.shutdown();
    }
  }

  @Test
  void baselineMeasuresTheDiskAndTheServersCheapestAnswer() throws IOException {
    Run run =
        bench(
            SharedServer.get().endpoint(),
            "baseline",
            "--duration",
            "150ms",
            "--concurrent",
            "2",
            "--dir",
            tmp.toString(),
            "--output-format",
            "json");

    assertThat(run.code()).as(run.out()).isZero();
    assertThat(run.out())
        .contains("\"name\":\"write+fdatasync 1 KiB\",\"threads\":1")
        .contains("\"name\":\"write+fdatasync 1 KiB\",\"threads\":2")
        .contains("\"name\":\"write+fdatasync 8 MiB sequential\"")
        .contains("\"name\":\"server 404 NoSuchBucket\",\"threads\":2")
        .contains(
            Files.isExecutable(Path.of("/usr/sbin/nginx"))
                ? "\"name\":\"nginx static 1 KiB\",\"threads\":2"
                : "nginx: skipped");
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left).as("the temporary directory is removed").isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"position", "crc"})
  void aServerThatAnswersAppendsWronglyFailsTheRun(String wrong) throws IOException {
    try (WrongAppendServer fake = new WrongAppendServer(wrong.equals("position"))) {
      Run run =
          bench(
              "http://127.0.0.1:" + fake.port(),
              "append",
              "--ops",
              "10",
              "--duration",
              "20s",
              "--concurrent",
              "1",
              "--output-format",
              "json");

      assertThat(run.code()).as(run.out()).isEqualTo(3);
      assertThat(run.out()).contains("\"passed\":false");
      assertThat(run.out())
          .contains(
              wrong.equals("position") ? "x-oss-next-append-position" : "x-oss-hash-crc64ecma");
    }
  }

  private record Run(int code, String out) {
    long number(String field) {
      Matcher m = Pattern.compile("\"" + field + "\":(\\d+)").matcher(out);
      return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
  }

  private static Run bench(String endpoint, String... args) {
    List<String> all = new ArrayList<>(List.of("bench"));
    all.addAll(List.of(args));
    all.addAll(
        List.of(
            "--quiet",
            "--endpoint",
            endpoint,
            "--access-key-id",
            SharedServer.ACCESS_KEY_ID,
            "--access-key-secret",
            SharedServer.ACCESS_KEY_SECRET));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new OspreyCli());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(all.toArray(String[]::new));
    return new Run(code, out + err.toString());
  }

  /**
   * A fake OSS endpoint that accepts a bucket and appends but answers each append with a wrong next
   * position (one byte too far) or a wrong CRC-64: fast and wrong, what the checks exist for.
   */
  private static final class WrongAppendServer implements AutoCloseable {
    private static final Pattern POSITION = Pattern.compile("position=(\\d+)");
    private static final Pattern LENGTH = Pattern.compile("(?i)content-length:\\s*(\\d+)");
    private final ServerSocket socket;
    private final boolean wrongPosition;
    private final Thread acceptor;

    WrongAppendServer(boolean wrongPosition) throws IOException {
      this.wrongPosition = wrongPosition;
      socket = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
      acceptor = new Thread(this::accept, "wrong-append-server");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    private void accept() {
      while (!socket.isClosed()) {
        try {
          Socket s = socket.accept();
          Thread t = new Thread(() -> serve(s), "wrong-append-connection");
          t.setDaemon(true);
          t.start();
        } catch (IOException closed) {
          return;
        }
      }
    }

    private void serve(Socket s) {
      try (s;
          InputStream in = s.getInputStream();
          OutputStream out = s.getOutputStream()) {
        String head;
        while ((head = readHead(in)) != null) {
          Matcher len = LENGTH.matcher(head);
          int bodyLength = len.find() ? Integer.parseInt(len.group(1)) : 0;
          in.readNBytes(bodyLength);
          out.write(answer(head, bodyLength).getBytes(StandardCharsets.US_ASCII));
          out.flush();
        }
      } catch (IOException gone) {
        // the bench closed the connection
      }
    }

    private String answer(String head, int bodyLength) {
      String requestLine = head.substring(0, head.indexOf('\r'));
      if (requestLine.startsWith("POST") && requestLine.contains("append")) {
        Matcher p = POSITION.matcher(requestLine);
        long position = p.find() ? Long.parseLong(p.group(1)) : 0;
        long next = position + bodyLength + (wrongPosition ? 1 : 0);
        return "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nx-oss-next-append-position: "
            + next
            + "\r\nx-oss-hash-crc64ecma: 12345\r\n\r\n";
      }
      if (requestLine.startsWith("DELETE")) {
        return "HTTP/1.1 204 No Content\r\n\r\n";
      }
      if (requestLine.startsWith("HEAD")) {
        return "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n";
      }
      return "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
    }

    private static String readHead(InputStream in) throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      int state = 0;
      int c;
      while ((c = in.read()) >= 0) {
        b.write(c);
        state = (c == '\r' && state % 2 == 0) || (c == '\n' && state % 2 == 1) ? state + 1 : 0;
        if (state == 4) {
          return b.toString(StandardCharsets.US_ASCII);
        }
      }
      return null;
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
