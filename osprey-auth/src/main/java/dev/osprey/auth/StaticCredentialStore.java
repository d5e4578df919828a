package dev.osprey.auth;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A fixed set of keys, typically just the root key from the server configuration. */
public final class StaticCredentialStore implements CredentialStore {
  private final Map<String, Credential> byAccessKeyId = new LinkedHashMap<>();

  public StaticCredentialStore(Collection<Credential> credentials) {
    for (Credential c : credentials) {
      if (byAccessKeyId.putIfAbsent(c.accessKeyId(), c) != null) {
        throw new IllegalArgumentException("duplicate access key id " + c.accessKeyId());
      }
    }
  }

  /**
   * A store holding only the account owner's key, which authenticates as {@link Principal.Root}.
   */
  public static StaticCredentialStore ofRoot(String accessKeyId, String secret) {
    return new StaticCredentialStore(
        List.of(new Credential(accessKeyId, secret, new Principal.Root(accessKeyId))));
  }

  @Override
  public Optional<Credential> find(String accessKeyId) {
    return accessKeyId == null
        ? Optional.empty()
        : Optional.ofNullable(byAccessKeyId.get(accessKeyId));
  }

  @Override
  public String toString() {
    return "StaticCredentialStore" + byAccessKeyId.keySet();
  }
}
