package dev.osprey.server.handler;

import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.xml.CorsConfiguration;
import dev.osprey.server.api.OssResponse;
import dev.osprey.storage.BucketRecord;
import dev.osprey.storage.ObjectService;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The CORS headers of a response (docs/browsers.md): on a preflight, from the rule that allows the
 * requested method and headers; on any other response to a request that carries {@code Origin},
 * errors included, from the first rule that allows the origin and the request's own method. A
 * request without {@code Origin} never gets here, so CORS costs nothing to non-browser clients.
 */
public final class CorsHeaders {
  /** The name of the CORS configuration (PutBucketCors) in the bucket's configurations. */
  static final String CONFIG = "cors";

  private final ObjectService storage;

  public CorsHeaders(ObjectService storage) {
    this.storage = storage;
  }

  /** The bucket's CORS rules, or empty when it has none. */
  static Optional<CorsConfiguration> of(BucketRecord bucket) {
    String xml = bucket.config(CONFIG);
    return xml == null
        ? Optional.empty()
        : Optional.of(CorsConfiguration.parse(xml.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Adds the CORS headers to {@code response} when {@code bucket} exists and has a rule that allows
   * {@code origin} and {@code method}; otherwise leaves it alone (the browser then refuses to hand
   * the response to the page, as it would from OSS).
   */
  public OssResponse apply(OssResponse response, String bucket, String origin, String method) {
    BucketRecord record;
    try {
      record = storage.getBucket(bucket);
    } catch (OssException e) {
      return response; // no bucket, no rules
    }
    Optional<CorsConfiguration> cors = of(record);
    if (cors.isEmpty()) {
      return response;
    }
    cors.get()
        .match(origin, method, List.of())
        .ifPresent(rule -> describe(response, rule, origin, List.of()));
    if (cors.get().responseVary()) {
      response.header("Vary", "Origin");
    }
    return response;
  }

  /**
   * The preflight's answer: the headers of the first rule that allows the origin, the method and
   * every requested header; AccessForbidden when there is no such rule (or no rules at all).
   */
  static OssResponse preflight(
      BucketRecord bucket, String origin, String method, String requestHeaders) {
    if (origin == null || origin.isEmpty()) {
      throw OssException.of(
          OssErrorCode.ACCESS_FORBIDDEN,
          "CORSResponse: Insufficient information. Origin request header needed.");
    }
    if (method == null || method.isEmpty()) {
      throw OssException.of(
          OssErrorCode.ACCESS_FORBIDDEN,
          "CORSResponse: Insufficient information. Access-Control-Request-Method request header"
              + " needed.");
    }
    CorsConfiguration cors =
        of(bucket)
            .orElseThrow(
                () ->
                    OssException.of(
                        OssErrorCode.ACCESS_FORBIDDEN,
                        "CORSResponse: CORS is not enabled for this bucket."));
    List<String> headers = CorsConfiguration.headerList(requestHeaders);
    CorsConfiguration.Rule rule =
        cors.match(origin, method, headers)
            .orElseThrow(() -> OssException.of(OssErrorCode.ACCESS_FORBIDDEN));
    OssResponse r = OssResponse.ok();
    describe(r, rule, origin, headers);
    if (cors.responseVary()) {
      r.header("Vary", "Origin");
    }
    return r;
  }

  private static void describe(
      OssResponse r, CorsConfiguration.Rule rule, String origin, List<String> requestHeaders) {
    r.header("Access-Control-Allow-Origin", origin);
    r.header("Access-Control-Allow-Methods", String.join(", ", rule.allowedMethods()));
    if (!requestHeaders.isEmpty()) {
      r.header("Access-Control-Allow-Headers", String.join(", ", requestHeaders));
    }
    if (!rule.exposeHeaders().isEmpty()) {
      r.header("Access-Control-Expose-Headers", String.join(", ", rule.exposeHeaders()));
    }
    if (rule.maxAgeSeconds() != null) {
      r.header("Access-Control-Max-Age", Integer.toString(rule.maxAgeSeconds()));
    }
  }
}
