package dev.osprey.storage.postgres;

import static dev.osprey.storage.TestRecords.bucket;
import static dev.osprey.storage.TestRecords.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.storage.ObjectRecord;
import dev.osprey.storage.ObjectState;
import dev.osprey.storage.StorageException;
import dev.osprey.storage.TailChunk;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * What only the PostgreSQL backend has: schema migrations, a server killed with SIGKILL under load,
 * listing plans at scale.
 */
class PostgresBackendTest {
  private final PostgresProcess pg = PostgresProcess.shared();

  private Connection admin(String schema) throws SQLException {
    Connection c = DriverManager.getConnection(pg.jdbcUrl(), PostgresProcess.USER, pg.password());
    try (Statement s = c.createStatement()) {
      s.execute("SET search_path TO " + schema);
    }
    return c;
  }

  @Test
  void migrationsAreRecordedAppliedOnceAndANewerSchemaIsRefused() throws SQLException {
    String schema = pg.newSchema();
    PostgresMetadataStore.open(pg.settings(schema)).close();
    try (PostgresMetadataStore second = PostgresMetadataStore.open(pg.settings(schema))) {
      second.createBucket(bucket("kept"));
    }
    try (Connection c = admin(schema);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT version, name FROM osprey_schema_migration ORDER BY version")) {
      List<String> applied = new ArrayList<>();
      while (rs.next()) {
        applied.add(rs.getInt(1) + ":" + rs.getString(2));
      }
      assertThat(applied).containsExactly("1:V1__records.sql");
      assertThat(PostgresMetadataStore.schemaVersion()).isEqualTo(1);
      s.execute(
          "INSERT INTO osprey_schema_migration (version, name) VALUES (99, 'V99__future.sql')");
    }
    assertThatThrownBy(() -> PostgresMetadataStore.open(pg.settings(schema)))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("newer than this build");
  }

  @Test
  void nodesStartingTogetherMigrateOnce() throws Exception {
    String schema = pg.newSchema();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<PostgresMetadataStore>> opening = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        opening.add(pool.submit(() -> PostgresMetadataStore.open(pg.settings(schema))));
      }
      for (Future<PostgresMetadataStore> f : opening) {
        f.get().close();
      }
    } finally {
      pool.shutdownNow();
    }
    try (Connection c = admin(schema);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM osprey_schema_migration")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(1);
    }
  }

  /**
   * Two nodes append to one object while the database is killed with SIGKILL and restarted: every
   * append that was acknowledged is there afterwards, at its position, and nothing else is.
   */
  @Test
  void acknowledgedAppendsSurviveADatabaseKilledMidLoad() throws Exception {
    String schema = pg.newSchema();
    PostgresMetadataStore a = PostgresMetadataStore.open(pg.settings(schema));
    PostgresMetadataStore b = PostgresMetadataStore.open(pg.settings(schema));
    a.createBucket(bucket("b"));
    a.updateObject("b", "log", cur -> Optional.of(object("b", "log", 0)));
    ConcurrentHashMap<Long, Byte> acknowledged = new ConcurrentHashMap<>();
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService writers = Executors.newFixedThreadPool(4);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      byte id = (byte) ('p' + t);
      PostgresMetadataStore h = t % 2 == 0 ? a : b;
      done.add(
          writers.submit(
              () -> {
                while (!stop.get()) {
                  try {
                    long position = h.getObject("b", "log").orElseThrow().size();
                    h.updateObject(
                        "b",
                        "log",
                        cur -> {
                          if (cur.orElseThrow().size() != position) {
                            throw new OssException(OssErrorCode.POSITION_NOT_EQUAL_TO_LENGTH);
                          }
                          return Optional.of(object("b", "log", position + 1));
                        },
                        new TailChunk(position, new byte[] {id}));
                    assertThat(acknowledged.putIfAbsent(position, id)).isNull();
                  } catch (OssException e) {
                    assertThat(e.code()).isEqualTo(OssErrorCode.POSITION_NOT_EQUAL_TO_LENGTH);
                  } catch (StorageException e) {
                    // the database is down: not acknowledged, try again
                  }
                }
                return null;
              }));
    }
    try {
      waitForAcknowledged(acknowledged, 50);
      pg.crash();
      pg.start();
      int before = acknowledged.size();
      waitForAcknowledged(acknowledged, before + 50);
    } finally {
      stop.set(true);
      for (Future<?> f : done) {
        f.get();
      }
      writers.shutdownNow();
    }
    ObjectState state = a.getObjectWithTail("b", "log").orElseThrow();
    long size = state.object().size();
    assertThat(size).isGreaterThanOrEqualTo(acknowledged.size());
    byte[] all = new byte[(int) size];
    int at = 0;
    for (TailChunk c : state.tail()) {
      assertThat(c.offset()).isEqualTo(at);
      System.arraycopy(c.bytes(), 0, all, at, c.bytes().length);
      at += c.bytes().length;
    }
    assertThat(at).isEqualTo(size);
    acknowledged.forEach((pos, id) -> assertThat(all[pos.intValue()]).isEqualTo(id));
    // An append that committed while its acknowledgement was lost with the connection may exist
    // beyond the acknowledged ones; none is missing, and at most those few are unacknowledged.
    assertThat(size - acknowledged.size()).isLessThanOrEqualTo(4);
    a.close();
    b.close();
  }

  private static void waitForAcknowledged(ConcurrentHashMap<Long, Byte> acked, int count)
      throws InterruptedException {
    for (int i = 0; i < 1200 && acked.size() < count; i++) {
      Thread.sleep(50);
    }
    assertThat(acked.size()).isGreaterThanOrEqualTo(count);
  }

  /** A listing page is an index range scan of (bucket, key) in byte order, with no sort step. */
  @Test
  void listingPagesAreIndexRangeScansAtScale() throws SQLException {
    String schema = pg.newSchema();
    try (PostgresMetadataStore store = PostgresMetadataStore.open(pg.settings(schema))) {
      store.createBucket(bucket("big"));
      ObjectRecord sample = object("big", "k", 1);
      store.updateObject("big", "k", cur -> Optional.of(sample));
      try (Connection c = admin(schema);
          Statement s = c.createStatement()) {
        s.execute(
            "INSERT INTO osprey_object (bucket, key, seq, blob_id, record)"
                + " SELECT 'big', convert_to('key/' || lpad(i::text, 7, '0'), 'UTF8'), 0, NULL,"
                + " (SELECT record FROM osprey_object WHERE bucket = 'big' AND key = 'k'::bytea)"
                + " FROM generate_series(1, 200000) i");
        s.execute("ANALYZE osprey_object");
        String plan =
            plan(
                s,
                "EXPLAIN SELECT key, record FROM osprey_object WHERE bucket = 'big'"
                    + " AND key >= convert_to('key/', 'UTF8') AND key < convert_to('key0', 'UTF8')"
                    + " AND key > convert_to('key/0100000', 'UTF8') ORDER BY key LIMIT 1000");
        assertThat(plan).contains("Index Scan using osprey_object_pkey").doesNotContain("Sort");
      }
      List<ObjectRecord> page = store.listObjects("big", "key/", "key/0100000", 3);
      assertThat(page)
          .extracting(ObjectRecord::key)
          .containsExactly("key/0100001", "key/0100002", "key/0100003");
    }
  }

  private static String plan(Statement s, String explain) throws SQLException {
    StringBuilder out = new StringBuilder();
    try (ResultSet rs = s.executeQuery(explain)) {
      while (rs.next()) {
        out.append(rs.getString(1)).append('\n');
      }
    }
    return out.toString();
  }
}
