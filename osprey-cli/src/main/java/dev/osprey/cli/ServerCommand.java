package dev.osprey.cli;

import dev.osprey.protocol.Limits;
import dev.osprey.server.OspreyServer;
import dev.osprey.server.RootCredentials;
import dev.osprey.server.access.AccessLog;
import dev.osprey.server.callback.CallbackHostPolicy;
import dev.osprey.server.http.ServerTls;
import dev.osprey.storage.SpaceLimits;
import dev.osprey.storage.SyncMode;
import dev.osprey.storage.postgres.PostgresSettings;
import dev.osprey.storage.s3.S3DataStore;
import dev.osprey.storage.s3.S3Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code osprey server}: runs the server in the foreground until Ctrl-C. */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description = "Runs the Osprey server in the foreground; Ctrl-C stops it gracefully.")
final class ServerCommand implements Callable<Integer> {
  static final String ENV_ACCESS_KEY_ID = "OSPREY_ROOT_ACCESS_KEY_ID";
  static final String ENV_ACCESS_KEY_SECRET = "OSPREY_ROOT_ACCESS_KEY_SECRET";

  @Option(
      names = "--address",
      paramLabel = "HOST:PORT",
      defaultValue = "127.0.0.1:9400",
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String address;

  @Option(
      names = "--data",
      paramLabel = "DIR|s3://BUCKET?endpoint=URL",
      defaultValue = "data",
      description =
          "Data directory (default: ./${DEFAULT-VALUE}), or s3://BUCKET[/PREFIX]?endpoint=URL"
              + "[&region=R] to keep object bytes in an S3-compatible bucket (credentials from the"
              + " AWS SDK's default chain, e.g. AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY; region"
              + " us-east-1 when none is given); metadata then stays in --metadata-dir.")
  String dataOption;

  @Option(
      names = "--metadata-dir",
      paramLabel = "DIR",
      defaultValue = "data",
      description =
          "Where metadata (embedded RocksDB), the root key and the server key live when --data is"
              + " an s3:// URI (default: ./${DEFAULT-VALUE}).")
  Path metadataDir;

  /** The local directory: the data directory, or the metadata directory when bytes are in S3. */
  Path data;

  @Option(
      names = "--domain",
      paramLabel = "NAME",
      description =
          "Extra domain for virtual-hosted addressing (bucket.NAME); localhost is always one. Repeatable.")
  List<String> domains = new ArrayList<>();

  @Option(
      names = "--cname",
      paramLabel = "DOMAIN=BUCKET",
      description =
          "Bind a custom domain to a bucket: requests with Host DOMAIN address BUCKET, the path"
              + " being the key. Repeatable.")
  List<String> cnames = new ArrayList<>();

  @Option(
      names = "--bucket-log-interval",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "How often bucket access logs (PutBucketLogging) are written (default: 5m).")
  Duration bucketLogInterval = Duration.ofMinutes(5);

  @Option(
      names = "--admin-address",
      paramLabel = "HOST:PORT|off",
      defaultValue = "127.0.0.1:9401",
      description =
          "Operators' listener: GET /metrics (Prometheus) and GET /health (default: ${DEFAULT-VALUE}).")
  String adminAddress;

  @Option(
      names = "--orphan-grace",
      defaultValue = "1h",
      converter = DurationConverter.class,
      description =
          "Blob files no record names (left by a crash mid-write) are deleted once this old; also the"
              + " interval between collection passes (default: ${DEFAULT-VALUE}).")
  Duration orphanGrace;

  @Option(
      names = "--max-storage",
      paramLabel = "SIZE",
      defaultValue = "0",
      converter = ByteSizeConverter.class,
      description =
          "Most bytes of objects the server holds (e.g. 500GiB); writes past it are refused with"
              + " 507 InsufficientStorage. 0: no limit (default).")
  long maxStorage;

  @Option(
      names = "--disk-reserve",
      paramLabel = "SIZE",
      defaultValue = "64MiB",
      converter = ByteSizeConverter.class,
      description =
          "Disk space every write must leave free, so deletes and the metadata log always have"
              + " room; writes that would eat into it get 507 InsufficientStorage and resume by"
              + " themselves once space is freed (default: ${DEFAULT-VALUE}).")
  long diskReserve;

  @Option(
      names = "--sync",
      paramLabel = "always|never",
      defaultValue = "always",
      description =
          "always: a 200 means fsynced, surviving kill -9 and power loss (default). never: no"
              + " fsync; survives kill -9 of the server but not a power loss: for tests and CI.")
  String sync;

  @Option(
      names = "--metadata",
      paramLabel = "postgresql://USER@HOST:PORT/DB",
      description =
          "Keep metadata in PostgreSQL (libpq URI form; the password from"
              + " OSPREY_METADATA_PASSWORD or PGPASSWORD, or in the URI) instead of RocksDB under"
              + " --data; object bytes stay under --data. See docs/postgresql.md.")
  String metadata;

  @Option(
      names = "--max-connections",
      paramLabel = "N",
      defaultValue = "" + Limits.DEFAULT_MAX_CONNECTIONS,
      description =
          "Connections kept open at once; more are closed on accept (default: ${DEFAULT-VALUE}).")
  int maxConnections;

  @Option(
      names = "--idle-timeout",
      defaultValue = "2m",
      converter = DurationConverter.class,
      description =
          "A connection with nothing to do is closed after this (default: ${DEFAULT-VALUE}).")
  Duration idleTimeout;

  @Option(
      names = "--header-timeout",
      defaultValue = "30s",
      converter = DurationConverter.class,
      description =
          "A request's headers must arrive within this from its first byte, else RequestTimeout"
              + " (default: ${DEFAULT-VALUE}).")
  Duration headerTimeout;

  @Option(
      names = "--body-timeout",
      defaultValue = "60s",
      converter = DurationConverter.class,
      description =
          "A request body that sends nothing for this long ends with RequestTimeout (default:"
              + " ${DEFAULT-VALUE}).")
  Duration bodyTimeout;

  @Option(
      names = "--region",
      defaultValue = "cn-hangzhou",
      description = "Region reported in bucket locations (default: ${DEFAULT-VALUE}).")
  String region;

  @Option(
      names = "--log-format",
      paramLabel = "text|json",
      defaultValue = "text",
      description =
          "Access log lines as key=value text or as one JSON object each (default: ${DEFAULT-VALUE}).")
  String logFormat;

  @Option(
      names = "--access-log",
      paramLabel = "off|stdout|FILE",
      description =
          "Where the access log (one line per request, logger osprey.access) goes: off, stdout, or"
              + " appended to FILE (default: stdout, or what the logback configuration says).")
  String accessLog;

  @Option(
      names = "--tls-cert",
      paramLabel = "PEM",
      description =
          "Serve HTTPS (main and admin listeners) with this PEM certificate chain, server"
              + " certificate first; needs --tls-key. Default: plain HTTP.")
  Path tlsCert;

  @Option(
      names = "--tls-key",
      paramLabel = "PEM",
      description = "The unencrypted PKCS#8 PEM private key (RSA or EC) of --tls-cert.")
  Path tlsKey;

  @Option(
      names = "--restore-delay",
      defaultValue = "0s",
      converter = DurationConverter.class,
      description =
          "How long a RestoreObject of an Archive, Cold Archive or Deep Cold Archive object takes"
              + " before the object can be read (default: ${DEFAULT-VALUE}, at once).")
  Duration restoreDelay;

  @Option(
      names = "--callback-hosts",
      paramLabel = "public|any|HOST[,HOST...]",
      defaultValue = "public",
      description =
          "Which hosts upload callbacks (x-oss-callback) may reach: public (default: no loopback,"
              + " private, link-local or reserved addresses), any, or public ones plus the host"
              + " names, addresses and CIDR blocks listed (e.g. 127.0.0.1,10.0.0.0/8).")
  String callbackHosts;

  @Override
  public Integer call() throws Exception {
    AccessLog.Format format;
    try {
      format = AccessLog.Format.parse(logFormat);
    } catch (IllegalArgumentException e) {
      System.err.println("--log-format: " + e.getMessage());
      return 2;
    }
    if (accessLog != null) {
      AccessLogSetup.apply(accessLog);
    }
    if ((tlsCert == null) != (tlsKey == null)) {
      System.err.println("Give both --tls-cert and --tls-key, or neither.");
      return 2;
    }
    OspreyServer.ExternalData external = null;
    if (dataOption.startsWith("s3://")) {
      S3Settings s3;
      try {
        s3 = S3Settings.parse(dataOption);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--data: " + e.getMessage(), e);
      }
      data = metadataDir;
      external = new OspreyServer.ExternalData(s3.describe(), () -> S3DataStore.open(s3));
    } else {
      data = Path.of(dataOption);
    }
    HostPort hp = HostPort.parse(address);
    // Before build(): it creates the data directory and root key, which a refused start must not
    // leave behind.
    ServerPreflight.requireFreePort("main", hp.host(), hp.port());
    ServerTls tls = tlsCert == null ? null : ServerTls.load(tlsCert, tlsKey);
    OspreyServer.Builder builder =
        OspreyServer.builder()
            .host(hp.host())
            .port(hp.port())
            .dataDir(data)
            .region(region)
            .accessLogFormat(format)
            .tls(tls)
            .externalData(external);
    domains.forEach(builder::domain);
    for (String binding : cnames) {
      int eq = binding.indexOf('=');
      if (eq <= 0 || eq == binding.length() - 1) {
        System.err.println("--cname: expected DOMAIN=BUCKET, got '" + binding + "'");
        return 2;
      }
      builder.cname(binding.substring(0, eq).trim(), binding.substring(eq + 1).trim());
    }
    builder.bucketLogInterval(bucketLogInterval);
    try {
      builder.sync(SyncMode.parse(sync));
    } catch (IllegalArgumentException e) {
      System.err.println("--sync: " + e.getMessage());
      return 2;
    }
    builder.orphanCollection(orphanGrace, orphanGrace);
    if (metadata != null) {
      String password = System.getenv("OSPREY_METADATA_PASSWORD");
      try {
        builder.metadata(
            PostgresSettings.fromUri(
                metadata, password != null ? password : System.getenv("PGPASSWORD"), 32));
      } catch (IllegalArgumentException e) {
        System.err.println("--metadata: " + e.getMessage()); // never echoes the URI (a password)
        return 2;
      }
    }
    builder.spaceLimits(new SpaceLimits(maxStorage, diskReserve));
    try {
      builder
          .maxConnections(maxConnections)
          .idleTimeout(idleTimeout)
          .headerTimeout(headerTimeout)
          .bodyReadTimeout(bodyTimeout);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    try {
      builder.restoreDelay(restoreDelay).callbackHosts(CallbackHostPolicy.parse(callbackHosts));
    } catch (IllegalArgumentException e) {
      System.err.println("--restore-delay/--callback-hosts: " + e.getMessage());
      return 2;
    }
    if (!"off".equalsIgnoreCase(adminAddress)) {
      HostPort admin = HostPort.parse(adminAddress);
      ServerPreflight.requireFreePort("admin", admin.host(), admin.port());
      builder.adminAddress(admin.host(), admin.port());
    }
    String id = System.getenv(ENV_ACCESS_KEY_ID);
    String secret = System.getenv(ENV_ACCESS_KEY_SECRET);
    if (id != null && !id.isBlank() && secret != null && !secret.isBlank()) {
      builder.rootCredentials(id, secret);
    } else if (id != null || secret != null) {
      System.err.println(
          "Set both " + ENV_ACCESS_KEY_ID + " and " + ENV_ACCESS_KEY_SECRET + ", or neither.");
      return 2;
    }
    OspreyServer server;
    try {
      server = builder.build().start();
    } catch (IOException | RuntimeException e) {
      throw ServerPreflight.explain(e, data, address, adminAddress);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.err.println("Stopping: finishing requests in flight...");
                  server.close();
                  AccessLogSetup.flush();
                  stopped.countDown();
                },
                "osprey-shutdown"));
    printBanner(System.out, server);
    stopped.await();
    return 0;
  }

  /**
   * What a newcomer needs to start using the server, printed once at start-up (to the console, not
   * the log).
   */
  static void printBanner(PrintStream out, OspreyServer server) {
    RootCredentials c = server.credentials();
    out.println();
    out.println("Osprey is running.");
    out.println("  Endpoint:        " + server.endpoint());
    out.println("  AccessKeyId:     " + c.accessKeyId());
    out.println("  AccessKeySecret: " + c.accessKeySecret());
    out.println("  Data directory:  " + server.config().dataDir().toAbsolutePath());
    if (server.externalData() != null) {
      out.println("  Object bytes:    " + server.externalData().description());
    }
    out.println("  Durability:      " + durability(server.config().sync()));
    if (server.adminEndpoint() != null) {
      out.println("  Metrics:         " + server.adminEndpoint() + "/metrics");
    }
    out.println();
    out.println("Try it with the official OSS Java SDK:");
    out.println(
        "  OSS oss = new OSSClientBuilder().build(\""
            + server.endpoint()
            + "\", \""
            + c.accessKeyId()
            + "\", \"<AccessKeySecret>\");");
    out.println("  oss.createBucket(\"my-bucket\");");
    out.println(
        "  oss.putObject(\"my-bucket\", \"hello.txt\", new ByteArrayInputStream(\"hi\".getBytes()));");
    out.println();
    out.println("Press Ctrl-C to stop.");
    out.flush();
  }

  private static String durability(SyncMode mode) {
    return mode.durable()
        ? "--sync always (a 200 means fsynced)"
        : "--sync never (no fsync: survives kill -9, not power loss)";
  }

  /** {@code HOST:PORT}, {@code :PORT} or {@code [v6]:PORT}. */
  record HostPort(String host, int port) {
    static HostPort parse(String s) {
      int colon = s.lastIndexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException("--address must be HOST:PORT, got " + s);
      }
      String host = s.substring(0, colon);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      return new HostPort(
          host.isEmpty() ? "0.0.0.0" : host, Integer.parseInt(s.substring(colon + 1)));
    }
  }
}
