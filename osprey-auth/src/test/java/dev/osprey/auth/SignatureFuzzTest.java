package dev.osprey.auth;

import static dev.osprey.protocol.fuzz.FuzzInput.refusedAs4xxOrAccepted;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.osprey.protocol.Headers;
import dev.osprey.protocol.HttpDates;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.RequestHead;
import dev.osprey.protocol.fuzz.FuzzInput;
import dev.osprey.protocol.route.RoutedRequest;
import dev.osprey.protocol.route.Router;
import dev.osprey.protocol.route.RouterConfig;
import dev.osprey.protocol.sign.SignatureV1;
import dev.osprey.protocol.sign.SignatureV4;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Fuzz targets for both signature canonicalisations. The input is a request (method, target, Host,
 * headers: see {@link FuzzInput#head}) that the router reads as any client could send it. Two
 * properties: the request as sent, whatever its Authorization, is at worst refused with a 4xx; and
 * the same request signed the way the SDKs sign it (V1 and V4, over what the router made of it)
 * authenticates as root, so no spelling of a key, query or header breaks canonicalisation.
 */
class SignatureFuzzTest {
  private static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");
  private static final String ID = "ak";
  private static final String SECRET = "sk";
  private static final Router ROUTER = new Router(new RouterConfig(Set.of("localhost")));
  private static final AuthenticatorChain CHAIN =
      AuthenticatorChain.standard(StaticCredentialStore.ofRoot(ID, SECRET));

  /** Headers a signer sets itself; fuzzed ones of these names are dropped before signing. */
  private static final Set<String> SIGNER_HEADERS =
      Set.of(
          "authorization",
          "date",
          "x-oss-date",
          "x-oss-security-token",
          "x-oss-content-sha256",
          "x-oss-additional-headers");

  @FuzzTest
  void requestAsSent(byte[] data) {
    RequestHead head = FuzzInput.head(FuzzInput.lines(data));
    refusedAs4xxOrAccepted(
        () -> CHAIN.authenticate(new AuthRequest(head, ROUTER.route(head), NOW)));
  }

  @FuzzTest
  void signedAsTheSdksSign(byte[] data) {
    RequestHead sent = FuzzInput.head(FuzzInput.lines(data));
    RoutedRequest routed;
    try {
      routed = ROUTER.route(sent);
    } catch (OssException refused) {
      FuzzInput.assert4xx(refused);
      return;
    }
    if (routed.query().all().stream().anyMatch(q -> isAuthParameter(q.name()))) {
      return; // a presigned URL's parameters: another authenticator's input, fuzzed above
    }
    Headers plain = new Headers();
    for (Map.Entry<String, List<String>> e : sent.headers().asMap().entrySet()) {
      if (!SIGNER_HEADERS.contains(e.getKey().toLowerCase(Locale.ROOT))) {
        e.getValue().forEach(v -> plain.add(e.getKey(), v));
      }
    }
    expectRoot(sent.method(), sent.rawUri(), v1(sent.method(), routed, plain), routed);
    expectRoot(sent.method(), sent.rawUri(), v4(sent.method(), routed, plain), routed);
  }

  private static boolean isAuthParameter(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.startsWith("x-oss-")
        || Set.of("signature", "ossaccesskeyid", "expires", "security-token").contains(n);
  }

  private static void expectRoot(String method, String uri, Headers signed, RoutedRequest r) {
    Principal p = CHAIN.authenticate(new AuthRequest(new RequestHead(method, uri, signed), r, NOW));
    if (!(p instanceof Principal.Root)) {
      throw new AssertionError("a correctly signed request authenticated as " + p);
    }
  }

  private static Headers copy(Headers h) {
    Headers c = new Headers();
    h.asMap().forEach((name, values) -> values.forEach(v -> c.add(name, v)));
    return c;
  }

  private static Headers v1(String method, RoutedRequest r, Headers plain) {
    Headers h = copy(plain).add("Date", HttpDates.formatRfc1123(NOW));
    String resource = SignatureV1.canonicalizedResource(r.bucket(), r.key(), r.query());
    String toSign = SignatureV1.stringToSign(method, h, SignatureV1.dateLine(h), resource);
    return h.add("Authorization", "OSS " + ID + ":" + SignatureV1.sign(SECRET, toSign));
  }

  private static Headers v4(String method, RoutedRequest r, Headers plain) {
    String when = HttpDates.formatIso8601Basic(NOW);
    String day = when.substring(0, 8);
    String region = "cn-hangzhou";
    Headers h =
        copy(plain)
            .add("x-oss-date", when)
            .add("x-oss-content-sha256", SignatureV4.UNSIGNED_PAYLOAD);
    String canonical =
        SignatureV4.canonicalRequest(
            new SignatureV4.CanonicalInput(method, r.bucket(), r.key(), r.query(), h, List.of()));
    String scope = SignatureV4.scope(day, region);
    String signature =
        SignatureV4.signature(
            SignatureV4.signingKey(SECRET, day, region),
            SignatureV4.stringToSign(when, scope, canonical));
    return h.add(
        "Authorization",
        SignatureV4.ALGORITHM + " Credential=" + ID + "/" + scope + ",Signature=" + signature);
  }
}
