package dev.osprey.server.callback;

import dev.osprey.protocol.Limits;
import dev.osprey.protocol.OssException;
import dev.osprey.server.iam.AdminJson;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Fills a callback body template: {@code ${bucket}}, {@code ${object}}, {@code ${etag}}, {@code
 * ${size}}, {@code ${mimeType}}, {@code ${crc64}}, {@code ${contentMd5}}, {@code ${clientIp}},
 * {@code ${reqId}}, {@code ${operation}}, {@code ${imageInfo.height|width|format}} (empty: Osprey
 * does not inspect images), {@code ${vpcId}} (empty) and the request's {@code ${x:...}} variables
 * (empty when not given). In a form body values are URL-encoded; in a JSON body strings become JSON
 * strings (quotes included, as OSS fills {@code {"object":${object}}}) and {@code ${size}} a
 * number.
 */
final class CallbackBody {
  private CallbackBody() {}

  /** Refuses a template with an unterminated or empty {@code ${}. */
  static void check(String template) {
    int at = 0;
    while ((at = template.indexOf("${", at)) >= 0) {
      int end = template.indexOf('}', at + 2);
      if (end < 0 || end == at + 2) {
        throw OssException.invalidArgument(
            "The callbackBody has a malformed variable.", CallbackSpec.HEADER, null);
      }
      at = end + 1;
    }
  }

  /**
   * Bound on a filled body: a template within the request's headers could otherwise repeat a 5 KiB
   * variable into megabytes.
   */
  static final int MAX_BODY_CHARS = Limits.CALLBACK_BODY_CHARS;

  /** The body to POST; null when filling it would pass {@link #MAX_BODY_CHARS}. */
  static String render(CallbackSpec spec, UploadFacts facts) {
    String t = spec.bodyTemplate();
    StringBuilder out = new StringBuilder(t.length() + 64);
    int at = 0;
    while (true) {
      if (out.length() > MAX_BODY_CHARS) {
        return null;
      }
      int start = t.indexOf("${", at);
      if (start < 0) {
        out.append(t, at, t.length());
        return out.length() > MAX_BODY_CHARS ? null : out.toString();
      }
      int end = t.indexOf('}', start + 2);
      out.append(t, at, start);
      String name = t.substring(start + 2, end);
      if (name.equals("size")) {
        out.append(facts.size());
      } else {
        String value = value(name, facts, spec.vars());
        out.append(
            spec.json()
                ? AdminJson.quote(value)
                : URLEncoder.encode(value, StandardCharsets.UTF_8));
      }
      at = end + 1;
    }
  }

  private static String value(String name, UploadFacts f, Map<String, String> vars) {
    String v =
        switch (name) {
          case "bucket" -> f.bucket();
          case "object" -> f.key();
          case "etag" -> f.etag();
          case "mimeType" -> f.mimeType();
          case "crc64" -> f.crc64();
          case "contentMd5" -> f.contentMd5();
          case "clientIp" -> f.clientIp();
          case "reqId" -> f.requestId();
          case "operation" -> f.operation();
          default -> vars.get(name); // x:... variables; image info and the rest are empty
        };
    return v == null ? "" : v;
  }
}
