package dev.osprey.storage.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A real S3 server for tests: S3Mock's executable jar (copied into target by the build, its path in
 * the {@code osprey.s3mock.jar} system property) run as a plain process on a free loopback port,
 * with its files in a temporary directory. One process serves every test of a JVM ({@link
 * #shared}); it is stopped when the JVM exits, and {@link #close} stops one started by {@link
 * #start}.
 */
public final class S3MockServer implements AutoCloseable {
  /** The bucket the server starts with. */
  public static final String BUCKET = "osprey-test";

  /** S3Mock accepts any key pair; these are what tests sign with. */
  public static final String ACCESS_KEY_ID = "osprey-test-key";

  public static final String SECRET_ACCESS_KEY = "osprey-test-secret";

  private static S3MockServer shared;

  private final Process process;
  private final Path root;
  private final URI endpoint;

  private S3MockServer(Process process, Path root, URI endpoint) {
    this.process = process;
    this.root = root;
    this.endpoint = endpoint;
  }

  /** The JVM-wide server, started on first use. */
  public static synchronized S3MockServer shared() {
    if (shared == null) {
      try {
        shared = start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      S3MockServer s = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(s::close, "s3mock-stop"));
    }
    return shared;
  }

  /** Starts a server and waits until it answers a bucket listing. */
  public static S3MockServer start() throws IOException {
    String jar = System.getProperty("osprey.s3mock.jar");
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new IOException(
          "S3Mock's jar is not at osprey.s3mock.jar=" + jar + " (the build copies it there)");
    }
    Path root = Files.createTempDirectory("s3mock-");
    int port = freePort();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> cmd =
        List.of(
            java.toString(),
            "-Xmx384m",
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-jar",
            jar,
            "--server.address=127.0.0.1",
            "--server.port=0", // its HTTPS listener: unused, on any free port
            "--com.adobe.testing.s3mock.http-port=" + port,
            "--com.adobe.testing.s3mock.store.root=" + root.resolve("store"),
            "--com.adobe.testing.s3mock.store.initial-buckets=" + BUCKET);
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(root.resolve("s3mock.log").toFile())
            .start();
    URI endpoint = URI.create("http://127.0.0.1:" + port);
    S3MockServer server = new S3MockServer(p, root, endpoint);
    try {
      server.awaitReady();
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  private void awaitReady() throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(
            "S3Mock exited with " + process.exitValue() + "; see " + root.resolve("s3mock.log"));
      }
      try {
        HttpURLConnection c = (HttpURLConnection) endpoint.toURL().openConnection();
        c.setConnectTimeout(1000);
        c.setReadTimeout(5000);
        if (c.getResponseCode() == 200) {
          c.getInputStream().readAllBytes();
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      try {
        process.waitFor(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while S3Mock started", e);
      }
    }
    throw new IOException("S3Mock did not answer within 120 s; see " + root.resolve("s3mock.log"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  public URI endpoint() {
    return endpoint;
  }

  public static AwsCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY));
  }

  /** Settings for the test bucket under {@code prefix}, with the default sizes. */
  public S3Settings settings(String prefix) {
    return S3Settings.of(BUCKET, endpoint, credentials()).withPrefix(prefix);
  }

  /** The {@code --data} URI of the test bucket under {@code prefix}. */
  public String dataUri(String prefix) {
    return "s3://" + BUCKET + "/" + prefix + "?endpoint=" + endpoint;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    deleteTree(root);
  }

  private static void deleteTree(Path dir) {
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
              Files.deleteIfExists(f);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
              Files.deleteIfExists(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      // a temporary directory: the OS cleans it eventually
    }
  }
}
