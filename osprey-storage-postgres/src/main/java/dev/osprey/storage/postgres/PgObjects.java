package dev.osprey.storage.postgres;

import static dev.osprey.storage.postgres.Sql.utf8;

import dev.osprey.protocol.ObjectType;
import dev.osprey.storage.ObjectChange;
import dev.osprey.storage.ObjectRecord;
import dev.osprey.storage.ObjectVersion;
import dev.osprey.storage.TailChunk;
import dev.osprey.storage.Versioning;
import dev.osprey.storage.rocks.RecordCodec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The rows behind object records inside one transaction: current records ({@code osprey_object}),
 * stored versions ({@code osprey_version}) and tails ({@code osprey_tail}, {@code
 * osprey_tail_chunk}), with the rules of {@link dev.osprey.storage.MetadataStore} for versions and
 * tails. Callers hold the key's advisory lock and the bucket's key-share lock; nothing here
 * commits.
 */
final class PgObjects {
  /**
   * The last version sequence this node issued: microseconds since the epoch, pushed past the key's
   * newest version (read under the key's lock), so ids increase per key across nodes too.
   */
  private final AtomicLong lastSequence = new AtomicLong(nowMicros());

  // ---- current records

  Optional<ObjectRecord> current(Connection c, String bucket, String key) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT record FROM osprey_object WHERE bucket = ? AND key = ?")) {
      ps.setString(1, bucket);
      ps.setBytes(2, utf8(key));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(RecordCodec.decodeObject(bucket, key, rs.getBytes(1)))
            : Optional.empty();
      }
    }
  }

  private void putCurrent(Connection c, ObjectRecord o) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO osprey_object (bucket, key, seq, blob_id, record) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT (bucket, key) DO UPDATE SET seq = excluded.seq,"
                + " blob_id = excluded.blob_id, record = excluded.record")) {
      ps.setString(1, o.bucket());
      ps.setBytes(2, utf8(o.key()));
      ps.setLong(3, o.version().sequence());
      ps.setString(4, o.blobId());
      ps.setBytes(5, RecordCodec.encodeObject(o));
      ps.executeUpdate();
    }
  }

  private void deleteCurrent(Connection c, String bucket, String key) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM osprey_object WHERE bucket = ? AND key = ?")) {
      ps.setString(1, bucket);
      ps.setBytes(2, utf8(key));
      ps.executeUpdate();
    }
  }

  // ---- one object write (updateObject and completeUpload)

  /** Writes the change from {@code before} to {@code after} as the bucket's versioning says. */
  ObjectChange write(
      Connection c,
      Versioning versioning,
      String bucket,
      String key,
      Optional<ObjectRecord> before,
      Optional<ObjectRecord> after,
      TailChunk tail)
      throws SQLException {
    if (versioning.versioned()) {
      return writeVersioned(c, versioning, bucket, key, before, after, tail);
    }
    if (after.isPresent()) {
      putCurrent(c, after.get());
    } else if (before.isPresent()) {
      deleteCurrent(c, bucket, key);
    }
    tailsOnUpdate(c, before, after, tail);
    return new ObjectChange(before, after);
  }

  private ObjectChange writeVersioned(
      Connection c,
      Versioning mode,
      String bucket,
      String key,
      Optional<ObjectRecord> before,
      Optional<ObjectRecord> after,
      TailChunk tail)
      throws SQLException {
    boolean delete = after.isEmpty() || after.get().isDeleteMarker();
    if (!delete
        && before.isPresent()
        && Objects.equals(before.get().blobId(), after.get().blobId())) {
      ObjectRecord next = after.get().withVersion(before.get().version());
      putCurrent(c, next);
      tailsOnUpdate(c, before, Optional.of(next), tail);
      return new ObjectChange(before, Optional.of(next), List.of(), Optional.empty());
    }
    ObjectRecord template = after.orElse(null);
    Optional<ObjectRecord> newest = before.isPresent() ? before : newestStored(c, bucket, key);
    long sequence = nextSequence(newest.map(r -> r.version().sequence()).orElse(0L));
    boolean nullId =
        mode == Versioning.SUSPENDED || (!delete && template.type() == ObjectType.APPENDABLE);
    ObjectRecord made =
        delete
            ? marker(bucket, key, template).withVersion(new ObjectVersion(sequence, nullId, true))
            : template.withVersion(new ObjectVersion(sequence, nullId, false));
    List<ObjectRecord> released = new ArrayList<>();
    boolean beforeReleased = false;
    if (nullId) {
      if (before.isPresent() && before.get().version().nullId()) {
        beforeReleased = true;
        released.add(before.get());
        tailsOnUpdate(c, before, Optional.empty(), null);
      } else {
        Optional<ObjectRecord> stored = nullStored(c, bucket, key);
        if (stored.isPresent()) {
          removeStored(c, stored.get());
          tailsOnUpdate(c, stored, Optional.empty(), null);
          if (!stored.get().isDeleteMarker()) {
            released.add(stored.get());
          }
        }
      }
    }
    if (before.isPresent() && !beforeReleased) {
      putStored(c, before.get());
    }
    if (delete) {
      if (before.isPresent()) {
        deleteCurrent(c, bucket, key);
      }
      putStored(c, made);
      return new ObjectChange(before, Optional.empty(), released, Optional.of(made));
    }
    putCurrent(c, made);
    tailsOnUpdate(c, Optional.empty(), Optional.of(made), tail);
    return new ObjectChange(before, Optional.of(made), released, Optional.empty());
  }

  // ---- versions by id

  /** The version with that id, the current record included, or empty. */
  Optional<ObjectRecord> find(Connection c, String bucket, String key, String versionId)
      throws SQLException {
    Optional<ObjectRecord> current = current(c, bucket, key);
    if (current.isPresent() && current.get().version().hasId(versionId)) {
      return current;
    }
    return stored(c, bucket, key, versionId);
  }

  /** The stored (previous) version with that id, or empty. */
  Optional<ObjectRecord> stored(Connection c, String bucket, String key, String versionId)
      throws SQLException {
    if (ObjectVersion.isNullId(versionId)) {
      return nullStored(c, bucket, key);
    }
    long sequence = ObjectVersion.sequenceOf(versionId);
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT record FROM osprey_version WHERE bucket = ? AND key = ? AND seq = ?"
                + " AND NOT null_id")) {
      ps.setString(1, bucket);
      ps.setBytes(2, utf8(key));
      ps.setLong(3, sequence);
      return one(ps, bucket, key);
    }
  }

  Optional<ObjectRecord> newestStored(Connection c, String bucket, String key) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT record FROM osprey_version WHERE bucket = ? AND key = ?"
                + " ORDER BY seq DESC LIMIT 1")) {
      ps.setString(1, bucket);
      ps.setBytes(2, utf8(key));
      return one(ps, bucket, key);
    }
  }

  Optional<ObjectRecord> nullStored(Connection c, String bucket, String key) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT record FROM osprey_version WHERE bucket = ? AND key = ? AND null_id"
                + " ORDER BY seq DESC LIMIT 1")) {
      ps.setString(1, bucket);
      ps.setBytes(2, utf8(key));
      return one(ps, bucket, key);
    }
  }

  /** Changes the stored version {@code target} in place (tags, ACL); the blob must stay. */
  ObjectChange updateStored(Connection c, ObjectRecord target, Optional<ObjectRecord> after)
      throws SQLException {
    ObjectRecord next = after.orElseThrow().withVersion(target.version());
    if (!Objects.equals(next.blobId(), target.blobId())) {
      throw new IllegalArgumentException("a previous version changes in place only");
    }
    putStored(c, next);
    return new ObjectChange(Optional.of(target), Optional.of(next), List.of(), Optional.empty());
  }

  /** Removes {@code target} for good; the next newest becomes current when it was the latest. */
  ObjectChange remove(Connection c, Optional<ObjectRecord> current, ObjectRecord target)
      throws SQLException {
    String bucket = target.bucket();
    String key = target.key();
    boolean wasCurrent = current.isPresent() && current.get().version().equals(target.version());
    Optional<ObjectRecord> after = current;
    if (wasCurrent) {
      tailsOnUpdate(c, current, Optional.empty(), null);
      after = promotable(c, bucket, key, null);
    } else {
      removeStored(c, target);
      tailsOnUpdate(c, Optional.of(target), Optional.empty(), null);
      if (current.isEmpty()) {
        after = promotable(c, bucket, key, target);
      }
    }
    if (after.isPresent() && !after.equals(current)) {
      removeStored(c, after.get());
      putCurrent(c, after.get());
    } else if (after.isEmpty() && wasCurrent) {
      deleteCurrent(c, bucket, key);
    }
    return new ObjectChange(
        current,
        after,
        target.isDeleteMarker() ? List.of() : List.of(target),
        target.isDeleteMarker() ? Optional.of(target) : Optional.empty());
  }

  /** The newest stored version other than {@code removed}, when it is an object (not a marker). */
  private Optional<ObjectRecord> promotable(
      Connection c, String bucket, String key, ObjectRecord removed) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT record FROM osprey_version WHERE bucket = ? AND key = ? AND seq <> ?"
                + " ORDER BY seq DESC LIMIT 1")) {
      ps.setString(1, bucket);
      ps.setBytes(2, utf8(key));
      ps.setLong(3, removed == null ? -1 : removed.version().sequence());
      Optional<ObjectRecord> r = one(ps, bucket, key);
      return r.filter(o -> !o.isDeleteMarker());
    }
  }

  private void putStored(Connection c, ObjectRecord r) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO osprey_version (bucket, key, seq, null_id, blob_id, record)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (bucket, key, seq) DO UPDATE SET"
                + " null_id = excluded.null_id, blob_id = excluded.blob_id,"
                + " record = excluded.record")) {
      ps.setString(1, r.bucket());
      ps.setBytes(2, utf8(r.key()));
      ps.setLong(3, r.version().sequence());
      ps.setBoolean(4, r.version().nullId());
      ps.setString(5, r.blobId());
      ps.setBytes(6, RecordCodec.encodeObject(r));
      ps.executeUpdate();
    }
  }

  private void removeStored(Connection c, ObjectRecord r) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM osprey_version WHERE bucket = ? AND key = ? AND seq = ?")) {
      ps.setString(1, r.bucket());
      ps.setBytes(2, utf8(r.key()));
      ps.setLong(3, r.version().sequence());
      ps.executeUpdate();
    }
  }

  // ---- tails

  /** The generation's folded length, or -1 when it has no tail. */
  long folded(Connection c, String bucket, String key, String blobId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT folded FROM osprey_tail WHERE bucket = ? AND key = ? AND blob_id = ?")) {
      ps.setString(1, bucket);
      ps.setBytes(2, utf8(key));
      ps.setString(3, generation(blobId));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : -1;
      }
    }
  }

  /** The chunks of {@code [from, to)} of the generation, by offset. */
  List<TailChunk> chunks(Connection c, String bucket, String key, String blobId, long from, long to)
      throws SQLException {
    List<TailChunk> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT offs, bytes FROM osprey_tail_chunk WHERE bucket = ? AND key = ?"
                + " AND blob_id = ? AND offs >= ? AND offs < ? ORDER BY offs")) {
      ps.setString(1, bucket);
      ps.setBytes(2, utf8(key));
      ps.setString(3, generation(blobId));
      ps.setLong(4, from);
      ps.setLong(5, to);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new TailChunk(rs.getLong(1), rs.getBytes(2)));
        }
      }
    }
    return out;
  }

  /** The tail rules of an update: see MetadataStore (the SQL twin of the embedded backend's). */
  private void tailsOnUpdate(
      Connection c, Optional<ObjectRecord> before, Optional<ObjectRecord> after, TailChunk chunk)
      throws SQLException {
    boolean sameGeneration =
        before.isPresent()
            && after.isPresent()
            && Objects.equals(before.get().blobId(), after.get().blobId());
    long oldFolded = -1;
    if (before.isPresent()) {
      ObjectRecord b = before.get();
      oldFolded = folded(c, b.bucket(), b.key(), b.blobId());
    }
    if (!sameGeneration && oldFolded >= 0) {
      ObjectRecord b = before.get();
      deleteGeneration(c, b.bucket(), b.key(), b.blobId());
    }
    if (chunk == null) {
      if (sameGeneration && oldFolded >= 0 && after.get().size() != before.get().size()) {
        throw new IllegalStateException(
            "the size changed outside the tail while a tail is pending");
      }
      return;
    }
    ObjectRecord next = after.orElseThrow(() -> new IllegalArgumentException("no object for tail"));
    long expectedStart = sameGeneration ? before.get().size() : 0;
    if (chunk.offset() != expectedStart || chunk.end() != next.size()) {
      throw new IllegalArgumentException(
          "tail chunk [" + chunk.offset() + ", " + chunk.end() + ") does not extend the object");
    }
    if (!sameGeneration || oldFolded < 0) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO osprey_tail (bucket, key, blob_id, folded) VALUES (?, ?, ?, ?)"
                  + " ON CONFLICT (bucket, key, blob_id) DO UPDATE SET folded = excluded.folded")) {
        ps.setString(1, next.bucket());
        ps.setBytes(2, utf8(next.key()));
        ps.setString(3, generation(next.blobId()));
        ps.setLong(4, chunk.offset());
        ps.executeUpdate();
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO osprey_tail_chunk (bucket, key, blob_id, offs, bytes)"
                + " VALUES (?, ?, ?, ?, ?)")) {
      ps.setString(1, next.bucket());
      ps.setBytes(2, utf8(next.key()));
      ps.setString(3, generation(next.blobId()));
      ps.setLong(4, chunk.offset());
      ps.setBytes(5, chunk.bytes());
      ps.executeUpdate();
    }
  }

  /**
   * Folds {@code [folded, upTo)} of the generation: deletes those chunks and advances the folded
   * length (drops the tail row when it reaches the size). False, nothing changed, when {@code upTo}
   * is not a chunk boundary.
   */
  boolean fold(Connection c, ObjectRecord o, long folded, long upTo) throws SQLException {
    long end = folded;
    for (TailChunk ch : chunks(c, o.bucket(), o.key(), o.blobId(), folded, upTo)) {
      if (ch.offset() != end) {
        return false;
      }
      end = ch.end();
    }
    if (end != upTo) {
      return false;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "DELETE FROM osprey_tail_chunk WHERE bucket = ? AND key = ? AND blob_id = ?"
                + " AND offs < ?")) {
      ps.setString(1, o.bucket());
      ps.setBytes(2, utf8(o.key()));
      ps.setString(3, generation(o.blobId()));
      ps.setLong(4, upTo);
      ps.executeUpdate();
    }
    String sql =
        upTo == o.size()
            ? "DELETE FROM osprey_tail WHERE bucket = ? AND key = ? AND blob_id = ?"
            : "UPDATE osprey_tail SET folded = ? WHERE bucket = ? AND key = ? AND blob_id = ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int i = 1;
      if (upTo != o.size()) {
        ps.setLong(i++, upTo);
      }
      ps.setString(i++, o.bucket());
      ps.setBytes(i++, utf8(o.key()));
      ps.setString(i, generation(o.blobId()));
      ps.executeUpdate();
    }
    return true;
  }

  private void deleteGeneration(Connection c, String bucket, String key, String blobId)
      throws SQLException {
    for (String table : List.of("osprey_tail_chunk", "osprey_tail")) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "DELETE FROM " + table + " WHERE bucket = ? AND key = ? AND blob_id = ?")) {
        ps.setString(1, bucket);
        ps.setBytes(2, utf8(key));
        ps.setString(3, generation(blobId));
        ps.executeUpdate();
      }
    }
  }

  // ---- helpers

  private static String generation(String blobId) {
    return blobId == null ? "" : blobId;
  }

  private static Optional<ObjectRecord> one(PreparedStatement ps, String bucket, String key)
      throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next()
          ? Optional.of(RecordCodec.decodeObject(bucket, key, rs.getBytes(1)))
          : Optional.empty();
    }
  }

  private long nextSequence(long newestOfKey) {
    long now = nowMicros();
    return lastSequence.updateAndGet(last -> Math.max(Math.max(last + 1, now), newestOfKey + 1));
  }

  private static ObjectRecord marker(String bucket, String key, ObjectRecord template) {
    return template != null
        ? template
        : ObjectRecord.deleteMarker(bucket, key, Instant.now().truncatedTo(ChronoUnit.MILLIS));
  }

  private static long nowMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
  }
}
