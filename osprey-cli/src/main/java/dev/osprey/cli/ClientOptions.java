package dev.osprey.cli;

import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;
import com.aliyun.oss.common.auth.DefaultCredentialProvider;
import com.aliyun.oss.common.comm.SignVersion;
import dev.osprey.server.RootCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import javax.net.ssl.X509TrustManager;
import picocli.CommandLine.Option;

/**
 * Where a client command connects and with which keys: flags first, then {@code OSPREY_ENDPOINT},
 * {@code OSS_ACCESS_KEY_ID}, {@code OSS_ACCESS_KEY_SECRET} (and {@code OSS_SESSION_TOKEN} for STS
 * credentials), then the local server's defaults (its endpoint and the root key it stored in its
 * data directory). Between the environment and the local server comes a profile of an ossutil
 * configuration file ({@code ~/.ossutilconfig}, {@code --profile}), read by {@link OssutilConfig}.
 */
public final class ClientOptions {
  static final String DEFAULT_ENDPOINT = "http://127.0.0.1:9400";

  @Option(
      names = "--endpoint",
      description = "OSS endpoint (env OSPREY_ENDPOINT; default " + DEFAULT_ENDPOINT + ").")
  String endpoint;

  @Option(names = "--access-key-id", description = "AccessKeyId (env OSS_ACCESS_KEY_ID).")
  String accessKeyId;

  @Option(
      names = "--access-key-secret",
      description =
          "AccessKeySecret (env OSS_ACCESS_KEY_SECRET). Prefer the environment: flags show in `ps`.")
  String accessKeySecret;

  @Option(
      names = "--security-token",
      description = "STS security token of temporary credentials (env OSS_SESSION_TOKEN).")
  String securityToken;

  @Option(
      names = "--ca-cert",
      paramLabel = "PEM",
      description =
          "For an https endpoint, also trust the CA certificates of this PEM file (env"
              + " OSPREY_CA_CERT); the JVM's trust store is always trusted.")
  Path caCert;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      defaultValue = "data",
      description =
          "Data directory of a local server, to read its root key when no key is given (default: ./data).")
  Path data;

  @Option(
      names = "--profile",
      paramLabel = "NAME",
      description =
          "Profile of the ossutil configuration file to use (env OSS_PROFILE; default: default).")
  String profile;

  @Option(
      names = "--config-file",
      paramLabel = "FILE",
      description = "ossutil configuration file (env OSS_CONFIG_FILE; default: ~/.ossutilconfig).")
  Path configFile;

  @Option(
      names = "--region",
      description =
          "Region used by V4 signatures (env OSS_REGION; default: " + DEFAULT_REGION + ").")
  String region;

  @Option(
      names = "--sign-version",
      paramLabel = "v1|v4",
      description = "Signature version of requests (default: v1).")
  String signVersion;

  @Option(
      names = "--output-format",
      paramLabel = "text|json",
      defaultValue = "text",
      description = "Output for people (text) or for scripts (json) (default: ${DEFAULT-VALUE}).")
  String outputFormat;

  @Option(names = "--debug", description = "On failure, print the stack trace too.")
  boolean debug;

  static final String DEFAULT_REGION = "cn-hangzhou";

  OSS connect() throws IOException {
    return connect(signVersion);
  }

  /** A client signing with {@code version} ("v1" or "v4"; null means v1). */
  OSS connect(String version) throws IOException {
    String ep = endpoint();
    String[] key = rootKey();
    ClientBuilderConfiguration conf = new ClientBuilderConfiguration();
    // Appends are not idempotent: the append loop recovers from conflicts itself, with the position
    // rule.
    conf.setMaxErrorRetry(0);
    X509TrustManager[] trusted = trustManagers();
    if (trusted != null) {
      conf.setX509TrustManagers(trusted);
    }
    String token = first(securityToken, System.getenv("OSS_SESSION_TOKEN"), profile().token());
    if ("v4".equalsIgnoreCase(version)) {
      conf.setSignatureVersion(SignVersion.V4);
      return OSSClientBuilder.create()
          .endpoint(ep)
          .credentialsProvider(new DefaultCredentialProvider(key[0], key[1], token))
          .clientConfiguration(conf)
          .region(region())
          .build();
    }
    return token == null
        ? new OSSClientBuilder().build(ep, key[0], key[1], conf)
        : new OSSClientBuilder().build(ep, key[0], key[1], token, conf);
  }

  /** The CA certificates of {@code --ca-cert} or {@code OSPREY_CA_CERT}; null when none is set. */
  X509TrustManager[] trustManagers() throws IOException {
    String ca = caCert != null ? caCert.toString() : System.getenv("OSPREY_CA_CERT");
    return ca == null || ca.isBlank() ? null : CaCertificates.trustManagers(Path.of(ca));
  }

  String endpoint() throws IOException {
    return first(
        endpoint, System.getenv("OSPREY_ENDPOINT"), profile().endpoint(), DEFAULT_ENDPOINT);
  }

  public boolean json() {
    return "json".equalsIgnoreCase(outputFormat);
  }

  private OssutilConfig.Profile loaded;

  private OssutilConfig.Profile profile() throws IOException {
    if (loaded == null) {
      Path file = configFile;
      if (file == null) {
        String env = System.getenv("OSS_CONFIG_FILE");
        file =
            env != null && !env.isBlank()
                ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".ossutilconfig");
      }
      String name = first(profile, System.getenv("OSS_PROFILE"), "default");
      loaded = OssutilConfig.read(file, name, profile != null || configFile != null);
    }
    return loaded;
  }

  /** {id, secret}: flags, then the environment, then the local server's root key. */
  String[] rootKey() throws IOException {
    String id = first(accessKeyId, System.getenv("OSS_ACCESS_KEY_ID"), null);
    String secret = first(accessKeySecret, System.getenv("OSS_ACCESS_KEY_SECRET"), null);
    if (id == null || secret == null) {
      id = first(id, profile().accessKeyId(), null);
      secret = first(secret, profile().accessKeySecret(), null);
    }
    if (id == null || secret == null) {
      Properties local = localRootKey();
      id = first(id, local.getProperty("accessKeyId"), null);
      secret = first(secret, local.getProperty("accessKeySecret"), null);
    }
    if (id == null || secret == null) {
      throw new IOException(
          "No access key: set OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET, or pass --access-key-id and"
              + " --access-key-secret, or add them to a profile of ~/.ossutilconfig, or run next to a local server's data directory (--data).");
    }
    return new String[] {id, secret};
  }

  /**
   * Where and as whom to connect, resolved as {@link #connect()} does, for clients of their own.
   */
  public record Target(
      String endpoint, String accessKeyId, String accessKeySecret, String securityToken) {}

  /** The endpoint and keys, resolved as {@link #connect()} resolves them. */
  public Target target() throws IOException {
    String[] key = rootKey();
    return new Target(
        endpointUrl(),
        key[0],
        key[1],
        first(securityToken, System.getenv("OSS_SESSION_TOKEN"), null));
  }

  /** The endpoint alone: the flag, then {@code OSPREY_ENDPOINT}, then the local default. */
  public String endpointUrl() {
    return first(endpoint, System.getenv("OSPREY_ENDPOINT"), DEFAULT_ENDPOINT);
  }

  private Properties localRootKey() throws IOException {
    Properties p = new Properties();
    Path file = data.resolve(RootCredentials.FILE_NAME);
    if (Files.isReadable(file)) {
      try (InputStream in = Files.newInputStream(file)) {
        p.load(in);
      }
    }
    return p;
  }

  private static String first(String... candidates) {
    for (String c : candidates) {
      if (c != null && !c.isBlank()) {
        return c;
      }
    }
    return null;
  }

  /** The region for V4 signatures: the flag, then env {@code OSS_REGION}, then the profile. */
  public String region() {
    try {
      return first(region, System.getenv("OSS_REGION"), profile().region(), DEFAULT_REGION);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot read the ossutil configuration", e);
    }
  }
}
