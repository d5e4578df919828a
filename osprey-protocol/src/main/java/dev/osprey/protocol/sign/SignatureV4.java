package dev.osprey.protocol.sign;

import dev.osprey.protocol.Headers;
import dev.osprey.protocol.QueryParams;
import dev.osprey.protocol.UrlEncoding;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * OSS signature version 4 ({@code OSS4-HMAC-SHA256}, spec §5.3 header form and §5.4 URL form) as
 * pure functions.
 *
 * <pre>
 * CanonicalRequest = VERB \n CanonicalURI \n CanonicalQuery \n CanonicalHeaders \n AdditionalHeaders \n HashedPayload
 * StringToSign     = OSS4-HMAC-SHA256 \n x-oss-date \n scope \n hex(sha256(CanonicalRequest))
 * Signature        = hex(HMAC-SHA256(signingKey(secret, date, region), StringToSign))
 * </pre>
 */
public final class SignatureV4 {
  public static final String ALGORITHM = "OSS4-HMAC-SHA256";
  public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";
  public static final String PRODUCT = "oss";
  public static final String TERMINATOR = "aliyun_v4_request";

  /**
   * The query parameter of a presigned URL that carries the signature: never part of the canonical
   * query.
   */
  public static final String SIGNATURE_PARAM = "x-oss-signature";

  private static final HexFormat HEX = HexFormat.of();

  /**
   * What the canonical request is built from.
   *
   * @param method upper-case HTTP method
   * @param bucket bucket or null (service request)
   * @param key decoded key or null (service and bucket requests)
   * @param query decoded query parameters, all of them
   * @param headers request headers
   * @param additionalHeaders lower-case names from {@code AdditionalHeaders} (or {@code
   *     x-oss-additional-headers})
   */
  public record CanonicalInput(
      String method,
      String bucket,
      String key,
      QueryParams query,
      Headers headers,
      List<String> additionalHeaders) {
    public CanonicalInput {
      additionalHeaders = List.copyOf(additionalHeaders);
    }
  }

  private SignatureV4() {}

  /**
   * RFC 3986 percent-encoding of the UTF-8 bytes of {@code s}: unreserved characters ({@code A-Z
   * a-z 0-9 - . _ ~}) stay, {@code /} stays when {@code keepSlash}, everything else becomes
   * upper-case {@code %XX}.
   */
  public static String uriEncode(String s, boolean keepSlash) {
    return UrlEncoding.encode(s, keepSlash);
  }

  /**
   * {@code /bucket/key} encoded with {@link #uriEncode} ({@code /bucket/} for a bucket, {@code /}
   * for the service), whatever addressing style the request used (spec §5.3).
   */
  public static String canonicalUri(String bucket, String key) {
    if (bucket == null) {
      return "/";
    }
    return uriEncode("/" + bucket + "/" + (key == null ? "" : key), true);
  }

  /**
   * Every query parameter except {@link #SIGNATURE_PARAM}, name and value encoded, sorted by
   * encoded name (then value), {@code name=value} or the bare name when the value is empty, joined
   * by {@code &}.
   */
  public static String canonicalQuery(QueryParams query) {
    List<String[]> encoded = new ArrayList<>(query.all().size());
    for (QueryParams.Param p : query.all()) {
      if (!p.name().equals(SIGNATURE_PARAM)) {
        String value = p.value() == null ? "" : p.value();
        encoded.add(new String[] {uriEncode(p.name(), false), uriEncode(value, false)});
      }
    }
    encoded.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
    StringBuilder sb = new StringBuilder();
    for (String[] nv : encoded) {
      if (!sb.isEmpty()) {
        sb.append('&');
      }
      sb.append(nv[0]);
      if (!nv[1].isEmpty()) {
        sb.append('=').append(nv[1]);
      }
    }
    return sb.toString();
  }

  /**
   * Headers signed without being named: every {@code x-oss-*}, {@code content-type}, {@code
   * content-md5}.
   */
  public static boolean isDefaultSignedHeader(String lowerName) {
    return lowerName.startsWith("x-oss-")
        || lowerName.equals("content-type")
        || lowerName.equals("content-md5");
  }

  /**
   * The default signed headers present on the request plus the additional ones, each {@code
   * name:value\n} with lower-case names, sorted, values trimmed and repeated values joined by
   * {@code ,}.
   */
  public static String canonicalHeaders(Headers headers, List<String> additionalHeaders) {
    Set<String> additional = new TreeSet<>();
    for (String h : additionalHeaders) {
      additional.add(h.toLowerCase(Locale.ROOT));
    }
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, List<String>> e : headers.asMap().entrySet()) {
      String name = e.getKey();
      if (isDefaultSignedHeader(name) || additional.contains(name)) {
        sb.append(name).append(':');
        List<String> values = e.getValue();
        for (int i = 0; i < values.size(); i++) {
          if (i > 0) {
            sb.append(',');
          }
          sb.append(values.get(i).trim());
        }
        sb.append('\n');
      }
    }
    return sb.toString();
  }

  /**
   * The AdditionalHeaders line: lower-case names joined by {@code ;} in the order the client listed
   * them.
   */
  public static String additionalHeadersLine(List<String> additionalHeaders) {
    List<String> lower = new ArrayList<>(additionalHeaders.size());
    for (String h : additionalHeaders) {
      lower.add(h.toLowerCase(Locale.ROOT));
    }
    return String.join(";", lower);
  }

  /**
   * {@code x-oss-content-sha256} when sent, else {@code UNSIGNED-PAYLOAD} (the presigned-URL case).
   */
  public static String hashedPayload(Headers headers) {
    String v = headers.get("x-oss-content-sha256");
    return v == null || v.isEmpty() ? UNSIGNED_PAYLOAD : v;
  }

  public static String canonicalRequest(CanonicalInput in) {
    return canonicalRequest(in, canonicalUri(in.bucket(), in.key()));
  }

  /**
   * The canonical request with the given canonical URI in place of {@link #canonicalUri}: the C SDK
   * over an IP endpoint signs a bucket as {@code /bucket}, without the trailing slash.
   */
  public static String canonicalRequest(CanonicalInput in, String canonicalUri) {
    return in.method()
        + '\n'
        + canonicalUri
        + '\n'
        + canonicalQuery(in.query())
        + '\n'
        + canonicalHeaders(in.headers(), in.additionalHeaders())
        + '\n'
        + additionalHeadersLine(in.additionalHeaders())
        + '\n'
        + hashedPayload(in.headers());
  }

  /** {@code yyyymmdd/region/oss/aliyun_v4_request}. */
  public static String scope(String date, String region) {
    return date + "/" + region + "/" + PRODUCT + "/" + TERMINATOR;
  }

  /**
   * @param isoDateTime the request time in ISO 8601 basic form ({@code x-oss-date})
   * @param scope from {@link #scope}
   */
  public static String stringToSign(String isoDateTime, String scope, String canonicalRequest) {
    return ALGORITHM + '\n' + isoDateTime + '\n' + scope + '\n' + sha256Hex(canonicalRequest);
  }

  /**
   * HMAC-SHA256 chain: {@code "aliyun_v4" + secret} → date → region → {@code oss} → {@code
   * aliyun_v4_request}.
   */
  public static byte[] signingKey(String secret, String date, String region) {
    byte[] k = hmacSha256(("aliyun_v4" + secret).getBytes(StandardCharsets.UTF_8), date);
    k = hmacSha256(k, region);
    k = hmacSha256(k, PRODUCT);
    return hmacSha256(k, TERMINATOR);
  }

  /** Lower-case hex of {@code HMAC-SHA256(signingKey, stringToSign)}. */
  public static String signature(byte[] signingKey, String stringToSign) {
    return HEX.formatHex(hmacSha256(signingKey, stringToSign));
  }

  public static String sha256Hex(String s) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HEX.formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  private static byte[] hmacSha256(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
    }
  }

  /**
   * Splits {@code Credential=AK/yyyymmdd/region/oss/aliyun_v4_request}'s value. Also the form of
   * the {@code x-oss-credential} parameter of presigned URLs.
   *
   * @return null when the value does not have five {@code /}-separated parts ending in {@code
   *     aliyun_v4_request}
   */
  public static CredentialScope parseCredential(String value) {
    if (value == null) {
      return null;
    }
    String[] parts = value.trim().split("/", -1);
    boolean wellFormed =
        parts.length == 5
            && parts[4].equals(TERMINATOR)
            && !parts[0].isEmpty()
            && parts[1].length() == 8
            && !parts[2].isEmpty();
    if (!wellFormed) {
      return null;
    }
    return new CredentialScope(parts[0], parts[1], parts[2], parts[3]);
  }

  /**
   * Parses {@code OSS4-HMAC-SHA256
   * Credential=AK/date/region/oss/aliyun_v4_request[,AdditionalHeaders=h1;h2], Signature=hex},
   * tolerating spaces after the commas and around {@code =}.
   *
   * @return null when the header is not a well-formed V4 Authorization value
   */
  public static V4Authorization parseAuthorization(String header) {
    if (header == null || !header.startsWith(ALGORITHM + " ")) {
      return null;
    }
    Map<String, String> fields = new TreeMap<>();
    for (String part : header.substring(ALGORITHM.length() + 1).split(",")) {
      int eq = part.indexOf('=');
      if (eq < 0) {
        return null;
      }
      String name = part.substring(0, eq).trim();
      if (fields.put(name, part.substring(eq + 1).trim()) != null) {
        return null;
      }
    }
    CredentialScope credential = parseCredential(fields.get("Credential"));
    String signature = fields.get("Signature");
    if (credential == null || signature == null || signature.isEmpty()) {
      return null;
    }
    return new V4Authorization(
        credential, parseHeaderList(fields.get("AdditionalHeaders")), signature);
  }

  /** Splits an {@code h1;h2} list into lower-case names; empty for null or blank. */
  public static List<String> parseHeaderList(String value) {
    List<String> names = new ArrayList<>();
    if (value != null) {
      for (String h : value.split(";")) {
        String t = h.trim();
        if (!t.isEmpty()) {
          names.add(t.toLowerCase(Locale.ROOT));
        }
      }
    }
    return List.copyOf(names);
  }

  /** The parts of a credential scope. {@code product} is {@code oss} for OSS proper. */
  public record CredentialScope(String accessKeyId, String date, String region, String product) {
    /** {@code date/region/product/aliyun_v4_request}. */
    public String scope() {
      return date + "/" + region + "/" + product + "/" + TERMINATOR;
    }
  }

  /** A parsed V4 {@code Authorization} header. */
  public record V4Authorization(
      CredentialScope credential, List<String> additionalHeaders, String signature) {
    public V4Authorization {
      additionalHeaders = List.copyOf(additionalHeaders);
    }
  }
}
