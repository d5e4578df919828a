package dev.osprey.storage.postgres;

import com.zaxxer.hikari.HikariDataSource;
import dev.osprey.storage.MetadataStore;
import dev.osprey.storage.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * The blob locks of objects across every node that shares the database: session-level advisory
 * locks in the two-key space ({@code pg_try_advisory_lock(int, int)}, which never meets the
 * single-key space of the per-transaction key locks and the migration lock), held on one pooled
 * connection from {@link MetadataStore#lockBlob} to its close.
 *
 * <p>A waiter polls with {@code pg_try_advisory_lock} and gives its connection back between tries,
 * so waiters never hold the pool's connections that the holder needs for its own commits.
 */
final class PgBlobLocks {
  /** The first key of every blob lock ("blob" in ASCII). */
  private static final int SPACE = 0x626c6f62;

  /** The first key of every background-work lease ("work" in ASCII). */
  private static final int LEASES = 0x776f726b;

  private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(60);

  private final HikariDataSource pool;
  private final String schema;

  /** {@code schema} keeps the leases of deployments that share one database apart. */
  PgBlobLocks(HikariDataSource pool, String schema) {
    this.pool = pool;
    this.schema = schema == null ? "" : schema;
  }

  MetadataStore.BlobLock lock(String bucket, String key) {
    long hash = Sql.keyHash(bucket, Sql.utf8(key));
    int second = (int) (hash ^ (hash >>> 32));
    long deadline = System.nanoTime() + WAIT_NANOS;
    long pauseMillis = 1;
    while (true) {
      Connection c = null;
      boolean held = false;
      try {
        c = pool.getConnection();
        c.setAutoCommit(true);
        held = tryLock(c, second);
        if (held) {
          return release(c, second);
        }
      } catch (SQLException e) {
        throw new StorageException("cannot take the blob lock of " + bucket + "/" + key, e);
      } finally {
        if (!held && c != null) {
          close(c);
        }
      }
      if (System.nanoTime() > deadline) {
        throw new StorageException(
            "the blob lock of " + bucket + "/" + key + " stayed taken for 60 s");
      }
      try {
        Thread.sleep(pauseMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StorageException(
            "interrupted waiting for the blob lock of " + bucket + "/" + key);
      }
      pauseMillis = Math.min(50, pauseMillis * 2);
    }
  }

  /**
   * The lease of background work {@code work} for one pass, if no other session holds it: a session
   * advisory lock in its own key space, released by closing (or by the session's end, when a node
   * dies).
   */
  java.util.Optional<MetadataStore.BlobLock> tryLease(String work) {
    long hash = Sql.keyHash(schema, Sql.utf8(work));
    int second = (int) (hash ^ (hash >>> 32));
    Connection c = null;
    boolean held = false;
    try {
      c = pool.getConnection();
      c.setAutoCommit(true);
      held = tryLock(c, LEASES, second);
      return held ? java.util.Optional.of(release(c, LEASES, second)) : java.util.Optional.empty();
    } catch (SQLException e) {
      throw new StorageException("cannot take the lease of " + work, e);
    } finally {
      if (!held && c != null) {
        close(c);
      }
    }
  }

  private static boolean tryLock(Connection c, int second) throws SQLException {
    return tryLock(c, SPACE, second);
  }

  private static boolean tryLock(Connection c, int space, int second) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
      ps.setInt(1, space);
      ps.setInt(2, second);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  private MetadataStore.BlobLock release(Connection c, int second) {
    return release(c, SPACE, second);
  }

  private MetadataStore.BlobLock release(Connection c, int space, int second) {
    return () -> {
      boolean unlocked = false;
      try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
        ps.setInt(1, space);
        ps.setInt(2, second);
        try (ResultSet rs = ps.executeQuery()) {
          unlocked = rs.next() && rs.getBoolean(1);
        }
      } catch (SQLException e) {
        unlocked = false;
      } finally {
        if (!unlocked) {
          // A session that may still hold the lock never goes back to the pool: closing it for
          // good is what releases the lock then.
          pool.evictConnection(c);
        }
        close(c);
      }
    };
  }

  private static void close(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      // the pool replaces a connection it cannot take back
    }
  }
}
