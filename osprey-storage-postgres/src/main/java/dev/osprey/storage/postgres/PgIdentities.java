package dev.osprey.storage.postgres;

import dev.osprey.storage.AccessKeyRecord;
import dev.osprey.storage.UserRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * RAM users, their access keys (the secret stays sealed as the caller gave it) and attached
 * policies. Keys and policies reference their user with ON DELETE CASCADE, so deleting a user takes
 * them along in the same statement.
 */
final class PgIdentities {
  private final Sql sql;

  private final PgChangeFeed feed;

  /** {@code feed} announces every identity write to the other nodes, inside its transaction. */
  PgIdentities(Sql sql, PgChangeFeed feed) {
    this.sql = sql;
    this.feed = feed;
  }

  boolean createUser(UserRecord user) {
    return sql.tx(
        "create user",
        c -> {
          feed.identity(c); // delivered at commit, and only if it commits
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO osprey_user (name, user_id, created) VALUES (?, ?, ?)"
                      + " ON CONFLICT (name) DO NOTHING")) {
            ps.setString(1, user.name());
            ps.setString(2, user.userId());
            ps.setString(3, user.created().toString());
            return ps.executeUpdate() == 1;
          }
        });
  }

  Optional<UserRecord> getUser(String name) {
    return sql.tx(
        "read user",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT name, user_id, created FROM osprey_user WHERE name = ?")) {
            ps.setString(1, name);
            List<UserRecord> users = users(ps);
            return users.isEmpty() ? Optional.empty() : Optional.of(users.getFirst());
          }
        });
  }

  List<UserRecord> listUsers() {
    return sql.tx(
        "list users",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT name, user_id, created FROM osprey_user ORDER BY name")) {
            return users(ps);
          }
        });
  }

  boolean deleteUser(String name) {
    return sql.tx(
        "delete user",
        c -> {
          feed.identity(c); // delivered at commit, and only if it commits
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM osprey_user WHERE name = ?")) {
            ps.setString(1, name);
            return ps.executeUpdate() == 1;
          }
        });
  }

  boolean putAccessKey(AccessKeyRecord key) {
    return sql.tx(
        "store an access key",
        c -> {
          feed.identity(c); // delivered at commit, and only if it commits
          if (!lockUser(c, key.userName())) {
            return false;
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO osprey_access_key"
                      + " (access_key_id, user_name, sealed_secret, active, created)"
                      + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (access_key_id) DO UPDATE SET"
                      + " user_name = excluded.user_name, sealed_secret = excluded.sealed_secret,"
                      + " active = excluded.active, created = excluded.created")) {
            ps.setString(1, key.accessKeyId());
            ps.setString(2, key.userName());
            ps.setString(3, key.sealedSecret());
            ps.setBoolean(4, key.active());
            ps.setString(5, key.created().toString());
            ps.executeUpdate();
          }
          return true;
        });
  }

  Optional<AccessKeyRecord> getAccessKey(String accessKeyId) {
    return sql.tx(
        "read an access key",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT access_key_id, user_name, sealed_secret, active, created"
                      + " FROM osprey_access_key WHERE access_key_id = ?")) {
            ps.setString(1, accessKeyId);
            List<AccessKeyRecord> keys = keys(ps);
            return keys.isEmpty() ? Optional.empty() : Optional.of(keys.getFirst());
          }
        });
  }

  List<AccessKeyRecord> listAccessKeys(String userName) {
    return sql.tx(
        "list access keys",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT access_key_id, user_name, sealed_secret, active, created"
                      + " FROM osprey_access_key WHERE user_name = ? ORDER BY access_key_id")) {
            ps.setString(1, userName);
            return keys(ps);
          }
        });
  }

  boolean deleteAccessKey(String accessKeyId) {
    return sql.tx(
        "delete an access key",
        c -> {
          feed.identity(c); // delivered at commit, and only if it commits
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM osprey_access_key WHERE access_key_id = ?")) {
            ps.setString(1, accessKeyId);
            return ps.executeUpdate() == 1;
          }
        });
  }

  boolean putUserPolicy(String userName, String policyName, String document) {
    return sql.tx(
        "attach a policy",
        c -> {
          feed.identity(c); // delivered at commit, and only if it commits
          if (!lockUser(c, userName)) {
            return false;
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO osprey_user_policy (user_name, policy_name, document)"
                      + " VALUES (?, ?, ?) ON CONFLICT (user_name, policy_name)"
                      + " DO UPDATE SET document = excluded.document")) {
            ps.setString(1, userName);
            ps.setString(2, policyName);
            ps.setString(3, document);
            ps.executeUpdate();
          }
          return true;
        });
  }

  SortedMap<String, String> getUserPolicies(String userName) {
    return sql.tx(
        "read policies",
        c -> {
          SortedMap<String, String> out = new TreeMap<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT policy_name, document FROM osprey_user_policy WHERE user_name = ?")) {
            ps.setString(1, userName);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
              }
            }
          }
          return out;
        });
  }

  boolean deleteUserPolicy(String userName, String policyName) {
    return sql.tx(
        "detach a policy",
        c -> {
          feed.identity(c); // delivered at commit, and only if it commits
          try (PreparedStatement ps =
              c.prepareStatement(
                  "DELETE FROM osprey_user_policy WHERE user_name = ? AND policy_name = ?")) {
            ps.setString(1, userName);
            ps.setString(2, policyName);
            return ps.executeUpdate() == 1;
          }
        });
  }

  /** Whether the user exists, holding its row (KEY SHARE) so it cannot go before the commit. */
  private static boolean lockUser(Connection c, String name) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT 1 FROM osprey_user WHERE name = ? FOR KEY SHARE")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static List<UserRecord> users(PreparedStatement ps) throws SQLException {
    List<UserRecord> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new UserRecord(rs.getString(1), rs.getString(2), Instant.parse(rs.getString(3))));
      }
    }
    return out;
  }

  private static List<AccessKeyRecord> keys(PreparedStatement ps) throws SQLException {
    List<AccessKeyRecord> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(
            new AccessKeyRecord(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getBoolean(4),
                Instant.parse(rs.getString(5))));
      }
    }
    return out;
  }
}
