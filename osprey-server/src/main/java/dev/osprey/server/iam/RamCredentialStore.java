package dev.osprey.server.iam;

import dev.osprey.auth.Credential;
import dev.osprey.auth.CredentialStore;
import dev.osprey.auth.Principal;
import dev.osprey.auth.SecurityTokens;
import dev.osprey.auth.policy.MalformedPolicyException;
import dev.osprey.auth.policy.PolicyDocument;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.storage.AccessKeyRecord;
import dev.osprey.storage.MetadataStore;
import dev.osprey.storage.UserRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Access keys for authentication: the root key first, then RAM users' keys from the metadata store.
 * A RAM key found active is cached with its user's policies (opening the sealed secret and parsing
 * policies once, not on every request) until any identity change invalidates the cache. Unknown ids
 * are not cached, so a flood of made-up ids cannot grow memory.
 *
 * <p>Temporary (STS) credentials exist only through their security token: its claims name the user,
 * whose current policies are looked up at every use, so deleting the user (or recreating one of the
 * same name, which gets a new user id) ends every session issued for it.
 */
public final class RamCredentialStore implements CredentialStore {
  private static final Logger log = LoggerFactory.getLogger(RamCredentialStore.class);
  private static final int MAX_CACHED = 10_000;

  private final CredentialStore root;
  private final MetadataStore metadata;
  private final ServerKey serverKey;
  private final SecurityTokens tokens;
  private final Map<String, Credential> cache = new ConcurrentHashMap<>();
  private final Map<String, Principal.RamUser> users = new ConcurrentHashMap<>();

  public RamCredentialStore(CredentialStore root, MetadataStore metadata, ServerKey serverKey) {
    this.root = root;
    this.metadata = metadata;
    this.serverKey = serverKey;
    this.tokens = new SecurityTokens(serverKey.stsKey());
  }

  /** Issues and verifies this server's security tokens. */
  public SecurityTokens tokens() {
    return tokens;
  }

  @Override
  public Optional<Credential> find(String accessKeyId, String securityToken, Instant now) {
    if (!SecurityTokens.isTemporary(accessKeyId)) {
      return CredentialStore.super.find(accessKeyId, securityToken, now);
    }
    if (securityToken == null) {
      throw OssException.of(
          OssErrorCode.INVALID_SECURITY_TOKEN,
          "An STS access key id must come with its security token.");
    }
    SecurityTokens.Claims claims = tokens.open(accessKeyId, securityToken, now);
    Principal.RamUser user = sessionUser(claims.userName());
    if (user == null || !user.userId().equals(claims.userId())) {
      throw OssException.of(
          OssErrorCode.INVALID_SECURITY_TOKEN,
          "The user the security token was issued for no longer exists.");
    }
    Principal.StsSession session =
        new Principal.StsSession(claims.expiration(), sessionPolicy(claims));
    return Optional.of(
        new Credential(
            accessKeyId, tokens.secretFor(accessKeyId), user.withSession(accessKeyId, session)));
  }

  private Principal.RamUser sessionUser(String userName) {
    Principal.RamUser cached = users.get(userName);
    if (cached != null) {
      return cached;
    }
    Optional<Principal.RamUser> loaded = metadata.getUser(userName).map(u -> principal(u, ""));
    loaded.ifPresent(
        u -> {
          if (users.size() >= MAX_CACHED) {
            users.clear();
          }
          users.put(userName, u);
        });
    return loaded.orElse(null);
  }

  /** Validated at issue time; a sealed token cannot have been changed since. */
  private static PolicyDocument sessionPolicy(SecurityTokens.Claims claims) {
    if (claims.sessionPolicy() == null) {
      return null;
    }
    try {
      return PolicyDocument.parse(claims.sessionPolicy(), PolicyDocument.Kind.IDENTITY_POLICY);
    } catch (MalformedPolicyException e) {
      // A stricter future parser: refusing is safe, granting the user's full rights would not be.
      throw OssException.of(
          OssErrorCode.INVALID_SECURITY_TOKEN, "The session policy of the token is not valid.");
    }
  }

  @Override
  public Optional<Credential> find(String accessKeyId) {
    if (accessKeyId == null) {
      return Optional.empty();
    }
    Optional<Credential> r = root.find(accessKeyId);
    if (r.isPresent()) {
      return r;
    }
    Credential cached = cache.get(accessKeyId);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<Credential> loaded = load(accessKeyId);
    loaded.ifPresent(
        c -> {
          if (cache.size() >= MAX_CACHED) {
            cache.clear();
          }
          cache.put(accessKeyId, c);
        });
    return loaded;
  }

  /** Forgets every cached key: called after any change to users, keys or policies. */
  public void invalidate() {
    cache.clear();
    users.clear();
  }

  /** The user behind a RAM key with its current policies, for temporary credentials too. */
  public Optional<Principal.RamUser> user(String userName, String accessKeyId) {
    return metadata.getUser(userName).map(u -> principal(u, accessKeyId));
  }

  private Optional<Credential> load(String accessKeyId) {
    Optional<AccessKeyRecord> key = metadata.getAccessKey(accessKeyId);
    if (key.isEmpty() || !key.get().active()) {
      return Optional.empty();
    }
    Optional<UserRecord> user = metadata.getUser(key.get().userName());
    if (user.isEmpty()) {
      return Optional.empty();
    }
    String secret;
    try {
      secret = serverKey.open(key.get().sealedSecret(), accessKeyId);
    } catch (IllegalArgumentException e) {
      log.warn(
          "Access key {} cannot be opened with this server's key; treating it as unknown",
          accessKeyId);
      return Optional.empty();
    }
    return Optional.of(new Credential(accessKeyId, secret, principal(user.get(), accessKeyId)));
  }

  /**
   * Stored policies were validated when attached; one that no longer parses (a stricter future
   * parser) is skipped with a warning rather than failing every request of the user.
   */
  private Principal.RamUser principal(UserRecord user, String accessKeyId) {
    List<PolicyDocument> policies = new ArrayList<>();
    for (Map.Entry<String, String> p : metadata.getUserPolicies(user.name()).entrySet()) {
      try {
        policies.add(PolicyDocument.parse(p.getValue(), PolicyDocument.Kind.IDENTITY_POLICY));
      } catch (IllegalArgumentException e) {
        log.warn(
            "Policy {} of user {} no longer parses: {}", p.getKey(), user.name(), e.getMessage());
      }
    }
    return new Principal.RamUser(user.name(), user.userId(), accessKeyId, policies, null);
  }
}
