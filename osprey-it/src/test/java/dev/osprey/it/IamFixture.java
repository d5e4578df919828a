package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osprey.cli.AdminClient;
import dev.osprey.server.OspreyServer;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server of its own with the operators' listener open, and the admin client that manages its RAM
 * users with the root key: what the RAM-user and STS suites share.
 */
final class IamFixture implements AutoCloseable {
  final OspreyServer server;
  final AdminClient admin;

  private IamFixture(OspreyServer server, AdminClient admin) {
    this.server = server;
    this.admin = admin;
  }

  static IamFixture start(String rootKeyId, String rootSecret) throws IOException {
    OspreyServer server =
        OspreyServer.builder()
            .port(0)
            .tempDataDir()
            .rootCredentials(rootKeyId, rootSecret)
            .adminAddress("127.0.0.1", 0)
            .build()
            .start();
    return new IamFixture(server, new AdminClient(server.adminEndpoint(), rootKeyId, rootSecret));
  }

  /** A RAM user as the admin API created it, with one access key. */
  record User(String name, String userId, String accessKeyId, String secret) {}

  /** Temporary credentials as the admin API issued them. */
  record Sts(String accessKeyId, String secret, String token, String expiration) {}

  /** Creates user {@code name} with a fresh key and {@code policies} (named p0, p1, ...). */
  User user(String name, String... policies) throws IOException, InterruptedException {
    AdminClient.Response created = admin.call("POST", "users/" + name, null);
    assertThat(created.status()).as(created.json()).isEqualTo(200);
    AdminClient.Response key = admin.call("POST", "users/" + name + "/keys", null);
    assertThat(key.status()).as(key.json()).isEqualTo(200);
    for (int i = 0; i < policies.length; i++) {
      AdminClient.Response p = admin.call("PUT", "users/" + name + "/policies/p" + i, policies[i]);
      assertThat(p.status()).as(p.json()).isEqualTo(200);
    }
    return new User(
        name,
        field(created.json(), "UserId"),
        field(key.json(), "AccessKeyId"),
        field(key.json(), "AccessKeySecret"));
  }

  /**
   * Temporary credentials of {@code user}; {@code path} is "" or "/seconds", {@code sessionPolicy}
   * null for none.
   */
  Sts assume(String user, String path, String sessionPolicy)
      throws IOException, InterruptedException {
    AdminClient.Response r = admin.call("POST", "users/" + user + "/sts" + path, sessionPolicy);
    assertThat(r.status()).as(r.json()).isEqualTo(200);
    return new Sts(
        field(r.json(), "AccessKeyId"),
        field(r.json(), "AccessKeySecret"),
        field(r.json(), "SecurityToken"),
        field(r.json(), "Expiration"));
  }

  /** A string field of an admin API answer; fails the test when it is missing. */
  static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
    assertThat(m.find()).as(name + " in " + json).isTrue();
    return m.group(1);
  }

  /** A RAM policy with one statement. */
  static String policy(String effect, String action, String resource) {
    return "{\"Version\":\"1\",\"Statement\":[" + statement(effect, action, resource, "") + "]}";
  }

  /** One statement; {@code extra} is appended inside it (e.g. a Condition member). */
  static String statement(String effect, String action, String resource, String extra) {
    return "{\"Effect\":\""
        + effect
        + "\",\"Action\":[\""
        + action
        + "\"],\"Resource\":[\""
        + resource
        + "\"]"
        + extra
        + "}";
  }

  @Override
  public void close() {
    server.close();
  }
}
