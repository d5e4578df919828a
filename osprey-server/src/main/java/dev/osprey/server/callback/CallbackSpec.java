package dev.osprey.server.callback;

import dev.osprey.auth.policy.Json;
import dev.osprey.protocol.Limits;
import dev.osprey.protocol.OssException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An upload's callback parameters, from {@code x-oss-callback} (base64 of a JSON object with {@code
 * callbackUrl}, {@code callbackHost}, {@code callbackBody}, {@code callbackBodyType}, {@code
 * callbackSNI}) and {@code x-oss-callback-var} (base64 of a JSON object of {@code x:} variables).
 * Every defect is InvalidArgument, found before the upload's body is stored.
 *
 * @param urls where to POST, tried in order until one succeeds (1 to 5)
 * @param host the Host header to send, null for the URL's own
 * @param bodyTemplate the body with its {@code ${...}} variables
 * @param json whether the body is {@code application/json} (else form-encoded)
 * @param sni whether an https callback names its host in TLS SNI
 * @param vars custom variables, names with their {@code x:} prefix
 */
public record CallbackSpec(
    List<URI> urls,
    String host,
    String bodyTemplate,
    boolean json,
    boolean sni,
    Map<String, String> vars) {
  public static final String HEADER = "x-oss-callback";
  public static final String VAR_HEADER = "x-oss-callback-var";
  static final String FORM = "application/x-www-form-urlencoded";
  static final String JSON = "application/json";

  /** At most this many URLs, separated by {@code ;}. */
  static final int MAX_URLS = Limits.CALLBACK_URLS;

  /** A {@code callbackHost}: a DNS name or an address literal, with an optional port. */
  private static final Pattern HOST =
      Pattern.compile(
          "([A-Za-z0-9_]([A-Za-z0-9_.-]{0,252})|\\[[0-9A-Fa-f:.]{2,45}\\])(:[0-9]{1,5})?");

  /** Bound on the decoded {@code x-oss-callback-var} document. */
  static final int MAX_VAR_BYTES = Limits.CALLBACK_VAR_BYTES;

  public CallbackSpec {
    urls = List.copyOf(urls);
    vars = Map.copyOf(vars);
  }

  /** Parses the two headers ({@code varHeader} may be null). */
  public static CallbackSpec parse(String header, String varHeader) {
    Map<String, Object> doc = object(decode(header, HEADER), HEADER);
    String url = string(doc, "callbackUrl");
    if (url == null || url.isBlank()) {
      throw invalid("The callbackUrl of the callback is missing.", url);
    }
    List<URI> urls = new ArrayList<>();
    for (String part : url.split(";")) {
      if (!part.isBlank()) {
        urls.add(url(part.trim()));
      }
    }
    if (urls.isEmpty() || urls.size() > MAX_URLS) {
      throw invalid("The callbackUrl must name 1 to " + MAX_URLS + " URLs.", url);
    }
    String body = string(doc, "callbackBody");
    if (body == null || body.isEmpty()) {
      throw invalid("The callbackBody of the callback is missing.", null);
    }
    CallbackBody.check(body);
    String type = string(doc, "callbackBodyType");
    boolean json;
    if (type == null || type.isBlank() || type.trim().equalsIgnoreCase(FORM)) {
      json = false;
    } else if (type.trim().equalsIgnoreCase(JSON)) {
      json = true;
    } else {
      throw invalid("The callbackBodyType is not supported.", type);
    }
    String host = string(doc, "callbackHost");
    if (host != null && !host.isBlank() && !HOST.matcher(host.trim()).matches()) {
      // it becomes the Host header of the callback: nothing but a host and port
      throw invalid("The callbackHost is not a valid host.", null);
    }
    Object sni = doc.get("callbackSNI");
    boolean useSni = Boolean.TRUE.equals(sni) || "true".equalsIgnoreCase(String.valueOf(sni));
    return new CallbackSpec(
        urls,
        host == null || host.isBlank() ? null : host.trim(),
        body,
        json,
        useSni,
        vars(varHeader));
  }

  private static Map<String, String> vars(String varHeader) {
    if (varHeader == null || varHeader.isBlank()) {
      return Map.of();
    }
    String text = decode(varHeader, VAR_HEADER);
    if (text.getBytes(StandardCharsets.UTF_8).length > MAX_VAR_BYTES) {
      throw OssException.invalidArgument(
          "The callback variables exceed " + MAX_VAR_BYTES + " bytes.", VAR_HEADER, null);
    }
    Map<String, String> vars = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : object(text, VAR_HEADER).entrySet()) {
      if (!e.getKey().startsWith("x:") || !(e.getValue() instanceof String value)) {
        throw OssException.invalidArgument(
            "Callback variables must be strings named x:...", VAR_HEADER, e.getKey());
      }
      vars.put(e.getKey(), value);
    }
    return vars;
  }

  private static URI url(String text) {
    String withScheme = text.contains("://") ? text : "http://" + text;
    try {
      URI u = new URI(withScheme);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https"))
          && u.getHost() != null
          && u.getUserInfo() == null
          && u.getFragment() == null) {
        return u;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw invalid("The callbackUrl is not a valid http or https URL.", text);
  }

  private static String decode(String header, String name) {
    try {
      return new String(Base64.getDecoder().decode(header.trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw OssException.invalidArgument(
          "The " + name + " header is not base64 encoded.", name, null);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(String text, String name) {
    Object parsed;
    try {
      parsed = Json.parse(text);
    } catch (IllegalArgumentException e) {
      throw OssException.invalidArgument("The " + name + " header is not valid JSON.", name, null);
    }
    if (!(parsed instanceof Map<?, ?> m)) {
      throw OssException.invalidArgument(
          "The " + name + " header is not a JSON object.", name, null);
    }
    return (Map<String, Object>) m;
  }

  private static String string(Map<String, Object> doc, String member) {
    Object v = doc.get(member);
    if (v == null || v == Json.NULL) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw invalid("The callback's " + member + " must be a string.", null);
    }
    return s;
  }

  private static OssException invalid(String message, String value) {
    return OssException.invalidArgument(message, HEADER, value);
  }
}
