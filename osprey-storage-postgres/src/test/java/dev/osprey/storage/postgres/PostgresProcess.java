package dev.osprey.storage.postgres;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server for tests: Debian's binaries ({@code /usr/lib/postgresql/<n>/bin}, or
 * {@code OSPREY_PG_BIN}), a fresh cluster in a temporary directory, listening on 127.0.0.1 on a
 * free port with password authentication, run as user {@code postgres} when the tests run as root
 * (PostgreSQL refuses to run as root). One server per test JVM ({@link #shared}), stopped by a
 * shutdown hook; {@link #crash} and {@link #start} let a test kill it the hard way and bring it
 * back over the same data directory.
 */
public final class PostgresProcess {
  public static final String USER = "osprey";
  private static final String PASSWORD = "osprey-test-" + ProcessHandle.current().pid();
  private static final AtomicInteger SCHEMAS = new AtomicInteger();
  private static PostgresProcess shared;

  private final Path bin;
  private final Path root;
  private final Path data;
  private final int port;
  private final boolean asPostgres;

  private PostgresProcess(Path bin, Path root, int port) {
    this.bin = bin;
    this.root = root;
    this.data = root.resolve("data");
    this.port = port;
    this.asPostgres = "root".equals(System.getProperty("user.name"));
  }

  /** The JVM's server, started on first use. */
  public static synchronized PostgresProcess shared() {
    if (shared == null) {
      try {
        PostgresProcess p =
            new PostgresProcess(findBin(), Files.createTempDirectory("osprey-pg"), freePort());
        p.init();
        p.start();
        Runtime.getRuntime().addShutdownHook(new Thread(p::stop));
        shared = p;
      } catch (IOException e) {
        throw new IllegalStateException("cannot start PostgreSQL", e);
      }
    }
    return shared;
  }

  private static Path findBin() {
    String env = System.getenv("OSPREY_PG_BIN");
    if (env != null) {
      return Path.of(env);
    }
    for (int v = 18; v >= 13; v--) {
      Path p = Path.of("/usr/lib/postgresql/" + v + "/bin");
      if (Files.isExecutable(p.resolve("postgres"))) {
        return p;
      }
    }
    throw new IllegalStateException(
        "no PostgreSQL binaries under /usr/lib/postgresql (apt-get install -y postgresql)");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private void init() throws IOException {
    Path pw = root.resolve("pwfile");
    Files.writeString(pw, PASSWORD + "\n", StandardCharsets.UTF_8);
    if (asPostgres) {
      run(List.of("chown", "-R", "postgres:postgres", root.toString()));
    }
    run(
        pg(
            bin.resolve("initdb").toString(),
            "-D",
            data.toString(),
            "-U",
            USER,
            "--pwfile=" + pw,
            "--auth=scram-sha-256",
            "-E",
            "UTF8",
            "--locale=C.UTF-8"));
    Files.writeString(
        data.resolve("postgresql.conf"),
        "\nlisten_addresses = '127.0.0.1'\nport = "
            + port
            + "\nunix_socket_directories = '"
            + root
            + "'\nmax_connections = 200\nshared_buffers = 64MB\nfsync = on\n",
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);
  }

  /** Starts the server over its data directory (after init or a crash), waiting until it serves. */
  public void start() {
    run(
        pg(
            bin.resolve("pg_ctl").toString(),
            "-D",
            data.toString(),
            "-l",
            root.resolve("log").toString(),
            "-w",
            "-t",
            "60",
            "start"));
  }

  /**
   * Kills the postmaster and its children with SIGKILL: no shutdown checkpoint, WAL recovery next
   * start.
   */
  public void crash() {
    try {
      long pid =
          Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).getFirst().trim());
      ProcessHandle.of(pid)
          .ifPresent(
              h -> {
                List<ProcessHandle> children = h.descendants().toList();
                h.destroyForcibly();
                children.forEach(ProcessHandle::destroyForcibly);
                h.onExit().join();
              });
      // pg_ctl refuses to start while a child still holds the shared memory: wait for them.
      for (int i = 0; i < 100 && anyPostgresChildAlive(); i++) {
        Thread.sleep(50);
      }
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("cannot kill PostgreSQL", e);
    }
  }

  private boolean anyPostgresChildAlive() {
    return ProcessHandle.allProcesses()
        .anyMatch(
            p ->
                p.info()
                    .arguments()
                    .map(a -> String.join(" ", a).contains(data.toString()))
                    .orElse(false));
  }

  public void stop() {
    try {
      run(pg(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop"));
    } catch (RuntimeException e) {
      // already stopped
    }
    deleteTree(root);
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  public String password() {
    return PASSWORD;
  }

  public int port() {
    return port;
  }

  /** A new, empty schema: one per test store, so tests share the server and not their records. */
  public String newSchema() {
    String name = "t" + SCHEMAS.incrementAndGet();
    try (Connection c = DriverManager.getConnection(jdbcUrl(), USER, PASSWORD);
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create schema " + name, e);
    }
    return name;
  }

  private final java.util.Map<Path, String> schemasByDir =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * A store over the schema that belongs to {@code dir} (created on first use): what a test that
   * reopens "the same directory" gets for this backend.
   */
  public PostgresMetadataStore storeFor(Path dir) {
    return PostgresMetadataStore.open(
        settings(schemasByDir.computeIfAbsent(dir.toAbsolutePath(), d -> newSchema())));
  }

  public PostgresSettings settings(String schema) {
    return new PostgresSettings(jdbcUrl(), USER, PASSWORD, schema, 8);
  }

  private List<String> pg(String... command) {
    List<String> out = new ArrayList<>();
    if (asPostgres) {
      out.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    out.addAll(List.of(command));
    return out;
  }

  private void run(List<String> command) {
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(root.resolve("cmd.log").toFile())
              .start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("timed out: " + command);
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(
            "failed ("
                + p.exitValue()
                + "): "
                + command
                + "\n"
                + Files.readString(root.resolve("cmd.log")));
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + command, e);
    }
  }

  private static void deleteTree(Path p) {
    try (var walk = Files.walk(p)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // best effort
    }
  }
}
