package dev.osprey.storage.postgres;

import dev.osprey.storage.ObjectRef;
import dev.osprey.storage.StorageListener;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells every node sharing the database what another node changed, over one LISTEN/NOTIFY channel,
 * {@value #CHANNEL}. A payload is {@code schema \t node \t kind [\t bucket [\t key]]}: kind {@code
 * o} an object's current record (its key in base64url; sent inside the commit's transaction, so it
 * arrives only if the commit does, and after it), {@code b} a bucket's record, policy or
 * configuration, {@code i} a RAM identity (user, key, policy). A node ignores its own notices (its
 * listener already heard of the change) and those of other schemas (other deployments in one
 * database).
 *
 * <p>One thread per store holds a connection of its own (outside the pool) in {@code LISTEN} and
 * hands what arrives to the {@link StorageListener}. When that connection breaks, the thread
 * reconnects and then reports everything as changed ({@link StorageListener#identityChanged},
 * {@link StorageListener#bucketChanged} with a null bucket), as notices may have been missed.
 */
final class PgChangeFeed implements AutoCloseable {
  static final String CHANNEL = "osprey_changes";
  private static final Logger LOG = LoggerFactory.getLogger(PgChangeFeed.class);

  private final PostgresSettings settings;
  private final StorageListener listener;
  private final String schema;
  private final String node;
  private final Thread thread;
  private volatile boolean closed;
  private volatile Connection connection;

  PgChangeFeed(PostgresSettings settings, StorageListener listener) {
    this.settings = settings;
    this.listener = listener;
    this.schema = Objects.requireNonNullElse(settings.schema(), "");
    byte[] id = new byte[8];
    new SecureRandom().nextBytes(id);
    this.node = HexFormat.of().formatHex(id);
    this.thread = Thread.ofPlatform().name("osprey-pg-changes").daemon().start(this::run);
  }

  /** Announces an object change, in the transaction {@code c} that commits it. */
  void object(Connection c, String bucket, String key) throws SQLException {
    send(c, "o\t" + bucket + "\t" + encode(key));
  }

  /** Announces a change to a bucket's record, policy or configuration, in its transaction. */
  void bucket(Connection c, String bucket) throws SQLException {
    send(c, "b\t" + bucket);
  }

  /** Announces a change of users, keys or user policies, in its transaction. */
  void identity(Connection c) throws SQLException {
    send(c, "i");
  }

  /** A key may hold any character, NUL and tab included, which a notice's text cannot carry. */
  private static String encode(String key) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(Sql.utf8(key));
  }

  private static String decode(String encoded) {
    return Sql.string(Base64.getUrlDecoder().decode(encoded));
  }

  private boolean send(Connection c, String what) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
      ps.setString(1, CHANNEL);
      ps.setString(2, schema + "\t" + node + "\t" + what);
      ps.execute();
    }
    return true;
  }

  private void run() {
    boolean first = true;
    while (!closed) {
      try (Connection c = connect()) {
        connection = c;
        try (Statement s = c.createStatement()) {
          s.execute("LISTEN " + CHANNEL);
        }
        if (!first) {
          // Notices sent while we were away are lost: everything may have changed.
          listener.identityChanged();
          listener.bucketChanged(null);
        }
        first = false;
        PGConnection pg = c.unwrap(PGConnection.class);
        while (!closed) {
          PGNotification[] got = pg.getNotifications(1000);
          if (got != null) {
            for (PGNotification n : got) {
              deliver(n.getParameter());
            }
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (closed) {
          return;
        }
        LOG.warn("the PostgreSQL change feed broke ({}); reconnecting", e.toString());
        try {
          Thread.sleep(1000);
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
  }

  private Connection connect() throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", settings.user());
    if (settings.password() != null) {
      p.setProperty("password", settings.password());
    }
    Connection c = DriverManager.getConnection(settings.jdbcUrl(), p);
    c.setAutoCommit(true);
    return c;
  }

  private void deliver(String payload) {
    String[] f = payload.split("\t", 5);
    if (f.length < 3 || !f[0].equals(schema) || f[1].equals(node)) {
      return;
    }
    switch (f[2]) {
      case "o" -> {
        if (f.length == 5) {
          String key;
          try {
            key = decode(f[4]);
          } catch (IllegalArgumentException e) {
            return; // not a notice of ours
          }
          listener.objectChanged(new ObjectRef(f[3], key));
        }
      }
      case "b" -> {
        if (f.length >= 4) {
          listener.bucketChanged(f[3]);
        }
      }
      case "i" -> listener.identityChanged();
      default -> {
        // a kind from a newer node: nothing this one caches
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    Connection c = connection;
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        // closing anyway
      }
    }
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
