package dev.osprey.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Osprey as a separate process ({@code osprey server}), started from this test JVM's classpath, so
 * a test can kill it with SIGKILL and restart it on the same data directory.
 */
final class ServerProcess implements AutoCloseable {
  private static final Pattern ENDPOINT = Pattern.compile("Endpoint:\\s+(https?://\\S+)");
  private static final Pattern ADMIN = Pattern.compile("Metrics:\\s+(https?://\\S+)/metrics");

  private final Process process;
  private final String endpoint;
  private final CompletableFuture<String> adminEndpoint;

  private ServerProcess(Process process, String endpoint, CompletableFuture<String> adminEndpoint) {
    this.process = process;
    this.endpoint = endpoint;
    this.adminEndpoint = adminEndpoint;
  }

  /**
   * Starts {@code osprey server} on an ephemeral loopback port and waits until it prints its
   * endpoint.
   */
  static ServerProcess start(Path dataDir, String accessKeyId, String secret) throws IOException {
    return start(dataDir, accessKeyId, secret, List.of());
  }

  /** As {@link #start(Path, String, String)}, with more {@code osprey server} options. */
  static ServerProcess start(Path dataDir, String accessKeyId, String secret, List<String> options)
      throws IOException {
    List<String> args = new ArrayList<>(List.of("--data", dataDir.toString()));
    args.addAll(options);
    return launch(args, Map.of(), accessKeyId, secret);
  }

  /**
   * Starts {@code osprey server} with exactly {@code args} after the listen addresses (so the test
   * says where data lives), with {@code env} added to its environment.
   */
  static ServerProcess launch(
      List<String> args, Map<String, String> env, String accessKeyId, String secret)
      throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                java.toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.osprey.cli.OspreyCli",
                "server",
                "--address",
                "127.0.0.1:0",
                "--admin-address",
                "127.0.0.1:0"));
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env);
    pb.environment().put("OSPREY_ROOT_ACCESS_KEY_ID", accessKeyId);
    pb.environment().put("OSPREY_ROOT_ACCESS_KEY_SECRET", secret);
    Process p = pb.start();
    CompletableFuture<String> endpoint = new CompletableFuture<>();
    CompletableFuture<String> admin = new CompletableFuture<>();
    Thread reader = new Thread(() -> pump(p, endpoint, admin), "osprey-process-output");
    reader.setDaemon(true);
    reader.start();
    try {
      return new ServerProcess(p, endpoint.get(60, TimeUnit.SECONDS), admin);
    } catch (Exception e) {
      p.destroyForcibly();
      throw new IOException("osprey server did not start", e);
    }
  }

  /**
   * Reads the child's output (so it never blocks on a full pipe) and picks the endpoint from the
   * banner.
   */
  private static void pump(
      Process p, CompletableFuture<String> endpoint, CompletableFuture<String> admin) {
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      String copy = System.getProperty("osprey.it.serverLog");
      java.io.PrintStream log =
          copy == null
              ? null
              : new java.io.PrintStream(
                  new java.io.FileOutputStream(copy + "." + p.pid() + ".log"), true, "UTF-8");
      while ((line = r.readLine()) != null) {
        if (log != null) {
          log.println(line);
        }
        Matcher m = ENDPOINT.matcher(line);
        if (m.find()) {
          endpoint.complete(m.group(1));
        }
        Matcher a = ADMIN.matcher(line);
        if (a.find()) {
          admin.complete(a.group(1));
        }
      }
    } catch (IOException e) {
      endpoint.completeExceptionally(e);
    }
    endpoint.completeExceptionally(
        new IOException("osprey server exited before printing its endpoint"));
    admin.completeExceptionally(
        new IOException("osprey server exited before printing its admin endpoint"));
  }

  String endpoint() {
    return endpoint;
  }

  /** The operators' listener, from the banner line that follows the endpoint's. */
  String adminEndpoint() throws Exception {
    return adminEndpoint.get(30, TimeUnit.SECONDS);
  }

  /** SIGKILL: no shutdown hook, no flush, no close. What a power cut looks like to the process. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** Stops it as Ctrl-C would (SIGTERM: a graceful stop) and waits for it to exit. */
  int stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    return process.waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
