package dev.osprey.cli.bench;

import dev.osprey.protocol.Headers;
import dev.osprey.protocol.HttpDates;
import dev.osprey.protocol.QueryParams;
import dev.osprey.protocol.sign.SignatureV1;
import dev.osprey.protocol.sign.SignatureV4;
import java.time.Instant;
import java.util.List;

/**
 * Signs bench requests with the header forms of OSS signature V1 (spec §5.1) and V4 (spec §5.3),
 * through the same {@link SignatureV1} / {@link SignatureV4} functions the server verifies with.
 * Dates are formatted once a second and the V4 signing key once a day.
 */
final class RequestSigner {
  private final BenchTarget.Credentials keys;
  private final boolean v4;
  private long dateSecond = Long.MIN_VALUE;
  private String rfc1123;
  private String iso8601;
  private String keyDay;
  private byte[] signingKey;

  RequestSigner(BenchTarget.Credentials keys) {
    this.keys = keys;
    this.v4 = "v4".equalsIgnoreCase(keys.signature());
  }

  /** What a request is signed over. */
  record Signed(String method, String bucket, String key, QueryParams query, String contentType) {}

  /**
   * Appends the date, token and Authorization headers of {@code req} to {@code head}, each line
   * ending with CRLF.
   */
  void sign(Signed req, StringBuilder head) {
    refreshDate();
    Headers h = new Headers();
    if (req.contentType() != null) {
      h.add("content-type", req.contentType());
    }
    if (keys.securityToken() != null) {
      h.add("x-oss-security-token", keys.securityToken());
      line(head, "x-oss-security-token", keys.securityToken());
    }
    if (v4) {
      signV4(req, h, head);
    } else {
      h.add("date", rfc1123);
      line(head, "Date", rfc1123);
      String resource = SignatureV1.canonicalizedResource(req.bucket(), req.key(), req.query());
      String toSign = SignatureV1.stringToSign(req.method(), h, rfc1123, resource);
      String signature = SignatureV1.sign(keys.accessKeySecret(), toSign);
      line(head, "Authorization", "OSS " + keys.accessKeyId() + ":" + signature);
    }
  }

  private void signV4(Signed req, Headers h, StringBuilder head) {
    h.add("x-oss-date", iso8601);
    h.add("x-oss-content-sha256", SignatureV4.UNSIGNED_PAYLOAD);
    line(head, "x-oss-date", iso8601);
    line(head, "x-oss-content-sha256", SignatureV4.UNSIGNED_PAYLOAD);
    String day = iso8601.substring(0, 8);
    if (!day.equals(keyDay)) {
      signingKey = SignatureV4.signingKey(keys.accessKeySecret(), day, keys.region());
      keyDay = day;
    }
    String scope = SignatureV4.scope(day, keys.region());
    String canonical =
        SignatureV4.canonicalRequest(
            new SignatureV4.CanonicalInput(
                req.method(), req.bucket(), req.key(), req.query(), h, List.of()));
    String signature =
        SignatureV4.signature(signingKey, SignatureV4.stringToSign(iso8601, scope, canonical));
    line(
        head,
        "Authorization",
        SignatureV4.ALGORITHM
            + " Credential="
            + keys.accessKeyId()
            + "/"
            + scope
            + ",Signature="
            + signature);
  }

  private void refreshDate() {
    long now = System.currentTimeMillis() / 1000;
    if (now != dateSecond) {
      Instant t = Instant.ofEpochSecond(now);
      rfc1123 = HttpDates.formatRfc1123(t);
      iso8601 = HttpDates.formatIso8601Basic(t);
      dateSecond = now;
    }
  }

  static void line(StringBuilder head, String name, String value) {
    head.append(name).append(": ").append(value).append("\r\n");
  }
}
