package dev.osprey.auth;

import static dev.osprey.auth.TestRequests.query;
import static dev.osprey.auth.TestRequests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.osprey.protocol.Headers;
import dev.osprey.protocol.HttpDates;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.QueryParams;
import dev.osprey.protocol.sign.SignatureV1;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthenticatorChainTest {
  private static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");
  private final AuthenticatorChain chain =
      AuthenticatorChain.standard(StaticCredentialStore.ofRoot("ak", "sk"));

  @Test
  void noCredentialsIsAnonymous() {
    AuthRequest r = request("GET", "bkt", "k", QueryParams.EMPTY, Headers.of("Host", "h"), NOW);
    assertThat(chain.authenticate(r)).isEqualTo(new Principal.Anonymous());
  }

  @Test
  void signedV1RequestIsRoot() {
    String date = HttpDates.formatRfc1123(NOW);
    String sig = SignatureV1.sign("sk", "GET\n\n\n" + date + "\n/");
    Headers h = Headers.of("Date", date, "Authorization", "OSS ak:" + sig);
    assertThat(chain.authenticate(request("GET", null, null, QueryParams.EMPTY, h, NOW)))
        .isEqualTo(new Principal.Root("ak"));
  }

  @Test
  void unknownSchemeIsAccessDenied() {
    Headers h = Headers.of("Authorization", "AWS4-HMAC-SHA256 Credential=x");
    OssException e =
        catchThrowableOfType(
            OssException.class,
            () -> chain.authenticate(request("GET", null, null, QueryParams.EMPTY, h, NOW)));
    assertThat(e.code()).isEqualTo(OssErrorCode.ACCESS_DENIED);
    assertThat(e.getMessage()).contains("not supported");
  }

  @Test
  void anonymousNeverClaimsRequestsWithSignatureParameters() {
    AnonymousAuthenticator anonymous = new AnonymousAuthenticator();
    for (String p : List.of("Signature", "OSSAccessKeyId", "x-oss-signature", "x-oss-credential")) {
      AuthRequest r = request("GET", "b", "k", query(p, "v"), new Headers(), NOW);
      assertThat(anonymous.authenticate(r)).as(p).isEmpty();
    }
    AuthRequest withHeader =
        request("GET", "b", "k", QueryParams.EMPTY, Headers.of("Authorization", "x"), NOW);
    assertThat(anonymous.authenticate(withHeader)).isEmpty();
  }

  @Test
  void firstAnswerWinsAndNoAnswerIsAccessDenied() {
    Authenticator never = r -> Optional.empty();
    Authenticator root = r -> Optional.of(new Principal.Root("first"));
    Authenticator other = r -> Optional.of(new Principal.Root("second"));
    AuthRequest r = request("GET", null, null, QueryParams.EMPTY, new Headers(), NOW);
    assertThat(new AuthenticatorChain(List.of(never, root, other)).authenticate(r))
        .isEqualTo(new Principal.Root("first"));
    OssException e =
        catchThrowableOfType(
            OssException.class, () -> new AuthenticatorChain(List.of(never)).authenticate(r));
    assertThat(e.code()).isEqualTo(OssErrorCode.ACCESS_DENIED);
  }

  @Test
  void credentialNeverPrintsItsSecret() {
    Credential c = new Credential("ak", "very-secret", new Principal.Root("ak"));
    assertThat(c.toString()).contains("ak").doesNotContain("very-secret");
    assertThat(StaticCredentialStore.ofRoot("ak", "very-secret").toString())
        .doesNotContain("very-secret");
    assertThat(StaticCredentialStore.ofRoot("ak", "s").find("ak"))
        .contains(new Credential("ak", "s", new Principal.Root("ak")));
    assertThat(StaticCredentialStore.ofRoot("ak", "s").find("other")).isEmpty();
  }
}
