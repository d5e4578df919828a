package dev.osprey.protocol.sign;

import dev.osprey.protocol.Headers;
import dev.osprey.protocol.QueryParams;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * OSS signature version 1 (spec §5.1 header form, §5.2 URL form) as pure functions:
 *
 * <pre>
 * StringToSign = VERB \n Content-MD5 \n Content-Type \n Date \n CanonicalizedOSSHeaders CanonicalizedResource
 * Signature    = base64(HMAC-SHA1(secret, UTF-8(StringToSign)))
 * </pre>
 */
public final class SignatureV1 {

  /**
   * Query parameters that take part in the canonicalized resource. OSS documents one list and each
   * SDK signs a slightly different one, so the server uses their union (spec §5.1): a parameter one
   * SDK signs and another does not would otherwise fail for one of them. Names starting with {@code
   * x-oss-} are signed as well (Go v2).
   */
  static final Set<String> SIGNED_SUB_RESOURCES =
      Set.of(
          // documented
          "acl",
          "uploads",
          "location",
          "cors",
          "logging",
          "website",
          "referer",
          "lifecycle",
          "delete",
          "append",
          "tagging",
          "objectMeta",
          "uploadId",
          "partNumber",
          "security-token",
          "position",
          "img",
          "style",
          "styleName",
          "replication",
          "replicationProgress",
          "replicationLocation",
          "cname",
          "bucketInfo",
          "comp",
          "qos",
          "live",
          "status",
          "vod",
          "startTime",
          "endTime",
          "symlink",
          "x-oss-process",
          "response-content-type",
          "response-content-language",
          "response-expires",
          "response-cache-control",
          "response-content-disposition",
          "response-content-encoding",
          // also signed by the Java, Go v2 and C SDKs
          "versionId",
          "versions",
          "versioning",
          "restore",
          "stat",
          "callback",
          "callback-var",
          "sequential",
          "continuation-token",
          "regionList",
          "cloudboxes",
          "policy",
          "encryption",
          "requestPayment",
          "worm",
          "wormId",
          "wormExtend",
          "inventory",
          "inventoryId",
          "seal",
          "qosInfo",
          "asyncFetch",
          "vpcip",
          "vip",
          "x-oss-traffic-limit",
          "x-oss-request-payer",
          // Java SDK's image and UDF sub-resources
          "processConfiguration",
          "udf",
          "udfName",
          "udfImage",
          "udfImageDesc",
          "udfApplication",
          "udfLog",
          // bucket sub-resources the Go v2 SDK signs per operation (signingCtx.SubResource)
          "resourceGroup",
          "transferAcceleration",
          "httpsConfig",
          "publicAccessBlock",
          "policyStatus",
          "accessPoint",
          "accessPointPolicy",
          "metaQuery",
          "responseHeader",
          "userDefinedLogFieldsConfig",
          "bucketArchiveDirectRead",
          "redundancyTransition");

  private static final String OSS_PREFIX = "x-oss-";

  private SignatureV1() {}

  /** Whether query parameter {@code name} belongs in the canonicalized resource. */
  public static boolean isSignedSubResource(String name) {
    return SIGNED_SUB_RESOURCES.contains(name) || name.startsWith(OSS_PREFIX);
  }

  /**
   * The value of the Date line: {@code x-oss-date} when present, else {@code Date} (spec §5.1:
   * ali-oss sends only {@code x-oss-date}, the C SDK prefers it). Null when neither is present.
   */
  public static String dateLine(Headers headers) {
    String ossDate = headers.get("x-oss-date");
    return ossDate != null ? ossDate : headers.get("date");
  }

  /**
   * Every {@code x-oss-*} header as {@code name:value\n}, names lower-case and sorted, values
   * trimmed, repeated headers joined with {@code ,}. Empty when there are none.
   */
  public static String canonicalizedOssHeaders(Headers headers) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, List<String>> e : headers.withPrefix(OSS_PREFIX).entrySet()) {
      sb.append(e.getKey()).append(':');
      List<String> values = e.getValue();
      for (int i = 0; i < values.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        sb.append(values.get(i).trim());
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /**
   * {@code /} for the service, {@code /bucket/} for a bucket, {@code /bucket/key} for an object
   * (raw, decoded key), then {@code ?} and the signed sub-resources sorted by name, joined with
   * {@code &}, each as {@code name} or {@code name=value} with the decoded value. A parameter with
   * an empty value ({@code append=}, as ali-oss sends it: spec §9b) is written bare, as ali-oss
   * itself signs it. When a name repeats, the first one counts (spec §5.2).
   *
   * @param bucket the bucket, or null for service requests
   * @param key the decoded object key, or null for service and bucket requests
   */
  public static String canonicalizedResource(String bucket, String key, QueryParams query) {
    StringBuilder sb = new StringBuilder(resourcePath(bucket, key));
    appendSubResources(sb, query);
    return sb.toString();
  }

  /** The path part alone: {@code /}, {@code /bucket/} or {@code /bucket/key}. */
  public static String resourcePath(String bucket, String key) {
    if (bucket == null) {
      return "/";
    }
    return "/" + bucket + "/" + (key == null ? "" : key);
  }

  /**
   * Appends {@code ?sub&sub=value...} for the signed sub-resources of {@code query}, nothing when
   * none.
   */
  public static void appendSubResources(StringBuilder sb, QueryParams query) {
    SortedMap<String, String> signed = new TreeMap<>();
    for (QueryParams.Param p : query.all()) {
      if (isSignedSubResource(p.name()) && !signed.containsKey(p.name())) {
        signed.put(p.name(), p.value() == null ? "" : p.value());
      }
    }
    char sep = '?';
    for (Map.Entry<String, String> e : signed.entrySet()) {
      sb.append(sep).append(e.getKey());
      if (!e.getValue().isEmpty()) {
        sb.append('=').append(e.getValue());
      }
      sep = '&';
    }
  }

  /**
   * Assembles the string to sign from the request's headers: Content-MD5 and Content-Type from
   * {@code headers} (empty when absent), the given Date line, the canonicalized OSS headers and the
   * resource.
   *
   * @param verb the upper-case HTTP method
   * @param dateLine the Date line value: {@link #dateLine(Headers)} for header signatures, the
   *     {@code Expires} parameter for presigned URLs (spec §5.2)
   * @param canonicalizedResource from {@link #canonicalizedResource}
   */
  public static String stringToSign(
      String verb, Headers headers, String dateLine, String canonicalizedResource) {
    return verb
        + '\n'
        + nullToEmpty(headers.get("content-md5"))
        + '\n'
        + nullToEmpty(headers.get("content-type"))
        + '\n'
        + nullToEmpty(dateLine)
        + '\n'
        + canonicalizedOssHeaders(headers)
        + canonicalizedResource;
  }

  /** {@code base64(HMAC-SHA1(secret, UTF-8(stringToSign)))}. */
  public static String sign(String secret, String stringToSign) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is required of every JDK", e);
    }
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
