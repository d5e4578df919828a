package dev.osprey.storage.postgres;

import static dev.osprey.storage.postgres.Sql.string;
import static dev.osprey.storage.postgres.Sql.utf8;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.storage.AccessKeyRecord;
import dev.osprey.storage.BucketRecord;
import dev.osprey.storage.MetadataStore;
import dev.osprey.storage.ObjectChange;
import dev.osprey.storage.ObjectMutation;
import dev.osprey.storage.ObjectRecord;
import dev.osprey.storage.ObjectRef;
import dev.osprey.storage.ObjectState;
import dev.osprey.storage.ObjectVersion;
import dev.osprey.storage.PartRecord;
import dev.osprey.storage.StorageListener;
import dev.osprey.storage.TailChunk;
import dev.osprey.storage.UploadCompletion;
import dev.osprey.storage.UploadRecord;
import dev.osprey.storage.UserRecord;
import dev.osprey.storage.VersionCursor;
import dev.osprey.storage.VersionEntry;
import dev.osprey.storage.Versioning;
import dev.osprey.storage.rocks.RecordCodec;
import dev.osprey.storage.rocks.UploadCodec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * {@link MetadataStore} on PostgreSQL (schema: {@code migrations/V1__records.sql}). Several Osprey
 * nodes may share one database: every operation is one transaction, and the locks that the embedded
 * backend keeps in memory are database locks here, so they hold across nodes:
 *
 * <ul>
 *   <li>a write to an object key takes the key's transaction-scoped advisory lock ({@link
 *       Sql#lockKey}) before it reads the current record, so racing writes to one key, from any
 *       node, run one after the other and compare-length-and-append has exactly one winner per
 *       position, even for a key that has no row yet;
 *   <li>it also takes {@code FOR KEY SHARE} on the bucket row, which {@link #deleteBucket}'s {@code
 *       FOR UPDATE} excludes: a bucket is never deleted between an object's check and its commit,
 *       while bucket-record updates (ACL, versioning) do not wait for object writes.
 * </ul>
 *
 * <p>Tails: a small append's bytes are a row of {@code osprey_tail_chunk} inserted in the same
 * transaction as its record, so data and metadata commit atomically, and PostgreSQL's WAL already
 * flushes concurrent commits together (group commit in the database), so there is no commit thread
 * of our own: {@link #updateObjectAsync} commits on the caller's thread. Durability is the
 * database's: with {@code synchronous_commit} on (the default), a commit is on disk when it
 * returns.
 */
public final class PostgresMetadataStore implements MetadataStore {
  private final HikariDataSource pool;
  private final PgBlobLocks blobLocks;
  private final PgChangeFeed feed;
  private final Sql sql;
  private final PgObjects objects = new PgObjects();
  private final PgIdentities identities;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final StorageListener listener;

  private PostgresMetadataStore(
      HikariDataSource pool, StorageListener listener, PostgresSettings settings) {
    this.pool = pool;
    this.feed = new PgChangeFeed(settings, listener);
    this.blobLocks = new PgBlobLocks(pool, settings.schema());
    this.listener = listener;
    this.sql = new Sql(pool);
    this.identities = new PgIdentities(sql, feed);
  }

  /**
   * Opens a pool on {@code settings}, applies the schema migrations the database lacks and returns
   * the store; it owns the pool and closes it on {@link #close}.
   */
  public static PostgresMetadataStore open(PostgresSettings settings) {
    return open(settings, StorageListener.NONE);
  }

  /**
   * As {@link #open(PostgresSettings)}, telling {@code listener} of every object commit made
   * through this store (commits of other nodes are not seen here).
   */
  public static PostgresMetadataStore open(PostgresSettings settings, StorageListener listener) {
    HikariConfig config = new HikariConfig();
    String url = settings.jdbcUrl();
    if (settings.schema() != null) {
      // pgjdbc sets search_path when it connects: every pooled connection sees the schema.
      url += (url.contains("?") ? "&" : "?") + "currentSchema=" + settings.schema();
    }
    config.setJdbcUrl(url);
    config.setUsername(settings.user());
    if (settings.password() != null) {
      config.setPassword(settings.password());
    }
    config.setMaximumPoolSize(settings.poolSize());
    config.setPoolName("osprey-postgres");
    config.setAutoCommit(false);
    config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    HikariDataSource pool = new HikariDataSource(config);
    try {
      Migrations.apply(pool);
      return new PostgresMetadataStore(pool, listener, settings);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /** The schema version this build migrates databases to. */
  public static int schemaVersion() {
    return Migrations.latest();
  }

  DataSource dataSource() {
    return pool;
  }

  // ---- buckets

  @Override
  public void createBucket(BucketRecord bucket) {
    int inserted =
        sql.tx(
            "create bucket " + bucket.name(),
            c -> {
              feed.bucket(c, bucket.name()); // delivered at commit, and only if it commits
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "INSERT INTO osprey_bucket (name, record) VALUES (?, ?)"
                          + " ON CONFLICT (name) DO NOTHING")) {
                ps.setString(1, bucket.name());
                ps.setBytes(2, RecordCodec.encodeBucket(bucket));
                return ps.executeUpdate();
              }
            });
    if (inserted == 0) {
      throw new OssException(OssErrorCode.BUCKET_ALREADY_EXISTS)
          .detail("BucketName", bucket.name());
    }
  }

  @Override
  public Optional<BucketRecord> getBucket(String name) {
    return sql.read(
        "read bucket " + name,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT record FROM osprey_bucket WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? Optional.of(RecordCodec.decodeBucket(name, rs.getBytes(1)))
                  : Optional.empty();
            }
          }
        });
  }

  @Override
  public void updateBucket(BucketRecord bucket) {
    int updated =
        sql.tx(
            "update bucket " + bucket.name(),
            c -> {
              feed.bucket(c, bucket.name()); // delivered at commit, and only if it commits
              try (PreparedStatement ps =
                  c.prepareStatement("UPDATE osprey_bucket SET record = ? WHERE name = ?")) {
                ps.setBytes(1, RecordCodec.encodeBucket(bucket));
                ps.setString(2, bucket.name());
                return ps.executeUpdate();
              }
            });
    if (updated == 0) {
      throw noSuchBucket(bucket.name());
    }
  }

  @Override
  public void deleteBucket(String name) {
    sql.tx(
        "delete bucket " + name,
        c -> {
          feed.bucket(c, name); // delivered at commit, and only if it commits
          try (PreparedStatement ps =
              c.prepareStatement("SELECT 1 FROM osprey_bucket WHERE name = ? FOR UPDATE")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                throw noSuchBucket(name);
              }
            }
          }
          if (any(c, "SELECT 1 FROM osprey_object WHERE bucket = ? LIMIT 1", name)
              || any(c, "SELECT 1 FROM osprey_version WHERE bucket = ? LIMIT 1", name)) {
            throw new OssException(OssErrorCode.BUCKET_NOT_EMPTY).detail("BucketName", name);
          }
          if (any(c, "SELECT 1 FROM osprey_upload WHERE bucket = ? LIMIT 1", name)) {
            throw new OssException(
                    OssErrorCode.BUCKET_NOT_EMPTY, OssErrorCode.BUCKET_HAS_UPLOADS_MESSAGE)
                .detail("BucketName", name);
          }
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM osprey_bucket WHERE name = ?")) {
            ps.setString(1, name);
            ps.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public List<BucketRecord> listBuckets(String prefix, String marker, int limit) {
    return sql.read(
        "list buckets",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT name, record FROM osprey_bucket WHERE starts_with(name, ?)"
                      + " AND name > ? ORDER BY name LIMIT ?")) {
            ps.setString(1, prefix == null ? "" : prefix);
            ps.setString(2, marker == null ? "" : marker);
            ps.setInt(3, limit);
            List<BucketRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(RecordCodec.decodeBucket(rs.getString(1), rs.getBytes(2)));
              }
            }
            return out;
          }
        });
  }

  /** The bucket's record under {@code FOR KEY SHARE} (see the class comment), or NoSuchBucket. */
  private static BucketRecord shareBucket(Connection c, String name) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT record FROM osprey_bucket WHERE name = ? FOR KEY SHARE")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw noSuchBucket(name);
        }
        return RecordCodec.decodeBucket(name, rs.getBytes(1));
      }
    }
  }

  // ---- objects

  @Override
  public Optional<ObjectRecord> getObject(String bucket, String key) {
    return sql.read("read object " + bucket + "/" + key, c -> objects.current(c, bucket, key));
  }

  @Override
  public ObjectChange updateObject(String bucket, String key, ObjectMutation mutation) {
    return update(bucket, key, mutation, null);
  }

  @Override
  public ObjectChange updateObject(
      String bucket, String key, ObjectMutation mutation, TailChunk tail) {
    if (tail == null) {
      throw new IllegalArgumentException("no tail chunk");
    }
    return update(bucket, key, mutation, tail);
  }

  /**
   * Commits on the caller's thread: PostgreSQL groups concurrent commits into one WAL flush itself,
   * so a queue and thread of ours would add a hand-off without saving a sync.
   */
  @Override
  public CompletableFuture<ObjectChange> updateObjectAsync(
      String bucket, String key, ObjectMutation mutation, TailChunk tail) {
    try {
      return CompletableFuture.completedFuture(update(bucket, key, mutation, tail));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private ObjectChange update(String bucket, String key, ObjectMutation mutation, TailChunk tail) {
    long start = System.nanoTime();
    ObjectChange change =
        sql.tx(
            "update object " + bucket + "/" + key,
            c -> {
              Sql.lockKey(c, bucket, utf8(key));
              Versioning versioning = shareBucket(c, bucket).versioning();
              Optional<ObjectRecord> before = objects.current(c, bucket, key);
              Optional<ObjectRecord> after = mutation.apply(before);
              if (!versioning.versioned()) {
                after = after.filter(o -> !o.isDeleteMarker());
                if (tail == null && after.equals(before)) {
                  return new ObjectChange(before, after);
                }
              }
              feed.object(c, bucket, key);
              return objects.write(c, versioning, bucket, key, before, after, tail);
            });
    return committed(bucket, key, change, start);
  }

  /** Tells the listener of a durable object change; returns it. */
  private ObjectChange committed(String bucket, String key, ObjectChange change, long startNanos) {
    if (!change.before().equals(change.after()) || change.deleteMarker().isPresent()) {
      listener.metadataWritten(List.of(change), System.nanoTime() - startNanos);
    }
    listener.objectChanged(new ObjectRef(bucket, key));
    return change;
  }

  @Override
  public List<ObjectRecord> listObjects(
      String bucket, String prefix, String startAfter, int limit) {
    return listFrom(bucket, prefix, startAfter, false, limit);
  }

  @Override
  public List<ObjectRecord> listObjectsFrom(
      String bucket, String prefix, String startAt, int limit) {
    return listFrom(bucket, prefix, startAt, true, limit);
  }

  /** One range scan of the (bucket, key) primary key, bytewise, from the marker, a page long. */
  private List<ObjectRecord> listFrom(
      String bucket, String prefix, String marker, boolean inclusive, int limit) {
    byte[] low = utf8(prefix == null ? "" : prefix);
    byte[] high = Sql.prefixEnd(low);
    StringBuilder q =
        new StringBuilder("SELECT key, record FROM osprey_object WHERE bucket = ? AND key >= ?");
    if (high != null) {
      q.append(" AND key < ?");
    }
    if (marker != null) {
      q.append(inclusive ? " AND key >= ?" : " AND key > ?");
    }
    q.append(" ORDER BY key LIMIT ?");
    return sql.read(
        "list objects of " + bucket,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(q.toString())) {
            int i = 1;
            ps.setString(i++, bucket);
            ps.setBytes(i++, low);
            if (high != null) {
              ps.setBytes(i++, high);
            }
            if (marker != null) {
              ps.setBytes(i++, utf8(marker));
            }
            ps.setInt(i, limit);
            List<ObjectRecord> out = new ArrayList<>(Math.min(limit, 1024));
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(RecordCodec.decodeObject(bucket, string(rs.getBytes(1)), rs.getBytes(2)));
              }
            }
            return out;
          }
        });
  }

  // ---- tails

  @Override
  public Optional<ObjectState> getObjectWithTail(String bucket, String key) {
    return sql.snapshot(
        "read object " + bucket + "/" + key, c -> withTail(c, objects.current(c, bucket, key)));
  }

  private Optional<ObjectState> withTail(Connection c, Optional<ObjectRecord> found)
      throws SQLException {
    if (found.isEmpty()) {
      return Optional.empty();
    }
    ObjectRecord o = found.get();
    long folded = o.isDeleteMarker() ? -1 : objects.folded(c, o.bucket(), o.key(), o.blobId());
    if (folded < 0) {
      return Optional.of(new ObjectState(o, o.size(), List.of()));
    }
    return Optional.of(
        new ObjectState(
            o, folded, objects.chunks(c, o.bucket(), o.key(), o.blobId(), folded, o.size())));
  }

  @Override
  public BlobLock lockBlob(String bucket, String key) {
    return blobLocks.lock(bucket, key);
  }

  @Override
  public Optional<BlobLock> tryLease(String work) {
    return blobLocks.tryLease(work);
  }

  @Override
  public OptionalLong tailStart(String bucket, String key, String blobId) {
    long folded =
        sql.read(
            "read the tail of " + bucket + "/" + key, c -> objects.folded(c, bucket, key, blobId));
    return folded < 0 ? OptionalLong.empty() : OptionalLong.of(folded);
  }

  @Override
  public boolean foldTail(String bucket, String key, String blobId, long foldedUpTo) {
    return sql.tx(
        "fold the tail of " + bucket + "/" + key,
        c -> {
          Sql.lockKey(c, bucket, utf8(key));
          Optional<ObjectRecord> current = objects.current(c, bucket, key);
          if (current.isEmpty() || !blobId.equals(current.get().blobId())) {
            return false;
          }
          long folded = objects.folded(c, bucket, key, blobId);
          if (folded < 0 || foldedUpTo <= folded || foldedUpTo > current.get().size()) {
            return false;
          }
          return objects.fold(c, current.get(), folded, foldedUpTo);
        });
  }

  @Override
  public List<ObjectRef> objectsWithTail() {
    return sql.read(
        "list objects with a tail",
        c -> {
          List<ObjectRef> out = new ArrayList<>();
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT DISTINCT bucket, key FROM osprey_tail ORDER BY bucket, key");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(new ObjectRef(rs.getString(1), string(rs.getBytes(2))));
            }
          }
          return out;
        });
  }

  // ---- versions

  @Override
  public Optional<ObjectRecord> getObjectVersion(String bucket, String key, String versionId) {
    checkVersionId(versionId);
    return sql.tx(
        "read a version of " + bucket + "/" + key, c -> objects.find(c, bucket, key, versionId));
  }

  @Override
  public Optional<ObjectState> getObjectVersionWithTail(
      String bucket, String key, String versionId) {
    checkVersionId(versionId);
    return sql.snapshot(
        "read a version of " + bucket + "/" + key,
        c -> withTail(c, objects.find(c, bucket, key, versionId)));
  }

  @Override
  public Optional<ObjectRecord> latestDeleteMarker(String bucket, String key) {
    return sql.snapshot(
        "read the versions of " + bucket + "/" + key,
        c -> {
          if (objects.current(c, bucket, key).isPresent()) {
            return Optional.empty();
          }
          return objects.newestStored(c, bucket, key).filter(ObjectRecord::isDeleteMarker);
        });
  }

  @Override
  public ObjectChange updateObjectVersion(
      String bucket, String key, String versionId, ObjectMutation mutation) {
    checkVersionId(versionId);
    return sql.tx(
        "change a version of " + bucket + "/" + key,
        c -> {
          Sql.lockKey(c, bucket, utf8(key));
          Versioning versioning = shareBucket(c, bucket).versioning();
          Optional<ObjectRecord> current = objects.current(c, bucket, key);
          if (current.isPresent() && current.get().version().hasId(versionId)) {
            Optional<ObjectRecord> after = mutation.apply(current);
            if (!versioning.versioned()) {
              after = after.filter(o -> !o.isDeleteMarker());
              if (after.equals(current)) {
                return new ObjectChange(current, after);
              }
            }
            return objects.write(c, versioning, bucket, key, current, after, null);
          }
          Optional<ObjectRecord> target = objects.stored(c, bucket, key, versionId);
          Optional<ObjectRecord> after = mutation.apply(target);
          if (target.isEmpty() || after.equals(target)) {
            return new ObjectChange(target, target, List.of(), Optional.empty());
          }
          return objects.updateStored(c, target.get(), after);
        });
  }

  @Override
  public ObjectChange deleteObjectVersion(String bucket, String key, String versionId) {
    checkVersionId(versionId);
    return sql.tx(
        "delete a version of " + bucket + "/" + key,
        c -> {
          Sql.lockKey(c, bucket, utf8(key));
          shareBucket(c, bucket);
          Optional<ObjectRecord> current = objects.current(c, bucket, key);
          Optional<ObjectRecord> target = objects.find(c, bucket, key, versionId);
          if (target.isEmpty()) {
            return new ObjectChange(current, current, List.of(), Optional.empty());
          }
          return objects.remove(c, current, target.get());
        });
  }

  @Override
  public List<VersionEntry> listVersions(
      String bucket, String prefix, VersionCursor from, int limit) {
    byte[] low = utf8(prefix == null ? "" : prefix);
    byte[] high = Sql.prefixEnd(low);
    return sql.snapshot(
        "list the versions of " + bucket,
        c -> {
          String partly = null;
          String cursor = "";
          byte[] cursorKey = from.key() == null ? null : utf8(from.key());
          Long afterSeq = null;
          if (cursorKey != null) {
            if (from.includeKey()) {
              cursor = " AND key >= ?";
            } else {
              afterSeq = sequenceOf(c, bucket, from.key(), from.afterVersionId());
              if (afterSeq == null) {
                cursor = " AND key > ?";
              } else {
                cursor = " AND (key > ? OR (key = ? AND seq < ?))";
                partly = from.key();
              }
            }
          }
          String range = " WHERE bucket = ? AND key >= ?" + (high != null ? " AND key < ?" : "");
          String q =
              "SELECT key, record FROM ("
                  + "SELECT key, seq, record FROM osprey_object"
                  + range
                  + cursor
                  + " UNION ALL SELECT key, seq, record FROM osprey_version"
                  + range
                  + cursor
                  + ") v ORDER BY key, seq DESC LIMIT ?";
          List<VersionEntry> out = new ArrayList<>(Math.min(limit, 1024));
          try (PreparedStatement ps = c.prepareStatement(q)) {
            int i = 1;
            for (int part = 0; part < 2; part++) {
              ps.setString(i++, bucket);
              ps.setBytes(i++, low);
              if (high != null) {
                ps.setBytes(i++, high);
              }
              if (cursorKey != null) {
                ps.setBytes(i++, cursorKey);
                if (afterSeq != null) {
                  ps.setBytes(i++, cursorKey);
                  ps.setLong(i++, afterSeq);
                }
              }
            }
            ps.setInt(i, limit);
            byte[] previous = null;
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                byte[] k = rs.getBytes(1);
                String name = string(k);
                boolean first = previous == null || !Arrays.equals(previous, k);
                boolean latest = first && !name.equals(partly);
                out.add(
                    new VersionEntry(
                        RecordCodec.decodeObject(bucket, name, rs.getBytes(2)), latest));
                previous = k;
              }
            }
          }
          return out;
        });
  }

  /** The sequence of a version-id marker (the null id looked up), or null when there is none. */
  private Long sequenceOf(Connection c, String bucket, String key, String versionId)
      throws SQLException {
    if (versionId == null) {
      return null;
    }
    if (!ObjectVersion.isNullId(versionId)) {
      return ObjectVersion.sequenceOf(versionId);
    }
    Optional<ObjectRecord> current = objects.current(c, bucket, key);
    if (current.isPresent() && current.get().version().nullId()) {
      return current.get().version().sequence();
    }
    return objects.nullStored(c, bucket, key).map(r -> r.version().sequence()).orElse(null);
  }

  private static void checkVersionId(String versionId) {
    if (!ObjectVersion.isNullId(versionId)) {
      ObjectVersion.sequenceOf(versionId); // InvalidArgument for a malformed id
    }
  }

  // ---- multipart uploads

  @Override
  public void createUpload(UploadRecord upload) {
    sql.tx(
        "record upload " + upload.uploadId(),
        c -> {
          shareBucket(c, upload.bucket());
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO osprey_upload (bucket, key, upload_id, record) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, upload.bucket());
            ps.setBytes(2, utf8(upload.key()));
            ps.setString(3, upload.uploadId());
            ps.setBytes(4, UploadCodec.encodeUpload(upload));
            ps.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public Optional<UploadRecord> getUpload(String bucket, String key, String uploadId) {
    return sql.read(
        "read upload " + uploadId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT record FROM osprey_upload WHERE bucket = ? AND key = ? AND upload_id = ?")) {
            ps.setString(1, bucket);
            ps.setBytes(2, utf8(key));
            ps.setString(3, uploadId);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? Optional.of(UploadCodec.decodeUpload(bucket, key, uploadId, rs.getBytes(1)))
                  : Optional.empty();
            }
          }
        });
  }

  /** Locks the upload's row ({@code FOR UPDATE}), or NoSuchUpload when it is gone. */
  private static void lockUpload(Connection c, UploadRecord upload) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT 1 FROM osprey_upload WHERE bucket = ? AND key = ? AND upload_id = ?"
                + " FOR UPDATE")) {
      ps.setString(1, upload.bucket());
      ps.setBytes(2, utf8(upload.key()));
      ps.setString(3, upload.uploadId());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new OssException(OssErrorCode.NO_SUCH_UPLOAD).detail("UploadId", upload.uploadId());
        }
      }
    }
  }

  @Override
  public Optional<PartRecord> putPart(UploadRecord upload, PartRecord part) {
    return sql.tx(
        "record part " + part.partNumber() + " of " + upload.uploadId(),
        c -> {
          lockUpload(c, upload);
          Optional<PartRecord> old;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT record FROM osprey_part WHERE bucket = ? AND key = ? AND upload_id = ?"
                      + " AND part_no = ?")) {
            bindUpload(ps, upload);
            ps.setInt(4, part.partNumber());
            try (ResultSet rs = ps.executeQuery()) {
              old =
                  rs.next()
                      ? Optional.of(
                          UploadCodec.decodePart(
                              upload.uploadId(), part.partNumber(), rs.getBytes(1)))
                      : Optional.empty();
            }
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO osprey_part (bucket, key, upload_id, part_no, blob_id, record)"
                      + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (bucket, key, upload_id, part_no)"
                      + " DO UPDATE SET blob_id = excluded.blob_id, record = excluded.record")) {
            bindUpload(ps, upload);
            ps.setInt(4, part.partNumber());
            ps.setString(5, part.blobId());
            ps.setBytes(6, UploadCodec.encodePart(part));
            ps.executeUpdate();
          }
          return old;
        });
  }

  @Override
  public List<PartRecord> listParts(UploadRecord upload, int afterPartNumber, int limit) {
    return sql.read(
        "list the parts of " + upload.uploadId(),
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT part_no, record FROM osprey_part WHERE bucket = ? AND key = ?"
                      + " AND upload_id = ? AND part_no > ? ORDER BY part_no LIMIT ?")) {
            bindUpload(ps, upload);
            ps.setInt(4, afterPartNumber);
            ps.setInt(5, limit);
            return parts(ps, upload.uploadId());
          }
        });
  }

  private static void bindUpload(PreparedStatement ps, UploadRecord upload) throws SQLException {
    ps.setString(1, upload.bucket());
    ps.setBytes(2, utf8(upload.key()));
    ps.setString(3, upload.uploadId());
  }

  private static List<PartRecord> parts(PreparedStatement ps, String uploadId) throws SQLException {
    List<PartRecord> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(UploadCodec.decodePart(uploadId, rs.getInt(1), rs.getBytes(2)));
      }
    }
    out.sort((a, b) -> Integer.compare(a.partNumber(), b.partNumber()));
    return out;
  }

  @Override
  public List<UploadRecord> listUploads(
      String bucket, String prefix, String keyMarker, String uploadIdMarker, int limit) {
    byte[] low = utf8(prefix == null ? "" : prefix);
    byte[] high = Sql.prefixEnd(low);
    StringBuilder q =
        new StringBuilder(
            "SELECT key, upload_id, record FROM osprey_upload WHERE bucket = ? AND key >= ?");
    if (high != null) {
      q.append(" AND key < ?");
    }
    if (keyMarker != null) {
      q.append(
          uploadIdMarker == null
              ? " AND key > ?"
              : " AND (key > ? OR (key = ? AND upload_id > ?))");
    }
    q.append(" ORDER BY key, upload_id LIMIT ?");
    return sql.read(
        "list the uploads of " + bucket,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(q.toString())) {
            int i = 1;
            ps.setString(i++, bucket);
            ps.setBytes(i++, low);
            if (high != null) {
              ps.setBytes(i++, high);
            }
            if (keyMarker != null) {
              ps.setBytes(i++, utf8(keyMarker));
              if (uploadIdMarker != null) {
                ps.setBytes(i++, utf8(keyMarker));
                ps.setString(i++, uploadIdMarker);
              }
            }
            ps.setInt(i, limit);
            List<UploadRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    UploadCodec.decodeUpload(
                        bucket, string(rs.getBytes(1)), rs.getString(2), rs.getBytes(3)));
              }
            }
            return out;
          }
        });
  }

  @Override
  public UploadCompletion completeUpload(UploadRecord upload, ObjectMutation mutation) {
    String bucket = upload.bucket();
    String key = upload.key();
    long start = System.nanoTime();
    UploadCompletion done =
        sql.tx(
            "complete upload " + upload.uploadId(),
            c -> {
              Sql.lockKey(c, bucket, utf8(key));
              Versioning versioning = shareBucket(c, bucket).versioning();
              lockUpload(c, upload);
              Optional<ObjectRecord> before = objects.current(c, bucket, key);
              Optional<ObjectRecord> after = mutation.apply(before);
              ObjectChange change =
                  !versioning.versioned() && before.isEmpty() && after.isEmpty()
                      ? new ObjectChange(before, after)
                      : objects.write(c, versioning, bucket, key, before, after, null);
              return new UploadCompletion(change, removeUpload(c, upload));
            });
    committed(bucket, key, done.change(), start);
    return done;
  }

  @Override
  public List<PartRecord> deleteUpload(UploadRecord upload) {
    return sql.tx(
        "delete upload " + upload.uploadId(),
        c -> {
          lockUpload(c, upload);
          return removeUpload(c, upload);
        });
  }

  private static List<PartRecord> removeUpload(Connection c, UploadRecord upload)
      throws SQLException {
    List<PartRecord> removed;
    try (PreparedStatement ps =
        c.prepareStatement(
            "DELETE FROM osprey_part WHERE bucket = ? AND key = ? AND upload_id = ?"
                + " RETURNING part_no, record")) {
      bindUpload(ps, upload);
      removed = parts(ps, upload.uploadId());
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "DELETE FROM osprey_upload WHERE bucket = ? AND key = ? AND upload_id = ?")) {
      ps.setString(1, upload.bucket());
      ps.setBytes(2, utf8(upload.key()));
      ps.setString(3, upload.uploadId());
      ps.executeUpdate();
    }
    return removed;
  }

  // ---- blob references: indexed blob_id columns of objects, versions and parts

  @Override
  public boolean isBlobReferenced(String blobId) {
    return sql.read(
        "look up blob " + blobId,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT EXISTS (SELECT 1 FROM osprey_object WHERE blob_id = ?)"
                      + " OR EXISTS (SELECT 1 FROM osprey_version WHERE blob_id = ?)"
                      + " OR EXISTS (SELECT 1 FROM osprey_part WHERE blob_id = ?)")) {
            ps.setString(1, blobId);
            ps.setString(2, blobId);
            ps.setString(3, blobId);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getBoolean(1);
            }
          }
        });
  }

  // ---- bucket policies: a column of the bucket's row, so they go with it

  @Override
  public void putBucketPolicy(String bucket, String policy) {
    if (setPolicy(bucket, policy) == 0) {
      throw noSuchBucket(bucket);
    }
  }

  @Override
  public Optional<String> getBucketPolicy(String bucket) {
    Optional<Optional<String>> row =
        sql.read(
            "read the policy of " + bucket,
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement("SELECT policy FROM osprey_bucket WHERE name = ?")) {
                ps.setString(1, bucket);
                try (ResultSet rs = ps.executeQuery()) {
                  return rs.next()
                      ? Optional.of(Optional.ofNullable(rs.getString(1)))
                      : Optional.<Optional<String>>empty();
                }
              }
            });
    return row.orElseThrow(() -> noSuchBucket(bucket));
  }

  @Override
  public void deleteBucketPolicy(String bucket) {
    if (setPolicy(bucket, null) == 0) {
      throw noSuchBucket(bucket);
    }
  }

  private int setPolicy(String bucket, String policy) {
    return sql.tx(
        "store the policy of " + bucket,
        c -> {
          feed.bucket(c, bucket); // delivered at commit, and only if it commits
          try (PreparedStatement ps =
              c.prepareStatement("UPDATE osprey_bucket SET policy = ? WHERE name = ?")) {
            ps.setString(1, policy);
            ps.setString(2, bucket);
            return ps.executeUpdate();
          }
        });
  }

  // ---- RAM identities

  @Override
  public boolean createUser(UserRecord user) {
    return identities.createUser(user);
  }

  @Override
  public Optional<UserRecord> getUser(String name) {
    return identities.getUser(name);
  }

  @Override
  public List<UserRecord> listUsers() {
    return identities.listUsers();
  }

  @Override
  public boolean deleteUser(String name) {
    return identities.deleteUser(name);
  }

  @Override
  public boolean putAccessKey(AccessKeyRecord key) {
    return identities.putAccessKey(key);
  }

  @Override
  public Optional<AccessKeyRecord> getAccessKey(String accessKeyId) {
    return identities.getAccessKey(accessKeyId);
  }

  @Override
  public List<AccessKeyRecord> listAccessKeys(String userName) {
    return identities.listAccessKeys(userName);
  }

  @Override
  public boolean deleteAccessKey(String accessKeyId) {
    return identities.deleteAccessKey(accessKeyId);
  }

  @Override
  public boolean putUserPolicy(String userName, String policyName, String document) {
    return identities.putUserPolicy(userName, policyName, document);
  }

  @Override
  public SortedMap<String, String> getUserPolicies(String userName) {
    return identities.getUserPolicies(userName);
  }

  @Override
  public boolean deleteUserPolicy(String userName, String policyName) {
    return identities.deleteUserPolicy(userName, policyName);
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      feed.close();
      pool.close();
    }
  }

  // ---- helpers

  private static boolean any(Connection c, String query, String bucket) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(query)) {
      ps.setString(1, bucket);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static OssException noSuchBucket(String name) {
    return new OssException(OssErrorCode.NO_SUCH_BUCKET).detail("BucketName", name);
  }
}
