package dev.osprey.storage;

import dev.osprey.protocol.Limits;
import dev.osprey.protocol.ObjectType;
import dev.osprey.protocol.OssException;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * CopyObject (spec §3.2). The source is opened (record and bytes pinned together, so a racing
 * overwrite of the source cannot mix generations), its bytes are copied kernel-side into a new
 * blob, synced, and one metadata commit makes the destination visible. The copy keeps the source's
 * type, ETag, CRC-64 and Content-MD5: the bytes are the same. Copying an object onto itself changes
 * only its metadata, in one metadata commit, without touching the bytes.
 */
final class ObjectCopier {
  /** Spec §3.2: CopyObject takes sources under 1 GB; larger ones need UploadPartCopy. */
  static final long MAX_COPY_SIZE = Limits.COPY_SOURCE_BYTES;

  private final MetadataStore metadata;
  private final DataStore data;
  private final Clock clock;
  private final SourceOpener opener;
  private final Consumer<ObjectRecord> retireGeneration;

  /**
   * @param opener opens a source object the way GetObject does (NoSuchBucket, NoSuchKey)
   * @param retireGeneration deletes the blob of a destination the copy replaced, the way the
   *     service does for every replaced generation (under its fold lock)
   */
  ObjectCopier(
      MetadataStore metadata,
      DataStore data,
      Clock clock,
      SourceOpener opener,
      Consumer<ObjectRecord> retireGeneration) {
    this.metadata = metadata;
    this.data = data;
    this.clock = clock;
    this.opener = opener;
    this.retireGeneration = retireGeneration;
  }

  /** Opens a source the way GetObject does, one version (null: the current one). */
  @FunctionalInterface
  interface SourceOpener {
    OpenObject open(String bucket, String key, String versionId);
  }

  ObjectRecord copy(CopyObjectCommand cmd) {
    BucketRecord bucket =
        metadata
            .getBucket(cmd.bucket())
            .orElseThrow(() -> DefaultObjectService.noSuchBucket(cmd.bucket()));
    boolean forbidOverwrite = DefaultObjectService.forbidsOverwrite(bucket, cmd.forbidOverwrite());
    if (cmd.sameObject() && !bucket.versioning().versioned()) {
      return updateMetadata(cmd);
    }
    OpenObject source = opener.open(cmd.sourceBucket(), cmd.sourceKey(), cmd.sourceVersionId());
    try (source) {
      ObjectRecord s = source.object();
      cmd.sourceCheck().accept(s);
      if (s.type() == ObjectType.APPENDABLE
          && (versioned(bucket) || versioned(cmd.sourceBucket()))) {
        // Spec §1.6 and the AppendObject page's versioning notes: appendable objects cannot be
        // copied once versions are kept (the error code is not documented).
        throw OssException.invalidArgument(
            "Appendable objects cannot be copied in a versioned bucket.",
            "x-oss-copy-source",
            "/" + cmd.sourceBucket() + "/" + cmd.sourceKey());
      }
      if (s.size() > MAX_COPY_SIZE) {
        throw OssException.invalidArgument(
            "The source object is larger than 1 GB; copy it with UploadPartCopy.",
            "x-oss-copy-source",
            "/" + cmd.sourceBucket() + "/" + cmd.sourceKey());
      }
      if (forbidOverwrite && metadata.getObject(cmd.bucket(), cmd.key()).isPresent()) {
        throw MultipartUploads.fileAlreadyExists(cmd.key());
      }
      return copyBytes(cmd, source, forbidOverwrite);
    } catch (IOException e) {
      throw new StorageException("cannot close the source of a copy", e);
    }
  }

  private ObjectRecord copyBytes(
      CopyObjectCommand cmd, OpenObject source, boolean forbidOverwrite) {
    ObjectRecord s = source.object();
    BlobWriter writer;
    try {
      writer = data.create();
    } catch (IOException e) {
      throw new StorageException("cannot create blob", e);
    }
    boolean committed = false;
    try {
      // Segment by segment: the source's blob holds only its folded prefix, the rest may still be
      // tail bytes pinned in memory when it was opened.
      for (ObjectSegment segment : source.segments(0, s.size())) {
        switch (segment) {
          case ObjectSegment.FileSegment f -> writer.transferFrom(f.blob(), f.offset(), f.length());
          case ObjectSegment.BytesSegment b -> writer.write(b.bytes().duplicate());
        }
      }
      ObjectAppender.sync(writer);
      ObjectRecord record =
          new ObjectRecord(
              cmd.bucket(),
              cmd.key(),
              s.type(),
              s.size(),
              s.crc64(),
              s.etag(),
              s.contentMd5(),
              now(),
              cmd.attributes().apply(s.attributes()),
              writer.blobId(),
              null,
              s.symlinkTarget()); // a copy of a symlink is a symlink to the same target
      ObjectChange change =
          metadata.updateObject(
              cmd.bucket(),
              cmd.key(),
              current -> {
                if (forbidOverwrite && current.isPresent()) {
                  throw MultipartUploads.fileAlreadyExists(cmd.key());
                }
                return Optional.of(record);
              });
      committed = true;
      change.released().forEach(retireGeneration);
      return change.after().orElseThrow();
    } catch (IOException e) {
      throw new StorageException("cannot copy " + cmd.sourceBucket() + "/" + cmd.sourceKey(), e);
    } finally {
      if (!committed) {
        writer.abort();
      }
      ObjectAppender.closeQuietly(writer);
    }
  }

  /**
   * Same source and destination: new attributes and Last-Modified on the current record; bytes,
   * type, ETag and seal stay. The conditions are evaluated inside the commit, on the record being
   * changed.
   */
  private ObjectRecord updateMetadata(CopyObjectCommand cmd) {
    Instant now = now();
    ObjectChange change =
        metadata.updateObject(
            cmd.bucket(),
            cmd.key(),
            current -> {
              ObjectRecord o =
                  current.orElseThrow(() -> DefaultObjectService.noSuchKey(cmd.sourceKey()));
              cmd.sourceCheck().accept(o);
              if (cmd.forbidOverwrite()) {
                throw MultipartUploads.fileAlreadyExists(cmd.key());
              }
              return Optional.of(
                  new ObjectRecord(
                      o.bucket(),
                      o.key(),
                      o.type(),
                      o.size(),
                      o.crc64(),
                      o.etag(),
                      o.contentMd5(),
                      now,
                      cmd.attributes().apply(o.attributes()),
                      o.blobId(),
                      o.sealedTime(),
                      o.symlinkTarget()));
            });
    return change.after().orElseThrow();
  }

  private boolean versioned(BucketRecord b) {
    return b.versioning().versioned();
  }

  private boolean versioned(String bucketName) {
    return metadata.getBucket(bucketName).map(this::versioned).orElse(false);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
