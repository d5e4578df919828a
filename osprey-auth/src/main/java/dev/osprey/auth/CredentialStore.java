package dev.osprey.auth;

import java.util.Optional;

/**
 * Where authenticators look access keys up. Later backed by the metadata store (RAM users, STS).
 */
@FunctionalInterface
public interface CredentialStore {
  Optional<Credential> find(String accessKeyId);
}
