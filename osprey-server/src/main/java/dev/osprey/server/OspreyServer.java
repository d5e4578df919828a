package dev.osprey.server;

import dev.osprey.auth.AuthenticatorChain;
import dev.osprey.protocol.Limits;
import dev.osprey.server.access.AccessLog;
import dev.osprey.server.access.BucketLogs;
import dev.osprey.server.api.RequestProcessor;
import dev.osprey.server.callback.CallbackHostPolicy;
import dev.osprey.server.callback.CallbackSigner;
import dev.osprey.server.callback.UploadCallbacks;
import dev.osprey.server.handler.CnameTable;
import dev.osprey.server.handler.Dispatcher;
import dev.osprey.server.http.AdminServer;
import dev.osprey.server.http.ConnectionLimit;
import dev.osprey.server.http.HttpChannelInitializer;
import dev.osprey.server.http.HttpTransport;
import dev.osprey.server.http.InFlightRequests;
import dev.osprey.server.http.RequestHandler;
import dev.osprey.server.http.RequestIds;
import dev.osprey.server.http.ResponseWriter;
import dev.osprey.server.http.ServerTls;
import dev.osprey.server.iam.AdminApi;
import dev.osprey.server.iam.IamService;
import dev.osprey.server.iam.RamCredentialStore;
import dev.osprey.server.iam.ServerKey;
import dev.osprey.server.metrics.ServerMetrics;
import dev.osprey.server.tail.TailWaiters;
import dev.osprey.storage.DataStore;
import dev.osprey.storage.EmbeddedStorage;
import dev.osprey.storage.ObjectService;
import dev.osprey.storage.OrphanCollection;
import dev.osprey.storage.SpaceLimits;
import dev.osprey.storage.StorageListener;
import dev.osprey.storage.SyncMode;
import dev.osprey.storage.postgres.PostgresMetadataStore;
import dev.osprey.storage.postgres.PostgresSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Osprey server, embeddable: start one in a JUnit test on an ephemeral port, point the official
 * OSS SDK at {@link #endpoint()} with {@link #credentials()}, close it afterwards.
 *
 * <pre>{@code
 * try (OspreyServer server = OspreyServer.builder().port(0).tempDataDir().build().start()) {
 *   OSS client = new OSSClientBuilder().build(server.endpoint(),
 *       server.credentials().accessKeyId(), server.credentials().accessKeySecret());
 *   ...
 * }
 * }</pre>
 */
public final class OspreyServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OspreyServer.class);

  /** The most bucket access log text kept in memory between two writes. */
  private static final long BUCKET_LOG_MEMORY = 16L << 20;

  private final ServerConfig config;
  private final boolean deleteDataOnClose;
  private final AccessLog.Format accessLogFormat;
  private final InFlightRequests inFlight = new InFlightRequests();
  private ServerMetrics metrics;
  private AdminServer admin;
  private ObjectService storage;
  private HttpTransport transport;
  private ExecutorService workers;
  private int boundPort;
  private volatile boolean closed;
  private Clock clock = Clock.systemUTC();
  private Duration lifecycleInterval = Duration.ofHours(1);
  private LifecycleRunner lifecycle;
  private Map<String, String> fixedCnames = Map.of();
  private Duration bucketLogInterval = Duration.ofMinutes(5);
  private BucketLogs bucketLogs;
  private int maxTailWaiters = TailWaiters.DEFAULT_MAX_WAITERS;
  private PostgresSettings metadataSettings;
  private TailWaiters tailWaiters;
  private final RemoteChanges remoteChanges = new RemoteChanges();
  private SpaceLimits spaceLimits = SpaceLimits.DEFAULT;
  private ExternalData externalData;

  private OspreyServer(
      ServerConfig config, boolean deleteDataOnClose, AccessLog.Format accessLogFormat) {
    this.config = config;
    this.deleteDataOnClose = deleteDataOnClose;
    this.accessLogFormat = accessLogFormat;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Opens storage and binds the port. Returns this server, listening. */
  public OspreyServer start() throws IOException {
    // Before storage: it reports what it holds as it opens.
    metrics =
        new ServerMetrics(inFlight::current, config.sync().label(), new AccessLog(accessLogFormat));
    // Storage wakes the live tail's waiters from the commits that make appends visible.
    tailWaiters = new TailWaiters(maxTailWaiters);
    try {
      EmbeddedStorage.Options storageOptions =
          new EmbeddedStorage.Options(
              clock,
              config.orphans(),
              config.sync(),
              StorageListener.both(
                  StorageListener.both(metrics.storageListener(), tailWaiters), remoteChanges),
              spaceLimits);
      DataStore data = externalData == null ? null : externalData.opener().get();
      storage =
          metadataSettings == null
              ? (data == null
                  ? EmbeddedStorage.open(config.dataDir(), storageOptions)
                  : EmbeddedStorage.open(config.dataDir(), storageOptions, data))
              : EmbeddedStorage.open(
                  config.dataDir(),
                  storageOptions,
                  PostgresMetadataStore.open(metadataSettings, storageOptions.listener()),
                  data);
    } catch (RuntimeException e) {
      metrics.close();
      throw e;
    }
    lifecycle = new LifecycleRunner(storage, lifecycleInterval);
    workers = RequestWorkers.create(config.workers());
    ServerKey serverKey = ServerKey.loadOrCreate(config.dataDir());
    RamCredentialStore credentials =
        new RamCredentialStore(RequestProcessors.rootStore(config), storage.metadata(), serverKey);
    AdminApi adminApi =
        new AdminApi(
            AuthenticatorChain.standard(RequestProcessors.rootStore(config)),
            new IamService(storage.metadata(), serverKey, credentials));
    CallbackSigner callbackSigner = new CallbackSigner(config.dataDir());
    UploadCallbacks callbacks =
        new UploadCallbacks(
            callbackSigner,
            () -> {
              String admin = adminEndpoint();
              return admin == null ? null : admin + AdminServer.CALLBACK_KEY_PATH;
            },
            config.callbackHosts());
    bucketLogs =
        new BucketLogs(
            storage, clock, config.credentials().accountId(), bucketLogInterval, BUCKET_LOG_MEMORY);
    metrics.onCompleted(bucketLogs);
    CnameTable cnames = CnameTable.load(storage, fixedCnames, clock.instant());
    remoteChanges.attach(credentials, cnames, bucketLogs);
    Dispatcher.BucketServices services =
        new Dispatcher.BucketServices(cnames, bucketLogs::configurationChanged);
    RequestProcessor processor =
        RequestProcessors.create(
            config,
            storage,
            credentials,
            services,
            tailWaiters,
            workers,
            new Dispatcher.Settings(config.restoreDelay(), callbacks));
    RequestHandler.HttpContext http =
        new RequestHandler.HttpContext(
            processor,
            workers,
            new RequestIds(),
            new ResponseWriter(workers),
            config.bodyReadTimeout(),
            inFlight,
            metrics,
            config.idleTimeout(),
            config.headerTimeout());
    transport = new HttpTransport();
    try {
      boundPort =
          transport.bind(
              config.host(),
              config.port(),
              new HttpChannelInitializer(
                  http, new ConnectionLimit(config.maxConnections()), config.tls()));
      if (config.adminPort() >= 0) {
        admin =
            AdminServer.start(
                new AdminServer.Listener(
                    config.adminHost(),
                    config.adminPort(),
                    transport.acceptorGroup(),
                    transport.channelType(),
                    config.tls()),
                metrics,
                adminApi,
                callbackSigner::publicKeyPem,
                http);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IOException("Interrupted while binding " + config.host() + ":" + config.port(), e);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    log.info(
        "Osprey listening on {} ({} transport), data in {}{}, sync {}",
        endpoint(),
        transport.name(),
        config.dataDir(),
        externalData == null ? "" : ", object bytes in " + externalData.description(),
        config.sync().label());
    return this;
  }

  /**
   * {@code http://host:port} (https with TLS) of the operators' listener ({@code /metrics}, {@code
   * /health}), or null when it is off.
   */
  public String adminEndpoint() {
    return admin == null ? null : scheme() + hostForUrl(config.adminHost()) + ":" + admin.port();
  }

  /** {@code http://host:port} (https with TLS), with the real port when started on port 0. */
  public String endpoint() {
    return scheme() + hostForUrl(config.host()) + ":" + boundPort;
  }

  private String scheme() {
    return config.tls() == null ? "http://" : "https://";
  }

  public int port() {
    return boundPort;
  }

  /** Requests being processed right now (received, not yet answered). */
  public int requestsInFlight() {
    return inFlight.current();
  }

  /** Live tail reads waiting right now (long polls and event streams). */
  public int tailReadsWaiting() {
    return tailWaiters == null ? 0 : tailWaiters.waiting();
  }

  public RootCredentials credentials() {
    return config.credentials();
  }

  /**
   * Runs one lifecycle pass now, by the server's clock (see {@link Builder#clock}), and returns how
   * many actions it took: for tests and operators; the server also runs one every interval.
   */
  public int applyLifecycle() {
    return storage.applyLifecycle();
  }

  /**
   * Writes the bucket access logs buffered so far into their target buckets now, and returns how
   * many log objects it wrote: for tests and operators; the server also does it every interval
   * ({@link Builder#bucketLogInterval}).
   */
  public int flushBucketLogs() {
    return bucketLogs.flush();
  }

  public ServerConfig config() {
    return config;
  }

  /**
   * Graceful stop: no new connections, requests in flight finish (up to the configured grace), then
   * connections close and storage closes cleanly.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (transport != null) {
      transport.closeListener();
    }
    if (tailWaiters != null) {
      tailWaiters.close(); // waiting tail reads answer now rather than hold the grace period
    }
    try {
      if (!inFlight.awaitIdle(config.shutdownGrace())) {
        log.warn(
            "{} request(s) still running after {}; closing anyway",
            inFlight.current(),
            config.shutdownGrace());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (admin != null) {
      admin.close();
    }
    if (transport != null) {
      transport.shutdown();
    }
    if (workers != null) {
      workers.shutdown();
      try {
        workers.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (lifecycle != null) {
      lifecycle.close(); // before the storage it uses
    }
    if (bucketLogs != null) {
      bucketLogs.close(); // writes what is buffered, so before storage closes
    }
    if (storage != null) {
      storage.close();
    }
    if (metrics != null) {
      metrics.close();
    }
    if (deleteDataOnClose) {
      deleteRecursively(config.dataDir());
    }
  }

  private static String hostForUrl(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  private static void deleteRecursively(Path dir) {
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
              Files.deleteIfExists(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      log.warn("Could not delete temporary data directory {}: {}", dir, e.toString());
    }
  }

  /**
   * Object bytes kept outside the data directory (an S3-compatible bucket); metadata stays in the
   * data directory.
   *
   * @param description where, for the banner and the log (no secrets)
   * @param opener opens the store when the server starts; the server closes it
   */
  public record ExternalData(String description, Supplier<DataStore> opener) {}

  /** Where object bytes are kept when not in the data directory; null when they are. */
  public ExternalData externalData() {
    return externalData;
  }

  /** Builds a server; every setting has a default fit for a local developer run. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = 9400;
    private Path dataDir;
    private boolean tempDataDir;
    private RootCredentials credentials;
    private final Set<String> domains = new LinkedHashSet<>(Set.of("localhost"));
    private String region = "cn-hangzhou";
    private Duration bodyReadTimeout = Limits.DEFAULT_BODY_READ_TIMEOUT;
    private Duration shutdownGrace = Duration.ofSeconds(30);
    private Duration idleTimeout = Limits.DEFAULT_IDLE_TIMEOUT;
    private Duration headerTimeout = Limits.DEFAULT_HEADER_TIMEOUT;
    private int maxConnections = Limits.DEFAULT_MAX_CONNECTIONS;
    private OrphanCollection orphans = OrphanCollection.DEFAULT;
    private String adminHost = "127.0.0.1";
    private int adminPort = -1;
    private SyncMode sync = SyncMode.ALWAYS;
    private int workers = RequestWorkers.DEFAULT_THREADS;
    private Clock clock = Clock.systemUTC();
    private Duration lifecycleInterval = Duration.ofHours(1);
    private ServerTls tls;

    /**
     * Serves HTTPS on the main and the operators' listener with {@code value} (see {@link
     * ServerTls#load}); null, the default, serves plain HTTP.
     */
    public Builder tls(ServerTls value) {
      this.tls = value;
      return this;
    }

    private Duration restoreDelay = Duration.ZERO;
    private CallbackHostPolicy callbackHosts = CallbackHostPolicy.PUBLIC;

    /**
     * How long a RestoreObject takes before the object is readable (default zero: at once, so tests
     * need not wait); judged by {@link #clock}, so a test with a clock of its own can watch the
     * restoring state and then move past it (docs/storage-classes.md).
     */
    public Builder restoreDelay(Duration value) {
      if (value.isNegative()) {
        throw new IllegalArgumentException("restore delay must not be negative");
      }
      this.restoreDelay = value;
      return this;
    }

    /**
     * Which hosts upload callbacks may reach (default {@link CallbackHostPolicy#PUBLIC}: public
     * addresses only; docs/callbacks.md).
     */
    public Builder callbackHosts(CallbackHostPolicy value) {
      this.callbackHosts = value;
      return this;
    }

    private int maxTailWaiters = TailWaiters.DEFAULT_MAX_WAITERS;
    private PostgresSettings metadata;

    /**
     * Keeps metadata in PostgreSQL instead of the data directory's RocksDB (object bytes stay in
     * the data directory): see docs/postgresql.md. Null: embedded.
     */
    public Builder metadata(PostgresSettings settings) {
      this.metadata = settings;
      return this;
    }

    private SpaceLimits spaceLimits = SpaceLimits.DEFAULT;

    /**
     * The capacity limit (bytes of objects, 0 for none) and the disk space a write must leave free
     * (default {@link SpaceLimits#DEFAULT}); writes past either are refused with 507
     * InsufficientStorage (docs/storage.md).
     */
    public Builder spaceLimits(SpaceLimits value) {
      this.spaceLimits = java.util.Objects.requireNonNull(value);
      return this;
    }

    private ExternalData externalData;

    /**
     * Keeps object bytes in {@code data} instead of the data directory's {@code blobs/} (which then
     * holds metadata only).
     */
    public Builder externalData(ExternalData data) {
      this.externalData = data;
      return this;
    }

    /**
     * How many live tail reads may wait at once (default {@value TailWaiters#DEFAULT_MAX_WAITERS});
     * one more is answered 503 ServiceUnavailable.
     */
    public Builder maxTailWaiters(int value) {
      if (value < 0) {
        throw new IllegalArgumentException("maxTailWaiters must not be negative");
      }
      this.maxTailWaiters = value;
      return this;
    }

    /**
     * The clock that stamps objects and decides when lifecycle rules are due (default the system
     * clock): tests move a clock of their own instead of waiting for days.
     */
    public Builder clock(Clock value) {
      this.clock = value;
      return this;
    }

    /** How often the lifecycle rules are applied in the background (default 1 hour). */
    public Builder lifecycleInterval(Duration value) {
      this.lifecycleInterval = value;
      return this;
    }

    private AccessLog.Format accessLogFormat = AccessLog.Format.TEXT;
    private final Map<String, String> cnames = new LinkedHashMap<>();
    private Duration bucketLogInterval = Duration.ofMinutes(5);

    /**
     * Binds the custom domain {@code domain} to {@code bucket} for the server's life (CNAME): a
     * request with {@code Host: domain} addresses that bucket, the path being the key.
     */
    public Builder cname(String domain, String bucket) {
      this.cnames.put(domain.toLowerCase(java.util.Locale.ROOT), bucket);
      return this;
    }

    /** How often bucket access logs (PutBucketLogging) are written out (default 5 minutes). */
    public Builder bucketLogInterval(Duration value) {
      this.bucketLogInterval = value;
      return this;
    }

    public Builder host(String value) {
      this.host = value;
      return this;
    }

    /** 0 picks a free ephemeral port; read it back with {@link OspreyServer#port()}. */
    public Builder port(int value) {
      this.port = value;
      return this;
    }

    public Builder dataDir(Path value) {
      this.dataDir = value;
      this.tempDataDir = false;
      return this;
    }

    /** Keeps data in a fresh temporary directory, deleted on close. */
    public Builder tempDataDir() {
      this.tempDataDir = true;
      this.dataDir = null;
      return this;
    }

    /** Root key pair; when not set, it is loaded from (or generated into) the data directory. */
    public Builder rootCredentials(String accessKeyId, String accessKeySecret) {
      this.credentials = new RootCredentials(accessKeyId, accessKeySecret);
      return this;
    }

    /**
     * Adds a domain for virtual-hosted addressing ({@code bucket.<domain>}); {@code localhost} is
     * always there.
     */
    public Builder domain(String value) {
      this.domains.add(value.toLowerCase(java.util.Locale.ROOT));
      return this;
    }

    public Builder region(String value) {
      this.region = value;
      return this;
    }

    /** How long a request body may send nothing before RequestTimeout (default 60 seconds). */
    public Builder bodyReadTimeout(Duration value) {
      this.bodyReadTimeout = value;
      return this;
    }

    /**
     * How long a request may take from its first byte to the end of its headers (default 30
     * seconds); a client that sends its head slowly, a byte at a time, meets RequestTimeout and a
     * closed connection however steadily it trickles.
     */
    public Builder headerTimeout(Duration value) {
      this.headerTimeout = positive("headerTimeout", value);
      return this;
    }

    /**
     * How many connections the main listener keeps open at once (default {@value
     * Limits#DEFAULT_MAX_CONNECTIONS}); one more is closed as soon as it is accepted.
     */
    public Builder maxConnections(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxConnections must be at least 1");
      }
      this.maxConnections = value;
      return this;
    }

    private static Duration positive(String name, Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return value;
    }

    /**
     * Opens the operators' listener ({@code GET /metrics} in Prometheus format, {@code GET
     * /health}) on {@code host:port}; port 0 picks a free one. Off unless set.
     */
    public Builder adminAddress(String host, int port) {
      this.adminHost = host;
      this.adminPort = port;
      return this;
    }

    /**
     * How long a kept-alive connection may sit with nothing to do before it is closed (default 2
     * minutes).
     */
    public Builder idleTimeout(Duration value) {
      this.idleTimeout = value;
      return this;
    }

    /**
     * How blobs that no record names (left by a crash between a blob's sync and its commit) are
     * collected: never before {@code grace}, checked every {@code interval} (default 1 hour each).
     */
    public Builder orphanCollection(Duration grace, Duration interval) {
      this.orphans = new OrphanCollection(grace, interval);
      return this;
    }

    /**
     * What a {@code 200} promises (default {@link SyncMode#ALWAYS}: fsynced). {@link
     * SyncMode#NEVER} skips every fsync: for tests and CI, where it survives {@code kill -9} but
     * not a power loss.
     */
    public Builder sync(SyncMode value) {
      this.sync = value;
      return this;
    }

    /** Most platform threads running requests at once (default 512). */
    public Builder workerThreads(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("workerThreads must be at least 1");
      }
      this.workers = value;
      return this;
    }

    /**
     * How access log lines (logger {@value AccessLog#LOGGER}, one per request) are written: text
     * ({@code key=value}, the default) or JSON.
     */
    public Builder accessLogFormat(AccessLog.Format value) {
      this.accessLogFormat = value;
      return this;
    }

    public Builder shutdownGrace(Duration value) {
      this.shutdownGrace = value;
      return this;
    }

    public OspreyServer build() {
      try {
        Path dir = tempDataDir || dataDir == null ? Files.createTempDirectory("osprey-") : dataDir;
        Files.createDirectories(dir);
        RootCredentials creds =
            credentials != null ? credentials : RootCredentials.loadOrGenerate(dir);
        ServerConfig config =
            new ServerConfig(
                host,
                port,
                dir,
                creds,
                domains,
                region,
                bodyReadTimeout,
                shutdownGrace,
                adminHost,
                adminPort,
                idleTimeout,
                orphans,
                sync,
                workers,
                headerTimeout,
                maxConnections,
                tls,
                restoreDelay,
                callbackHosts);
        OspreyServer server =
            new OspreyServer(config, tempDataDir || dataDir == null, accessLogFormat);
        server.clock = clock;
        server.lifecycleInterval = lifecycleInterval;
        server.fixedCnames = Map.copyOf(cnames);
        server.bucketLogInterval = bucketLogInterval;
        server.maxTailWaiters = maxTailWaiters;
        server.metadataSettings = metadata;
        server.spaceLimits = spaceLimits;
        server.externalData = externalData;
        return server;
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot prepare the data directory", e);
      }
    }
  }
}
