package dev.osprey.storage.postgres;

import dev.osprey.storage.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned schema migrations: SQL files under {@code migrations/} in this package, named {@code
 * V<n>__<what>.sql}, applied in order at start, each in its own transaction together with its row
 * in {@code osprey_schema_migration}. Nodes starting together take a transaction-scoped advisory
 * lock first, so exactly one applies each migration and the others find it done. A database whose
 * schema is newer than this build is refused rather than guessed at.
 */
final class Migrations {
  private static final Logger log = LoggerFactory.getLogger(Migrations.class);

  /** Every migration this build knows, in order; the number is the schema version. */
  static final List<String> FILES = List.of("V1__records.sql");

  /** Advisory lock key of the migration step (any constant no other code uses). */
  private static final long LOCK = 0x6F73707265794D47L;

  private Migrations() {}

  /** The schema version this build writes. */
  static int latest() {
    return FILES.size();
  }

  /** Applies every migration the database lacks; returns the schema version it ends at. */
  static int apply(DataSource ds) {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      lock(c); // CREATE TABLE IF NOT EXISTS itself races between nodes starting together
      try (Statement s = c.createStatement()) {
        s.execute(
            "CREATE TABLE IF NOT EXISTS osprey_schema_migration ("
                + " version integer PRIMARY KEY,"
                + " name text NOT NULL,"
                + " applied_at timestamptz NOT NULL DEFAULT now())");
      }
      c.commit();
      for (int v = 1; v <= FILES.size(); v++) {
        applyOne(c, v, FILES.get(v - 1));
      }
      int newest = newest(c);
      c.commit();
      if (newest > latest()) {
        throw new StorageException(
            "the PostgreSQL schema is at version "
                + newest
                + ", newer than this build knows ("
                + latest()
                + "): upgrade Osprey");
      }
      return newest;
    } catch (SQLException e) {
      throw new StorageException("cannot migrate the PostgreSQL schema", e);
    }
  }

  private static void lock(Connection c) throws SQLException {
    try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
      lock.setLong(1, LOCK);
      lock.execute();
    }
  }

  private static void applyOne(Connection c, int version, String file) throws SQLException {
    lock(c);
    try (PreparedStatement q =
        c.prepareStatement("SELECT 1 FROM osprey_schema_migration WHERE version = ?")) {
      q.setInt(1, version);
      try (ResultSet rs = q.executeQuery()) {
        if (rs.next()) {
          c.commit();
          return;
        }
      }
    }
    try (Statement s = c.createStatement()) {
      s.execute(read(file));
      try (PreparedStatement ins =
          c.prepareStatement("INSERT INTO osprey_schema_migration (version, name) VALUES (?, ?)")) {
        ins.setInt(1, version);
        ins.setString(2, file);
        ins.executeUpdate();
      }
      c.commit();
      log.info("applied PostgreSQL schema migration {}", file);
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    }
  }

  private static int newest(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT coalesce(max(version), 0) FROM osprey_schema_migration")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static String read(String file) {
    try (InputStream in = Migrations.class.getResourceAsStream("migrations/" + file)) {
      if (in == null) {
        throw new StorageException("migration " + file + " is missing from the build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StorageException("cannot read migration " + file, e);
    }
  }
}
