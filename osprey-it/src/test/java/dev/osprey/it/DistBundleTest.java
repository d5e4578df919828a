package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release bundle of {@code scripts/dist}, as a user gets it: unpacked in an empty directory and
 * run with nothing but a JDK (no Maven, no sources, no git): {@code osprey server} on an ephemeral
 * port, then {@code mb}, {@code cp}, {@code ls} and {@code cat} against it through the bundle's
 * launcher.
 */
class DistBundleTest {
  private static final String AK = "LTAIdistBundleKey000";
  private static final String SK = "distBundleSecret0123456789abcdef";
  private static final Pattern ENDPOINT = Pattern.compile("Endpoint:\\s+(http://\\S+)");

  @TempDir Path tmp;

  /** What a command printed and returned. */
  record Run(int code, String out) {}

  @Test
  void theBundleRunsServerAndClientCommandsWithOnlyAJdk() throws Exception {
    Path repo = Path.of("").toAbsolutePath().getParent();
    Path out = Files.createDirectories(tmp.resolve("out"));
    Run dist =
        run(
            List.of(
                "bash",
                repo.resolve("scripts/dist").toString(),
                "--no-build",
                "--out",
                out.toString()),
            repo);
    assertThat(dist.code()).as(dist.out()).isZero();
    Path tarball;
    try (var files = Files.list(out)) {
      tarball = files.filter(p -> p.toString().endsWith(".tar.gz")).findFirst().orElseThrow();
    }
    Path unpacked = Files.createDirectories(tmp.resolve("unpacked"));
    assertThat(
            run(List.of("tar", "-xzf", tarball.toString(), "-C", unpacked.toString()), tmp).code())
        .isZero();
    Path home;
    try (var dirs = Files.list(unpacked)) {
      home = dirs.findFirst().orElseThrow();
    }
    assertThat(home.resolve("THIRD-PARTY.md"))
        .content()
        .contains("io.netty:netty-common", "Apache");
    assertThat(home.resolve("lib")).isDirectoryContaining("glob:**/aliyun-sdk-oss-*.jar");
    assertThat(home.resolve("pom.xml")).doesNotExist();
    String osprey = home.resolve("osprey").toString();

    ProcessBuilder server =
        new ProcessBuilder(
                osprey,
                "server",
                "--address",
                "127.0.0.1:0",
                "--admin-address",
                "off",
                "--data",
                tmp.resolve("data").toString(),
                "--sync",
                "never",
                "--access-log",
                "off")
            .directory(tmp.toFile())
            .redirectErrorStream(true);
    userEnvironment(server.environment());
    server.environment().put("OSPREY_ROOT_ACCESS_KEY_ID", AK);
    server.environment().put("OSPREY_ROOT_ACCESS_KEY_SECRET", SK);
    Process p = server.start();
    try {
      String endpoint = endpointOf(p);
      List<String> conn =
          List.of("--endpoint", endpoint, "--access-key-id", AK, "--access-key-secret", SK);
      Path file = Files.writeString(tmp.resolve("hello.txt"), "hello from the bundle\n");

      assertThat(client(osprey, conn, "--version").out()).contains("osprey ", "(commit ");
      assertThat(client(osprey, conn, "mb", "oss://dist-bucket").code()).isZero();
      assertThat(
              client(osprey, conn, "cp", file.toString(), "oss://dist-bucket/greeting.txt").code())
          .isZero();
      Run ls = client(osprey, conn, "ls", "oss://dist-bucket");
      assertThat(ls.code()).isZero();
      assertThat(ls.out()).contains("oss://dist-bucket/greeting.txt");
      Run cat = client(osprey, conn, "cat", "oss://dist-bucket/greeting.txt");
      assertThat(cat.code()).isZero();
      assertThat(cat.out()).isEqualTo("hello from the bundle\n");
    } finally {
      p.destroy();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  /**
   * A user's environment: a JDK, the usual tools, and a cache of our own so the test leaves the
   * real one alone. Maven is not on the path.
   */
  private void userEnvironment(Map<String, String> env) {
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
    env.put("XDG_CACHE_HOME", tmp.resolve("cache").toString());
    env.remove("MAVEN_OPTS");
    env.remove("OSPREY_ENDPOINT");
  }

  private Run client(String osprey, List<String> conn, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(osprey));
    cmd.addAll(List.of(args));
    if (!args[0].startsWith("--")) {
      cmd.addAll(conn);
    }
    Run r = run(cmd, tmp);
    assertThat(r.out()).doesNotContain("Building Osprey");
    return r;
  }

  private Run run(List<String> cmd, Path dir) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    userEnvironment(pb.environment());
    Process p = pb.start();
    p.getOutputStream().close();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), output);
  }

  /** Reads the server's output on a thread of its own until the banner names the endpoint. */
  private static String endpointOf(Process p) throws Exception {
    CompletableFuture<String> endpoint = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                StringBuilder seen = new StringBuilder();
                String line;
                while ((line = r.readLine()) != null) {
                  seen.append(line).append('\n');
                  Matcher m = ENDPOINT.matcher(line);
                  if (m.find()) {
                    endpoint.complete(m.group(1));
                  }
                }
                endpoint.completeExceptionally(new IOException("server exited:\n" + seen));
              } catch (IOException e) {
                endpoint.completeExceptionally(e);
              }
            },
            "dist-server-output");
    reader.setDaemon(true);
    reader.start();
    return endpoint.get(60, TimeUnit.SECONDS);
  }
}
