package dev.osprey.server.iam;

import dev.osprey.auth.SecurityTokens;
import dev.osprey.auth.policy.MalformedPolicyException;
import dev.osprey.auth.policy.PolicyDocument;
import dev.osprey.storage.AccessKeyRecord;
import dev.osprey.storage.MetadataStore;
import dev.osprey.storage.UserRecord;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.SortedMap;
import java.util.regex.Pattern;

/**
 * RAM users, their access keys and attached policies, over the metadata store. Every change tells
 * the {@link RamCredentialStore} to forget what it cached, so the next request sees it.
 */
public final class IamService {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
  private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final String SECRET_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final int MAX_KEYS_PER_USER = 2;

  /** Alibaba Cloud STS's default and upper bound for a session's duration. */
  public static final Duration DEFAULT_STS_DURATION = Duration.ofHours(1);

  public static final Duration MAX_STS_DURATION = Duration.ofHours(12);

  private final MetadataStore metadata;
  private final ServerKey serverKey;
  private final RamCredentialStore credentials;
  private final SecureRandom random = new SecureRandom();

  public IamService(MetadataStore metadata, ServerKey serverKey, RamCredentialStore credentials) {
    this.metadata = metadata;
    this.serverKey = serverKey;
    this.credentials = credentials;
  }

  /** A new access key with its secret in clear: the only time the secret is ever shown. */
  public record NewAccessKey(AccessKeyRecord record, String secret) {
    @Override
    public String toString() {
      return "NewAccessKey[" + record + "]";
    }
  }

  public UserRecord createUser(String name) {
    checkName(name, "UserName");
    UserRecord user =
        new UserRecord(name, "2" + digits(15), Instant.now().truncatedTo(ChronoUnit.MILLIS));
    if (!metadata.createUser(user)) {
      throw new IamException(409, "EntityAlreadyExists.User", "The user " + name + " exists.");
    }
    return user;
  }

  public List<UserRecord> listUsers() {
    return metadata.listUsers();
  }

  public void deleteUser(String name) {
    if (!metadata.deleteUser(name)) {
      throw noSuchUser(name);
    }
    credentials.invalidate();
  }

  /** RAM's limit of two keys per user, so rotation works and keys do not pile up. */
  public NewAccessKey createAccessKey(String userName) {
    requireUser(userName);
    if (metadata.listAccessKeys(userName).size() >= MAX_KEYS_PER_USER) {
      throw new IamException(
          409,
          "LimitExceeded.AccessKey",
          "A user has at most " + MAX_KEYS_PER_USER + " access keys.");
    }
    String id = "LTAI" + random(ID_ALPHABET, 20);
    String secret = random(SECRET_ALPHABET, 30);
    AccessKeyRecord record =
        new AccessKeyRecord(
            id,
            userName,
            serverKey.seal(secret, id),
            true,
            Instant.now().truncatedTo(ChronoUnit.MILLIS));
    if (!metadata.putAccessKey(record)) {
      throw noSuchUser(userName);
    }
    return new NewAccessKey(record, secret);
  }

  public List<AccessKeyRecord> listAccessKeys(String userName) {
    requireUser(userName);
    return metadata.listAccessKeys(userName);
  }

  public void deleteAccessKey(String userName, String accessKeyId) {
    boolean owned =
        metadata.getAccessKey(accessKeyId).map(k -> k.userName().equals(userName)).orElse(false);
    if (!owned || !metadata.deleteAccessKey(accessKeyId)) {
      throw new IamException(
          404, "EntityNotExist.AccessKey", "No such access key for " + userName + ".");
    }
    credentials.invalidate();
  }

  /** Validates the document as a RAM policy before attaching it. */
  public void putPolicy(String userName, String policyName, String document) {
    checkName(policyName, "PolicyName");
    try {
      PolicyDocument.parse(document, PolicyDocument.Kind.IDENTITY_POLICY);
    } catch (MalformedPolicyException e) {
      throw new IamException(
          400, "MalformedPolicyDocument", "The policy is invalid: " + e.getMessage());
    }
    if (!metadata.putUserPolicy(userName, policyName, document)) {
      throw noSuchUser(userName);
    }
    credentials.invalidate();
  }

  public String getPolicy(String userName, String policyName) {
    requireUser(userName);
    String doc = metadata.getUserPolicies(userName).get(policyName);
    if (doc == null) {
      throw noSuchPolicy(userName, policyName);
    }
    return doc;
  }

  public SortedMap<String, String> listPolicies(String userName) {
    requireUser(userName);
    return metadata.getUserPolicies(userName);
  }

  public void deletePolicy(String userName, String policyName) {
    requireUser(userName);
    if (!metadata.deleteUserPolicy(userName, policyName)) {
      throw noSuchPolicy(userName, policyName);
    }
    credentials.invalidate();
  }

  /**
   * Temporary credentials acting as {@code userName} until {@code duration} from now, within {@code
   * sessionPolicy} when one is given. Alibaba Cloud STS takes 15 minutes at least; here any
   * duration from 1 second is accepted, as a shorter session only ever grants less (and tests need
   * to watch one expire).
   *
   * @param sessionPolicy a RAM policy document, or null
   */
  public SecurityTokens.TemporaryCredentials assumeUser(
      String userName, String sessionPolicy, Duration duration) {
    UserRecord user = requireUser(userName);
    if (duration.compareTo(Duration.ofSeconds(1)) < 0 || duration.compareTo(MAX_STS_DURATION) > 0) {
      throw new IamException(
          400,
          "InvalidParameter.DurationSeconds",
          "DurationSeconds must be between 1 and " + MAX_STS_DURATION.toSeconds() + ".");
    }
    if (sessionPolicy != null && sessionPolicy.isBlank()) {
      sessionPolicy = null;
    }
    if (sessionPolicy != null) {
      checkSessionPolicy(sessionPolicy);
    }
    Instant end = Instant.now().plus(duration);
    // Expirations are whole seconds: round up, so a session never lasts less than asked.
    Instant expiration = Instant.ofEpochSecond(end.getEpochSecond() + (end.getNano() > 0 ? 1 : 0));
    return credentials.tokens().issue(user.name(), user.userId(), sessionPolicy, expiration);
  }

  private static void checkSessionPolicy(String document) {
    if (document.length() > SecurityTokens.MAX_SESSION_POLICY_CHARS) {
      throw new IamException(
          400,
          "InvalidParameter.PolicyDocument",
          "A session policy has at most "
              + SecurityTokens.MAX_SESSION_POLICY_CHARS
              + " characters.");
    }
    try {
      PolicyDocument.parse(document, PolicyDocument.Kind.IDENTITY_POLICY);
    } catch (MalformedPolicyException e) {
      throw new IamException(
          400, "MalformedPolicyDocument", "The session policy is invalid: " + e.getMessage());
    }
  }

  public UserRecord requireUser(String name) {
    return metadata.getUser(name).orElseThrow(() -> noSuchUser(name));
  }

  private static void checkName(String name, String what) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IamException(
          400,
          "InvalidParameter." + what,
          what + " must be 1-64 characters of A-Z a-z 0-9 . _ @ -");
    }
  }

  private static IamException noSuchUser(String name) {
    return new IamException(404, "EntityNotExist.User", "The user " + name + " does not exist.");
  }

  private static IamException noSuchPolicy(String user, String policy) {
    return new IamException(
        404, "EntityNotExist.Policy", "The user " + user + " has no policy " + policy + ".");
  }

  private String digits(int n) {
    return random("0123456789", n);
  }

  private String random(String alphabet, int length) {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }
}
