package dev.osprey.storage;

import dev.osprey.protocol.CannedAcl;
import dev.osprey.protocol.ContentMd5;
import dev.osprey.protocol.Limits;
import dev.osprey.protocol.ObjectType;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.StorageClass;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ObjectService} over a {@link MetadataStore} and a {@link DataStore}. Every write follows
 * one order: bytes into a blob, sync the blob, then one metadata commit that makes them visible;
 * only then is the previous generation's blob deleted. A failure before the commit leaves nothing
 * visible changed. This service owns both stores and closes them.
 */
public final class DefaultObjectService implements ObjectService {
  private static final Logger LOG = LoggerFactory.getLogger(DefaultObjectService.class);
  private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");
  private static final int OPEN_RETRIES = 16;
  private static final int MAX_PAGE = Limits.LIST_PAGE;

  private final MetadataStore metadata;
  private final DataStore data;
  private final Clock clock;
  private final TailFolder folder;
  private final ObjectAppender appender;
  private final ObjectLister lister;
  private final long maxObjectSize;
  private final MultipartUploads multipart;
  private final ObjectCopier copier;
  private final BlobCollector collector;
  private final ObjectVersions versions;
  private final VersionLister versionLister;
  private final LifecycleSweeper lifecycle;
  private final DiskSpace space;
  private final ReentrantLock bucketChanges = new ReentrantLock();

  public DefaultObjectService(MetadataStore metadata, DataStore data, Clock clock) {
    this(metadata, data, clock, OrphanCollection.DEFAULT);
  }

  /** With the orphan collector's grace period and interval. */
  public DefaultObjectService(
      MetadataStore metadata, DataStore data, Clock clock, OrphanCollection orphans) {
    this(metadata, data, clock, orphans, DiskSpace.UNLIMITED);
  }

  /** As above, with the space accounting of the data directory (capacity, full disk). */
  public DefaultObjectService(
      MetadataStore metadata,
      DataStore data,
      Clock clock,
      OrphanCollection orphans,
      DiskSpace space) {
    this(
        metadata,
        data,
        clock,
        new Options(MAX_OBJECT_SIZE, TailFolder.Mode.BACKGROUND, orphans),
        space);
  }

  /** With a smaller size cap, so tests can cross the limit without writing 5 GiB. */
  DefaultObjectService(MetadataStore metadata, DataStore data, Clock clock, long maxObjectSize) {
    this(metadata, data, clock, maxObjectSize, TailFolder.Mode.BACKGROUND);
  }

  /**
   * With the folding mode: MANUAL leaves tails unfolded until {@link #folder()} is told, so tests
   * can look at every stage (and "crash" between commit and fold by closing).
   */
  DefaultObjectService(
      MetadataStore metadata,
      DataStore data,
      Clock clock,
      long maxObjectSize,
      TailFolder.Mode folding) {
    this(metadata, data, clock, new Options(maxObjectSize, folding, OrphanCollection.DEFAULT));
  }

  /**
   * What tests tune. MANUAL folding also means no background orphan collection: tests call {@link
   * #collector()} themselves.
   */
  record Options(long maxObjectSize, TailFolder.Mode folding, OrphanCollection orphans) {}

  DefaultObjectService(MetadataStore metadata, DataStore data, Clock clock, Options options) {
    this(metadata, data, clock, options, DiskSpace.UNLIMITED);
  }

  private DefaultObjectService(
      MetadataStore metadata, DataStore data, Clock clock, Options options, DiskSpace space) {
    this.space = space;
    TrackedDataStore tracked = new TrackedDataStore(data);
    this.metadata = metadata;
    this.data = tracked;
    this.clock = clock;
    this.maxObjectSize = options.maxObjectSize();
    this.folder = new TailFolder(metadata, tracked, options.folding());
    this.appender =
        new ObjectAppender(
            new ObjectAppender.Stores(metadata, tracked, folder, space), clock, maxObjectSize);
    this.lister = new ObjectLister(metadata);
    this.versions = new ObjectVersions(metadata);
    this.versionLister = new VersionLister(metadata);
    this.lifecycle = new LifecycleSweeper(this, metadata, clock, this::deleteBlobOf);
    this.multipart = new MultipartUploads(metadata, tracked, clock, this::deleteBlobOf);
    this.copier =
        new ObjectCopier(
            metadata, tracked, clock, (b, k, v) -> openObject(b, k, v), this::deleteBlobOf);
    this.collector =
        new BlobCollector(
            metadata,
            tracked,
            clock,
            options.orphans(),
            options.folding() == TailFolder.Mode.BACKGROUND);
  }

  /** The data store as the write paths see it (writers tracked), for tests that write blobs. */
  DataStore dataStore() {
    return data;
  }

  /** The orphan collector, for tests that run passes themselves. */
  BlobCollector collector() {
    return collector;
  }

  /** The tail folder, for tests that drive folding themselves. */
  TailFolder folder() {
    return folder;
  }

  // ---- buckets

  /**
   * Creates the bucket, stamped with this service's clock. A null or {@code default} ACL becomes
   * {@code private}, a null storage class Standard, a null redundancy type LRS (spec §3.7).
   */
  @Override
  public BucketRecord createBucket(BucketRecord bucket) {
    if (bucket.name() == null || !BUCKET_NAME.matcher(bucket.name()).matches()) {
      throw new OssException(OssErrorCode.INVALID_BUCKET_NAME).detail("BucketName", bucket.name());
    }
    BucketRecord stored =
        new BucketRecord(
            bucket.name(),
            now(),
            bucket.owner(),
            bucket.acl() == null || bucket.acl() == CannedAcl.DEFAULT
                ? CannedAcl.PRIVATE
                : bucket.acl(),
            bucket.storageClass() == null ? StorageClass.STANDARD : bucket.storageClass(),
            bucket.dataRedundancyType() == null ? "LRS" : bucket.dataRedundancyType(),
            Versioning.UNVERSIONED,
            bucket.configs());
    metadata.createBucket(stored);
    return stored;
  }

  @Override
  public BucketRecord getBucket(String name) {
    return metadata.getBucket(name).orElseThrow(() -> noSuchBucket(name));
  }

  @Override
  public BucketListing listBuckets(String prefix, String marker, int maxKeys) {
    int limit = Math.clamp(maxKeys, 1, MAX_PAGE);
    List<BucketRecord> page = metadata.listBuckets(prefix, marker, limit + 1);
    if (page.size() <= limit) {
      return new BucketListing(page, false, null);
    }
    List<BucketRecord> shown = List.copyOf(page.subList(0, limit));
    return new BucketListing(shown, true, shown.get(limit - 1).name());
  }

  @Override
  public void deleteBucket(String name) {
    metadata.deleteBucket(name);
  }

  @Override
  public BucketRecord putBucketAcl(String name, CannedAcl acl) {
    if (acl == null || acl == CannedAcl.DEFAULT) {
      throw OssException.invalidArgument(
          "no such bucket access control exists", "x-oss-acl", acl == null ? null : acl.wireName());
    }
    BucketRecord updated = changeBucket(name, b -> b.withAcl(acl));
    return updated;
  }

  // ---- objects

  @Override
  public ObjectRecord putObject(PutObjectCommand cmd, InputStream body) {
    // NoSuchBucket before a byte of the body is read
    boolean forbidOverwrite = forbidsOverwrite(getBucket(cmd.bucket()), cmd.forbidOverwrite());
    if (cmd.contentLength() > maxObjectSize) {
      throw objectTooLarge(cmd.contentLength());
    }
    space.admitWrite(cmd.contentLength());
    byte[] announcedMd5 = ContentMd5.parse(cmd.contentMd5());
    // A chunked body is cut off where it would pass the capacity limit.
    long room = space.room();
    long maxBytes = Math.min(maxObjectSize, room);
    java.util.function.Supplier<OssException> tooLarge =
        room < maxObjectSize ? () -> space.capacityExceeded(-1) : () -> objectTooLarge(-1);
    BlobWriter writer = createBlob();
    boolean committed = false;
    try {
      BodyCopier.Copied copied =
          BodyCopier.copy(
              body, writer, new BodyCopier.Spec(cmd.contentLength(), maxBytes, tooLarge, true, 0L));
      ContentMd5.verify(announcedMd5, copied.md5());
      ObjectAppender.sync(writer);
      ObjectRecord record =
          new ObjectRecord(
              cmd.bucket(),
              cmd.key(),
              ObjectType.NORMAL,
              copied.length(),
              copied.crc64(),
              HexFormat.of().withUpperCase().formatHex(copied.md5()),
              Base64.getEncoder().encodeToString(copied.md5()),
              now(),
              attributesOrEmpty(cmd.attributes()),
              writer.blobId(),
              null);
      ObjectChange change =
          metadata.updateObject(
              cmd.bucket(),
              cmd.key(),
              current -> {
                if (forbidOverwrite && current.isPresent()) {
                  throw new OssException(OssErrorCode.FILE_ALREADY_EXISTS).detail("Key", cmd.key());
                }
                return Optional.of(record);
              });
      committed = true;
      change.released().forEach(this::deleteBlobOf);
      return change.after().orElseThrow();
    } finally {
      if (!committed) {
        writer.abort();
      }
      ObjectAppender.closeQuietly(writer);
    }
  }

  /**
   * A symlink gets an empty blob like any object, so readers, copies and the orphan collector need
   * no special case; its ETag is the MD5 of the target's key (OSS documents none).
   */
  @Override
  public ObjectRecord putSymlink(PutSymlinkCommand cmd) {
    boolean forbidOverwrite = forbidsOverwrite(getBucket(cmd.bucket()), cmd.forbidOverwrite());
    BlobWriter writer = createBlob();
    boolean committed = false;
    try {
      ObjectAppender.sync(writer);
      byte[] md5 = ContentMd5.md5().digest(cmd.target().getBytes(StandardCharsets.UTF_8));
      ObjectRecord record =
          new ObjectRecord(
              cmd.bucket(),
              cmd.key(),
              ObjectType.SYMLINK,
              0,
              0,
              HexFormat.of().withUpperCase().formatHex(md5),
              null,
              now(),
              attributesOrEmpty(cmd.attributes()),
              writer.blobId(),
              null,
              cmd.target());
      ObjectChange change =
          metadata.updateObject(
              cmd.bucket(),
              cmd.key(),
              current -> {
                if (forbidOverwrite && current.isPresent()) {
                  throw new OssException(OssErrorCode.FILE_ALREADY_EXISTS).detail("Key", cmd.key());
                }
                return Optional.of(record);
              });
      committed = true;
      change.released().forEach(this::deleteBlobOf);
      return change.after().orElseThrow();
    } finally {
      if (!committed) {
        writer.abort();
      }
      ObjectAppender.closeQuietly(writer);
    }
  }

  @Override
  public ObjectRecord headObject(String bucket, String key) {
    Optional<ObjectRecord> found = metadata.getObject(bucket, key);
    if (found.isPresent()) {
      return found.get();
    }
    throw versions.missing(bucket, key); // only a miss pays the bucket lookup
  }

  /**
   * Pins the current metadata, an open blob and the unfolded tail together: one consistent read of
   * the metadata store (record, folded length, tail chunks), then the blob. A racing overwrite or
   * delete may delete the blob between the two; then the metadata is read again (it names the new
   * generation). A racing fold is harmless: it only writes past this view's folded length.
   */
  @Override
  public OpenObject openObject(String bucket, String key) {
    return open(() -> stateOf(bucket, key));
  }

  /**
   * Opens what {@code read} names. An archived object outside its restored state is refused here,
   * so GetObject, CopyObject and UploadPartCopy of it all answer InvalidObjectState.
   */
  private OpenObject open(java.util.function.Supplier<ObjectState> read) {
    ObjectState state = read.get();
    if (!state.object().readableAt(clock.instant())) {
      throw OssException.of(OssErrorCode.INVALID_OBJECT_STATE);
    }
    String bucket = state.object().bucket();
    String key = state.object().key();
    for (int attempt = 0; attempt < OPEN_RETRIES; attempt++) {
      String blobId = state.object().blobId();
      try {
        BlobReader blob = data.open(blobId);
        try {
          return new OpenObject(state.object(), new ObjectReader(blob, state));
        } catch (RuntimeException e) {
          blob.close();
          throw e;
        }
      } catch (NoSuchFileException e) {
        ObjectState again = read.get();
        if (again.object().blobId().equals(blobId)) {
          throw new StorageException(
              "blob " + blobId + " of " + bucket + "/" + key + " is missing", e);
        }
        state = again;
      } catch (IOException e) {
        throw new StorageException("cannot open blob " + blobId, e);
      }
    }
    throw new OssException(
        OssErrorCode.SERVICE_UNAVAILABLE, "The object is being overwritten too fast to read.");
  }

  private ObjectState stateOf(String bucket, String key) {
    Optional<ObjectState> found = metadata.getObjectWithTail(bucket, key);
    if (found.isPresent()) {
      return found.get();
    }
    throw versions.missing(bucket, key);
  }

  /**
   * The delete asks for a delete marker: the store keeps it in a versioned bucket and simply
   * removes the record in one never versioned.
   */
  @Override
  public ObjectDeletion deleteObject(String bucket, String key) {
    ObjectRecord marker = ObjectRecord.deleteMarker(bucket, key, now());
    ObjectChange change = metadata.updateObject(bucket, key, current -> Optional.of(marker));
    change.released().forEach(this::deleteBlobOf);
    return change
        .deleteMarker()
        .map(m -> new ObjectDeletion(true, m.version().id()))
        .orElse(ObjectDeletion.UNVERSIONED);
  }

  // ---- versions

  @Override
  public BucketRecord putBucketVersioning(String bucket, Versioning status) {
    if (!status.versioned()) {
      throw OssException.invalidArgument(
          "The versioning status must be Enabled or Suspended.", "Status", null);
    }
    BucketRecord updated = changeBucket(bucket, b -> b.withVersioning(status));
    return updated;
  }

  @Override
  public BucketRecord putBucketConfig(String bucket, String configName, String document) {
    return changeBucket(bucket, b -> b.withConfig(configName, document));
  }

  /**
   * Reads, changes and writes back a bucket record, one change at a time, so that two changes of
   * different parts of it (an ACL and a CORS configuration, say) cannot undo each other. Bucket
   * changes are rare: one lock for all buckets is enough.
   */
  private BucketRecord changeBucket(String bucket, UnaryOperator<BucketRecord> change) {
    bucketChanges.lock();
    try {
      BucketRecord updated = change.apply(getBucket(bucket));
      metadata.updateBucket(updated);
      return updated;
    } finally {
      bucketChanges.unlock();
    }
  }

  @Override
  public int applyLifecycle() {
    LifecycleSweeper.Sweep s = lifecycle.sweepOnce();
    if (s.expired() + s.transitioned() + s.versionsRemoved() + s.uploadsAborted() > 0) {
      LOG.info(
          "lifecycle: {} objects expired, {} transitioned, {} versions removed, {} uploads aborted",
          s.expired(),
          s.transitioned(),
          s.versionsRemoved(),
          s.uploadsAborted());
    }
    return s.expired() + s.transitioned() + s.versionsRemoved() + s.uploadsAborted();
  }

  @Override
  public ObjectRecord headObject(String bucket, String key, String versionId) {
    return versionId == null ? headObject(bucket, key) : versions.version(bucket, key, versionId);
  }

  @Override
  public OpenObject openObject(String bucket, String key, String versionId) {
    return versionId == null
        ? openObject(bucket, key)
        : open(() -> versions.versionState(bucket, key, versionId));
  }

  @Override
  public ObjectDeletion deleteObjectVersion(String bucket, String key, String versionId) {
    ObjectChange change = metadata.deleteObjectVersion(bucket, key, versionId);
    change.released().forEach(this::deleteBlobOf);
    return new ObjectDeletion(change.deleteMarker().isPresent(), versionId);
  }

  @Override
  public ObjectRecord putObjectTags(
      String bucket, String key, String versionId, Map<String, String> tags) {
    return versionId == null
        ? putObjectTags(bucket, key, tags)
        : versions.update(
            bucket, key, versionId, o -> o.withAttributes(o.attributes().withTags(tags)));
  }

  @Override
  public ObjectRecord putObjectAcl(String bucket, String key, String versionId, CannedAcl acl) {
    return versionId == null
        ? putObjectAcl(bucket, key, acl)
        : versions.update(
            bucket, key, versionId, o -> o.withAttributes(o.attributes().withAcl(acl)));
  }

  @Override
  public VersionListing listObjectVersions(ListVersionsCommand command) {
    getBucket(command.bucket());
    return versionLister.list(command);
  }

  @Override
  public ObjectListing listObjects(ListObjectsCommand command) {
    getBucket(command.bucket());
    return lister.list(command);
  }

  @Override
  public ObjectRecord appendObject(AppendObjectCommand command, InputStream body) {
    space.admitWrite(command.contentLength());
    return appender.append(command, body);
  }

  @Override
  public java.util.concurrent.CompletableFuture<ObjectRecord> appendObjectAsync(
      AppendObjectCommand command, InputStream body) {
    try {
      space.admitWrite(command.contentLength());
    } catch (OssException e) {
      return java.util.concurrent.CompletableFuture.failedFuture(e);
    }
    return appender.appendAsync(command, body);
  }

  /**
   * SealAppendObject (spec §1.10): the position must equal the length; the first seal's time is
   * kept by later seals. Last-Modified is left alone: sealing changes no byte.
   */
  @Override
  public ObjectRecord sealAppendObject(String bucket, String key, long position) {
    Instant sealedAt = now();
    return updateExisting(
        bucket,
        key,
        o -> {
          if (o.type() != ObjectType.APPENDABLE) {
            throw new OssException(OssErrorCode.OBJECT_NOT_APPENDABLE);
          }
          if (o.size() != position) {
            throw AppendRules.positionMismatch(o.size());
          }
          if (o.sealedTime() != null) {
            return o;
          }
          // sealing changes no bytes: a restored object stays restored
          return new ObjectRecord(
                  o.bucket(),
                  o.key(),
                  o.type(),
                  o.size(),
                  o.crc64(),
                  o.etag(),
                  o.contentMd5(),
                  o.lastModified(),
                  o.attributes(),
                  o.blobId(),
                  sealedAt)
              .withRestore(o.restore());
        });
  }

  @Override
  public ObjectRecord putObjectTags(String bucket, String key, Map<String, String> tags) {
    return updateExisting(bucket, key, o -> o.withAttributes(o.attributes().withTags(tags)));
  }

  @Override
  public ObjectRecord putObjectAcl(String bucket, String key, CannedAcl acl) {
    return updateExisting(bucket, key, o -> o.withAttributes(o.attributes().withAcl(acl)));
  }

  // ---- archive

  @Override
  public RestoreResult restoreObject(
      String bucket, String key, String versionId, int days, java.time.Duration delay) {
    Instant now = now();
    boolean[] started = new boolean[1];
    UnaryOperator<ObjectRecord> change =
        o -> {
          if (o.type() == ObjectType.SYMLINK || !o.attributes().storageClass().needsRestore()) {
            throw OssException.of(OssErrorCode.OPERATION_NOT_SUPPORTED)
                .detail("StorageClass", o.attributes().storageClass().wireName());
          }
          RestoreState current = o.restore();
          if (current != null && current.ongoing(now)) {
            throw OssException.of(OssErrorCode.RESTORE_ALREADY_IN_PROGRESS);
          }
          started[0] = current == null || current.expired(now);
          return o.withRestore(
              started[0] ? RestoreState.started(now, delay, days) : current.extendedTo(now, days));
        };
    ObjectRecord after =
        versionId == null
            ? updateExisting(bucket, key, change)
            : versions.update(bucket, key, versionId, change);
    return new RestoreResult(started[0], after);
  }

  @Override
  public Clock clock() {
    return clock;
  }

  // ---- multipart upload and copy

  @Override
  public UploadRecord initiateMultipartUpload(InitiateUploadCommand command) {
    return multipart.initiate(command);
  }

  @Override
  public PartRecord uploadPart(UploadPartCommand command, InputStream body) {
    space.admitWrite(command.contentLength());
    return multipart.uploadPart(command, body);
  }

  @Override
  public ObjectRecord completeMultipartUpload(CompleteUploadCommand command) {
    space.admitWrite(0);
    return multipart.complete(command);
  }

  @Override
  public void abortMultipartUpload(String bucket, String key, String uploadId) {
    multipart.abort(bucket, key, uploadId);
  }

  @Override
  public PartListing listParts(ListPartsCommand command) {
    return multipart.listParts(command);
  }

  @Override
  public UploadListing listMultipartUploads(ListUploadsCommand command) {
    return multipart.listUploads(command);
  }

  @Override
  public ObjectRecord copyObject(CopyObjectCommand command) {
    space.admitWrite(0);
    return copier.copy(command);
  }

  // ---- bucket policies

  @Override
  public void putBucketPolicy(String bucket, String policy) {
    metadata.putBucketPolicy(bucket, policy);
  }

  @Override
  public Optional<String> getBucketPolicy(String bucket) {
    return metadata.getBucketPolicy(bucket);
  }

  @Override
  public void deleteBucketPolicy(String bucket) {
    metadata.deleteBucketPolicy(bucket);
  }

  @Override
  public DiskSpace diskSpace() {
    return space;
  }

  @Override
  public MetadataStore metadata() {
    return metadata;
  }

  @Override
  public void close() {
    try {
      collector.close(); // before the stores: it may be using them
      folder.close();
    } finally {
      try {
        metadata.close();
      } finally {
        data.close();
      }
    }
  }

  // ---- helpers

  private ObjectRecord updateExisting(
      String bucket, String key, UnaryOperator<ObjectRecord> change) {
    ObjectChange result =
        metadata.updateObject(
            bucket,
            key,
            current -> {
              if (current.isEmpty()) {
                throw noSuchKey(key);
              }
              return Optional.of(change.apply(current.get()));
            });
    return result.after().orElseThrow();
  }

  /**
   * The previous generation is garbage once the new record is committed (its tail went in the same
   * commit); failing to delete it loses nothing. Under the object's fold lock, so that a fold that
   * started before the commit finishes (and finds its generation gone, and undoes its write) first.
   */
  private void deleteBlobOf(ObjectRecord old) {
    ReentrantLock foldLock = folder.lockFor(old.bucket(), old.key());
    foldLock.lock();
    try {
      data.delete(old.blobId());
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "could not delete blob {} of a replaced object; it is now an orphan", old.blobId(), e);
    } finally {
      foldLock.unlock();
    }
  }

  private BlobWriter createBlob() {
    try {
      return data.create();
    } catch (IOException e) {
      throw new StorageException("cannot create blob", e);
    }
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /**
   * {@code x-oss-forbid-overwrite} is ignored in a versioned bucket (spec §3.1): nothing is
   * overwritten there.
   */
  static boolean forbidsOverwrite(BucketRecord bucket, boolean asked) {
    return asked && !bucket.versioning().versioned();
  }

  private static ObjectAttributes attributesOrEmpty(ObjectAttributes a) {
    return a == null ? ObjectAppender.emptyAttributes() : a;
  }

  /** Spec §3.1: PutObject over 5 GB is InvalidArgument. */
  private static OssException objectTooLarge(long declared) {
    return OssException.invalidArgument(
        "Your proposed upload exceeds the maximum allowed size of 5 GiB.",
        "Content-Length",
        declared >= 0 ? Long.toString(declared) : null);
  }

  static OssException noSuchBucket(String bucket) {
    return new OssException(OssErrorCode.NO_SUCH_BUCKET).detail("BucketName", bucket);
  }

  static OssException noSuchKey(String key) {
    return new OssException(OssErrorCode.NO_SUCH_KEY).detail("Key", key);
  }
}
