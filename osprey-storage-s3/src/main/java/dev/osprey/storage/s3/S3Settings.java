package dev.osprey.storage.s3;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * Where and how an {@link S3DataStore} keeps its chunks.
 *
 * @param bucket the S3 bucket (it must exist)
 * @param prefix put before every key ({@code ""} or ending in {@code /})
 * @param endpoint the S3 server; empty for AWS itself (path-style addressing is used when set)
 * @param region the signing region
 * @param credentials where the access key comes from
 * @param sizes part sizes and when to merge chunks
 * @param deleteDelay how long chunks replaced by a merge, and blobs deleted, stay readable for
 *     readers that opened them before
 * @param sweepInterval how often deleted blobs past their delay are purged (from a listing, so also
 *     after a restart)
 */
public record S3Settings(
    String bucket,
    String prefix,
    Optional<URI> endpoint,
    String region,
    AwsCredentialsProvider credentials,
    Sizes sizes,
    Duration deleteDelay,
    Duration sweepInterval) {

  /** The default part size: 8 MiB. */
  public static final int DEFAULT_PART_SIZE = 8 << 20;

  /** AWS's smallest part (except the last): 5 MiB. */
  public static final int AWS_MIN_PART_SIZE = 5 << 20;

  /** Region used when none is given. */
  public static final String DEFAULT_REGION = "us-east-1";

  /**
   * Sizes of the chunk layout.
   *
   * @param partSize bytes a writer buffers before it uploads them as one multipart part, and the
   *     size of the parts a merge uploads
   * @param minPartSize the smallest part the server accepts except the last (5 MiB for AWS)
   * @param compactAfter how many chunks a committed blob may have before the compactor merges them
   */
  public record Sizes(int partSize, int minPartSize, int compactAfter) {
    public Sizes {
      if (minPartSize <= 0 || partSize < minPartSize) {
        throw new IllegalArgumentException("need 0 < minPartSize <= partSize");
      }
      if (compactAfter < 2) {
        throw new IllegalArgumentException("compactAfter must be at least 2");
      }
    }

    /** 8 MiB parts, AWS's 5 MiB minimum, merge past 32 chunks. */
    public static Sizes defaults() {
      return new Sizes(DEFAULT_PART_SIZE, AWS_MIN_PART_SIZE, 32);
    }
  }

  public S3Settings {
    if (bucket == null || bucket.isBlank()) {
      throw new IllegalArgumentException("an S3 bucket is required");
    }
    if (!prefix.isEmpty() && !prefix.endsWith("/")) {
      prefix = prefix + "/";
    }
  }

  /** Settings for {@code bucket} at {@code endpoint} with every other value at its default. */
  public static S3Settings of(String bucket, URI endpoint, AwsCredentialsProvider credentials) {
    return new S3Settings(
        bucket,
        "",
        Optional.of(endpoint),
        DEFAULT_REGION,
        credentials,
        Sizes.defaults(),
        Duration.ofMinutes(10),
        Duration.ofMinutes(10));
  }

  public S3Settings withSizes(Sizes value) {
    return new S3Settings(
        bucket, prefix, endpoint, region, credentials, value, deleteDelay, sweepInterval);
  }

  public S3Settings withPrefix(String value) {
    return new S3Settings(
        bucket, value, endpoint, region, credentials, sizes, deleteDelay, sweepInterval);
  }

  public S3Settings withDeleteDelay(Duration value) {
    return new S3Settings(
        bucket, prefix, endpoint, region, credentials, sizes, value, sweepInterval);
  }

  /**
   * Parses {@code s3://BUCKET[/PREFIX]?endpoint=URL[&region=R]}; credentials come from the AWS
   * SDK's default chain (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, profiles, instance roles).
   */
  public static S3Settings parse(String uri) {
    URI u;
    try {
      u = new URI(uri);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("not a URI: " + uri, e);
    }
    if (!"s3".equals(u.getScheme()) || u.getHost() == null) {
      throw new IllegalArgumentException(
          "expected s3://BUCKET?endpoint=URL[&region=R], got " + uri);
    }
    Map<String, String> query = query(u.getRawQuery());
    String endpoint = query.remove("endpoint");
    String region = query.remove("region");
    if (!query.isEmpty()) {
      throw new IllegalArgumentException("unknown s3:// parameter(s): " + query.keySet());
    }
    String path = u.getPath() == null ? "" : u.getPath();
    String prefix = path.startsWith("/") ? path.substring(1) : path;
    S3Settings defaults = of(u.getHost(), URI.create("http://unused"), null);
    return new S3Settings(
        u.getHost(),
        prefix,
        Optional.ofNullable(endpoint).map(URI::create),
        region == null || region.isBlank() ? DEFAULT_REGION : region,
        DefaultCredentialsProvider.builder().build(),
        defaults.sizes(),
        defaults.deleteDelay(),
        defaults.sweepInterval());
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(
          URLDecoder.decode(k, StandardCharsets.UTF_8),
          URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return out;
  }

  /** The URI form, without credentials (for logs and the banner). */
  public String describe() {
    return "s3://"
        + bucket
        + (prefix.isEmpty() ? "" : "/" + prefix)
        + endpoint.map(e -> "?endpoint=" + e + "&region=" + region).orElse("?region=" + region);
  }
}
