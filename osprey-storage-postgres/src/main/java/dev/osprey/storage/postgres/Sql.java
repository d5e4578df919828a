package dev.osprey.storage.postgres;

import dev.osprey.storage.StorageException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Transactions over the pool: one connection, autocommit off, READ COMMITTED (row locks and
 * advisory locks give the serialization each operation needs), retried from the start on a
 * serialization failure or a deadlock the database broke. Work must therefore be repeatable: it
 * re-reads what it depends on, and a mutation may run more than once (MetadataStore allows it).
 */
final class Sql {
  private static final int ATTEMPTS = 8;

  private final DataSource ds;

  Sql(DataSource ds) {
    this.ds = ds;
  }

  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** Runs {@code work} in one read-write transaction, committing when it returns. */
  <T> T tx(String what, Work<T> work) {
    return run(what, false, work);
  }

  /**
   * Runs a single-statement read in autocommit mode: no BEGIN and no COMMIT round trip. Only for
   * work that issues exactly one statement (one statement always reads one snapshot).
   */
  <T> T read(String what, Work<T> work) {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(true);
      return work.run(c);
    } catch (SQLException e) {
      throw new StorageException("PostgreSQL: cannot " + what, e);
    }
  }

  /** Runs {@code work} in one read-only REPEATABLE READ transaction: one snapshot for all reads. */
  <T> T snapshot(String what, Work<T> work) {
    return run(what, true, work);
  }

  private <T> T run(String what, boolean readOnlySnapshot, Work<T> work) {
    SQLException last = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      try (Connection c = ds.getConnection()) {
        c.setAutoCommit(false);
        try {
          if (readOnlySnapshot) {
            // The first statement of the transaction: the pool's default stays READ COMMITTED.
            try (Statement s = c.createStatement()) {
              s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            }
          }
          T result = work.run(c);
          c.commit();
          return result;
        } catch (SQLException e) {
          c.rollback();
          if (!retryable(e)) {
            throw e;
          }
          last = e;
        } catch (RuntimeException | Error e) {
          c.rollback();
          throw e;
        }
      } catch (SQLException e) {
        throw new StorageException("PostgreSQL: cannot " + what, e);
      }
    }
    throw new StorageException("PostgreSQL: cannot " + what + " (retries exhausted)", last);
  }

  /** Serialization failure, deadlock, or a unique violation of a racing insert: run again. */
  private static boolean retryable(SQLException e) {
    String state = e.getSQLState();
    return "40001".equals(state) || "40P01".equals(state) || "23505".equals(state);
  }

  /**
   * Takes the transaction-scoped advisory lock of one object key: every write to a key, on any
   * node, holds it from its read to its commit, which is what makes compare-length-and-append have
   * exactly one winner per position even when the key has no row yet.
   */
  static void lockKey(Connection c, String bucket, byte[] key) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
      ps.setLong(1, keyHash(bucket, key));
      ps.execute();
    }
  }

  /** 64-bit FNV-1a over the bucket name, a zero byte and the key (a collision only serializes). */
  static long keyHash(String bucket, byte[] key) {
    long h = 0xcbf29ce484222325L;
    for (byte b : bucket.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xFF)) * 0x100000001b3L;
    }
    h *= 0x100000001b3L;
    for (byte b : key) {
      h = (h ^ (b & 0xFF)) * 0x100000001b3L;
    }
    return h;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String string(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  /**
   * The smallest byte string after every string that starts with {@code prefix} (bytewise), or null
   * when there is none (empty, or all 0xFF).
   */
  static byte[] prefixEnd(byte[] prefix) {
    int n = prefix.length;
    while (n > 0 && prefix[n - 1] == (byte) 0xFF) {
      n--;
    }
    if (n == 0) {
      return null;
    }
    byte[] end = java.util.Arrays.copyOf(prefix, n);
    end[n - 1]++;
    return end;
  }
}
