package dev.osprey.cli.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * nginx serving a static 1 KiB file on a loopback ephemeral port, as the reference for what this
 * machine gives an HTTP server: its own prefix, config, pid and logs in a temporary directory, run
 * in the foreground ({@code daemon off;}) as a child process that {@link #close} stops.
 */
final class NginxServer implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/sbin/nginx");
  static final String FILE = "static-1k.bin";
  static final int FILE_SIZE = 1024;
  private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

  private final Process process;
  private final int port;

  private NginxServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static boolean installed() {
    return Files.isExecutable(BINARY);
  }

  static NginxServer start(Path dir, int workers) throws IOException, InterruptedException {
    Path html = Files.createDirectories(dir.resolve("html"));
    Files.write(html.resolve(FILE), new byte[FILE_SIZE]);

    int port = freePort();
    Path conf = dir.resolve("nginx.conf");
    Files.writeString(conf, config(dir, html, port, workers), StandardCharsets.US_ASCII);
    Process p =
        new ProcessBuilder(BINARY.toString(), "-p", dir.toString(), "-c", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("nginx.out").toFile())
            .start();
    NginxServer server = new NginxServer(p, port);
    server.awaitListening();
    return server;
  }

  int port() {
    return port;
  }

  private static String config(Path dir, Path html, int port, int workers) {
    return String.join(
        "\n",
        "daemon off;",
        // Started as root, nginx would serve from workers running as nobody, which cannot enter a
        // private temporary directory; this loopback-only instance keeps the caller's user instead.
        "root".equals(System.getProperty("user.name")) ? "user root;" : "",
        "worker_processes " + workers + ";",
        "pid " + dir.resolve("nginx.pid") + ";",
        "error_log " + dir.resolve("error.log") + " warn;",
        "events { worker_connections 4096; }",
        "http {",
        "  access_log off;",
        "  client_body_temp_path " + dir.resolve("client_body") + ";",
        "  proxy_temp_path " + dir.resolve("proxy") + ";",
        "  fastcgi_temp_path " + dir.resolve("fastcgi") + ";",
        "  uwsgi_temp_path " + dir.resolve("uwsgi") + ";",
        "  scgi_temp_path " + dir.resolve("scgi") + ";",
        "  keepalive_requests 1000000;",
        "  server {",
        "    listen 127.0.0.1:" + port + ";",
        "    root " + html + ";",
        "  }",
        "}",
        "");
  }

  /** An ephemeral port the kernel just handed out, free again for nginx to take. */
  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private void awaitListening() throws IOException, InterruptedException {
    long until = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < until) {
      if (!process.isAlive()) {
        throw new IOException("nginx exited with code " + process.exitValue());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        process.waitFor(20, TimeUnit.MILLISECONDS);
      }
    }
    close();
    throw new IOException("nginx did not listen on port " + port + " within " + START_TIMEOUT);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
  }
}
