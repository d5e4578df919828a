package dev.osprey.cli;

import com.aliyun.oss.HttpMethod;
import com.aliyun.oss.OSS;
import com.aliyun.oss.model.GeneratePresignedUrlRequest;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code osprey presign oss://bucket/key [--expires-duration 15m] [--method GET|PUT]}: a URL anyone
 * can use until it expires, signed V1 or (with {@code --sign-version v4}) V4. V4 URLs live at most
 * 7 days (spec: presigned V4 URLs).
 */
@Command(
    name = "presign",
    mixinStandardHelpOptions = true,
    description = "Prints a presigned URL for an object (V1, or V4 with --sign-version v4).")
final class PresignCommand implements Callable<Integer> {
  private static final Duration V4_MAX = Duration.ofDays(7);

  @Parameters(index = "0", paramLabel = "oss://BUCKET/KEY")
  String target;

  @Option(
      names = {"--expires-duration", "--expiry"},
      defaultValue = "15m",
      converter = DurationConverter.class,
      description = "How long the URL stays valid, e.g. 30s, 15m, 2h (default: ${DEFAULT-VALUE}).")
  Duration expires;

  @Option(
      names = "--method",
      defaultValue = "GET",
      description = "HTTP method the URL allows: GET or PUT (default: ${DEFAULT-VALUE}).")
  String method;

  @Mixin ClientOptions client;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    OssUri uri = OssUri.parse(target);
    boolean v4 = "v4".equalsIgnoreCase(client.signVersion);
    if (expires.isNegative() || expires.isZero() || (v4 && expires.compareTo(V4_MAX) > 0)) {
      throw new IllegalArgumentException(
          "--expires-duration must be positive" + (v4 ? " and at most 168h (7 days) for V4" : ""));
    }
    HttpMethod m = HttpMethod.valueOf(method.toUpperCase(Locale.ROOT));
    if (m != HttpMethod.GET && m != HttpMethod.PUT) {
      throw new IllegalArgumentException("--method must be GET or PUT, got " + method);
    }
    Output out = new Output(spec, client);
    OSS oss = client.connect();
    try {
      Date until = Date.from(Instant.now().plus(expires));
      GeneratePresignedUrlRequest req = new GeneratePresignedUrlRequest(uri.bucket(), uri.key(), m);
      req.setExpiration(until);
      URL url = oss.generatePresignedUrl(req);
      out.text(url.toString());
      out.document(
          Map.of(
              "url", url.toString(),
              "method", m.toString(),
              "expires", until.toInstant().toString(),
              "signVersion", v4 ? "v4" : "v1"));
      return ExitCodes.OK;
    } finally {
      oss.shutdown();
    }
  }
}
