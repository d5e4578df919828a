package dev.osprey.auth;

import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Asks each authenticator in turn; the first that recognises the request's scheme decides. */
public final class AuthenticatorChain {
  private final List<Authenticator> authenticators;

  /** Form uploads' signatures, which live in the body; null: this chain accepts none. */
  private final FormSignatureAuthenticator forms;

  public AuthenticatorChain(List<Authenticator> authenticators) {
    this(authenticators, null);
  }

  private AuthenticatorChain(List<Authenticator> authenticators, FormSignatureAuthenticator forms) {
    this.authenticators = List.copyOf(authenticators);
    this.forms = forms;
  }

  /**
   * The usual order. URL signatures come first so that a request combining a URL signature with an
   * {@code Authorization} header is refused (spec §5.2) instead of passing on the header alone;
   * anonymous last, as it claims only requests no other scheme could.
   */
  public static AuthenticatorChain standard(CredentialStore credentials) {
    return new AuthenticatorChain(
        List.of(
            new V4QueryAuthenticator(credentials),
            new V1QueryAuthenticator(credentials),
            new V4HeaderAuthenticator(credentials),
            new V1HeaderAuthenticator(credentials),
            new AnonymousAuthenticator()),
        new FormSignatureAuthenticator(credentials));
  }

  /**
   * Who sent a form upload (PostObject), from its fields; see {@link FormSignatureAuthenticator}.
   *
   * @param field a form field's value by lower-case name, null when absent
   */
  public Principal authenticateForm(Function<String, String> field, Instant now) {
    if (forms == null) {
      throw OssException.of(OssErrorCode.ACCESS_DENIED, "Form uploads are not accepted here.");
    }
    return forms.authenticate(field, now);
  }

  /**
   * @return who made the request
   * @throws OssException AccessDenied when no authenticator recognises it (an unknown Authorization
   *     scheme such as {@code OSS2} or AWS4), or whatever the recognising authenticator threw
   */
  public Principal authenticate(AuthRequest request) {
    for (Authenticator a : authenticators) {
      Optional<Principal> principal = a.authenticate(request);
      if (principal.isPresent()) {
        return principal.get();
      }
    }
    if (request.head().headers().contains("authorization")) {
      throw OssException.of(
          OssErrorCode.ACCESS_DENIED,
          "The authorization scheme of the Authorization header is not supported.");
    }
    throw OssException.of(
        OssErrorCode.ACCESS_DENIED, "The request carries no credentials this server accepts.");
  }
}
