package dev.osprey.storage;

import dev.osprey.protocol.ContentMd5;
import dev.osprey.protocol.Crc64;
import dev.osprey.protocol.Limits;
import dev.osprey.protocol.ObjectType;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.storage.CompleteUploadCommand.CompletedPart;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Multipart upload (spec §3.8). Each part is a blob of its own, synced before its record commits.
 * Completion copies the chosen parts, in order, into one new blob (kernel-side copies), syncs it,
 * and then one metadata commit creates the object and removes the upload and every part record;
 * only after that are the part blobs deleted. The object is then an ordinary single-blob object to
 * every reader.
 *
 * <p>A per-upload lock is held by completion across copy and commit, and by UploadPart and Abort
 * around their commits, so no part is replaced (and its blob deleted) while completion reads it.
 */
final class MultipartUploads {
  private static final Logger LOG = LoggerFactory.getLogger(MultipartUploads.class);

  /**
   * Every part but the last must be at least this big (spec §3.8: 100 KiB, checked at Complete).
   */
  static final long MIN_PART_SIZE = 100 * 1024;

  static final long MAX_PART_SIZE = Limits.PART_BYTES;
  static final int MAX_PARTS = Limits.PARTS;
  private static final int MAX_PAGE = Limits.LIST_PAGE;
  private static final Pattern UPLOAD_ID = Pattern.compile("[0-9A-F]{32}");
  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  private final MetadataStore metadata;
  private final DataStore data;
  private final Clock clock;
  private final Consumer<ObjectRecord> retireGeneration;
  private final SecureRandom random = new SecureRandom();
  private final StripedLocks uploadLocks = new StripedLocks(1024);

  /**
   * @param retireGeneration deletes the blob of an object the completion replaced, the way the
   *     service does for every replaced generation (under its fold lock)
   */
  MultipartUploads(
      MetadataStore metadata,
      DataStore data,
      Clock clock,
      Consumer<ObjectRecord> retireGeneration) {
    this.metadata = metadata;
    this.data = data;
    this.clock = clock;
    this.retireGeneration = retireGeneration;
  }

  UploadRecord initiate(InitiateUploadCommand cmd) {
    requireBucket(cmd.bucket());
    if (forbids(cmd.bucket(), cmd.forbidOverwrite())
        && metadata.getObject(cmd.bucket(), cmd.key()).isPresent()) {
      throw fileAlreadyExists(cmd.key());
    }
    Instant now = now();
    UploadRecord upload =
        new UploadRecord(cmd.bucket(), cmd.key(), newUploadId(now), now, cmd.attributes());
    metadata.createUpload(upload);
    return upload;
  }

  PartRecord uploadPart(UploadPartCommand cmd, InputStream body) {
    // Checked before the body is read, so a client waiting for 100-continue never uploads it.
    UploadRecord upload = requireUpload(cmd.bucket(), cmd.key(), cmd.uploadId());
    if (cmd.contentLength() > MAX_PART_SIZE) {
      throw partTooLarge();
    }
    byte[] announcedMd5 = ContentMd5.parse(cmd.contentMd5());
    BlobWriter writer = createBlob();
    boolean committed = false;
    try {
      BodyCopier.Copied copied =
          BodyCopier.copy(
              body,
              writer,
              new BodyCopier.Spec(
                  cmd.contentLength(), MAX_PART_SIZE, MultipartUploads::partTooLarge, true, 0L));
      ContentMd5.verify(announcedMd5, copied.md5());
      ObjectAppender.sync(writer);
      PartRecord part =
          new PartRecord(
              upload.uploadId(),
              cmd.partNumber(),
              copied.length(),
              HEX.formatHex(copied.md5()),
              copied.crc64(),
              now(),
              writer.blobId());
      Optional<PartRecord> replaced;
      ReentrantLock lock = lockOf(upload);
      lock.lock();
      try {
        replaced = metadata.putPart(upload, part);
      } finally {
        lock.unlock();
      }
      committed = true;
      replaced.ifPresent(p -> deleteBlob(p.blobId()));
      return part;
    } finally {
      if (!committed) {
        writer.abort();
      }
      ObjectAppender.closeQuietly(writer);
    }
  }

  ObjectRecord complete(CompleteUploadCommand cmd) {
    UploadRecord upload = requireUpload(cmd.bucket(), cmd.key(), cmd.uploadId());
    ReentrantLock lock = lockOf(upload);
    lock.lock();
    try {
      List<PartRecord> chosen = choose(cmd.parts(), metadata.listParts(upload, 0, MAX_PARTS));
      if (forbids(cmd.bucket(), cmd.forbidOverwrite())
          && metadata.getObject(cmd.bucket(), cmd.key()).isPresent()) {
        throw fileAlreadyExists(cmd.key()); // before copying: checked again in the commit
      }
      return assembleAndCommit(cmd, upload, chosen);
    } finally {
      lock.unlock();
    }
  }

  void abort(String bucket, String key, String uploadId) {
    UploadRecord upload = requireUpload(bucket, key, uploadId);
    List<PartRecord> removed;
    ReentrantLock lock = lockOf(upload);
    lock.lock();
    try {
      removed = metadata.deleteUpload(upload);
    } finally {
      lock.unlock();
    }
    removed.forEach(p -> deleteBlob(p.blobId()));
  }

  PartListing listParts(ListPartsCommand cmd) {
    UploadRecord upload = requireUpload(cmd.bucket(), cmd.key(), cmd.uploadId());
    int max = Math.clamp(cmd.maxParts(), 1, MAX_PAGE);
    List<PartRecord> page = metadata.listParts(upload, cmd.partNumberMarker(), max + 1);
    boolean truncated = page.size() > max;
    List<PartRecord> shown = truncated ? page.subList(0, max) : page;
    int next = shown.isEmpty() ? 0 : shown.get(shown.size() - 1).partNumber();
    return new PartListing(upload, shown, truncated, next);
  }

  /**
   * Uploads and common prefixes merged in key order, both counting toward max-uploads. A key marker
   * inside a common prefix skips that whole prefix (the marker was the prefix itself, handed out as
   * NextKeyMarker). Keys under one common prefix are stepped over one by one: uploads are few
   * compared with objects.
   */
  UploadListing listUploads(ListUploadsCommand cmd) {
    requireBucket(cmd.bucket());
    String prefix = cmd.prefix() == null ? "" : cmd.prefix();
    String delimiter =
        cmd.delimiter() == null || cmd.delimiter().isEmpty() ? null : cmd.delimiter();
    String keyMarker =
        cmd.keyMarker() == null || cmd.keyMarker().isEmpty() ? null : cmd.keyMarker();
    String idMarker =
        keyMarker == null || isEmpty(cmd.uploadIdMarker()) ? null : cmd.uploadIdMarker();
    int max = Math.clamp(cmd.maxUploads(), 1, MAX_PAGE);
    List<UploadRecord> uploads = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    String skip =
        delimiter == null || keyMarker == null
            ? null
            : ObjectLister.commonPrefix(keyMarker, prefix, delimiter);
    String cursorKey = keyMarker;
    String cursorId = idMarker;
    String lastKey = null;
    String lastId = null;
    while (true) {
      List<UploadRecord> batch =
          metadata.listUploads(cmd.bucket(), prefix, cursorKey, cursorId, MAX_PAGE);
      for (UploadRecord u : batch) {
        cursorKey = u.key();
        cursorId = u.uploadId();
        if (skip != null && u.key().startsWith(skip)) {
          continue;
        }
        String common =
            delimiter == null ? null : ObjectLister.commonPrefix(u.key(), prefix, delimiter);
        if (uploads.size() + prefixes.size() == max) {
          return new UploadListing(uploads, prefixes, true, lastKey, lastId);
        }
        if (common != null) {
          prefixes.add(common);
          skip = common;
          lastKey = common;
          lastId = null;
        } else {
          uploads.add(u);
          lastKey = u.key();
          lastId = u.uploadId();
        }
      }
      if (batch.size() < MAX_PAGE) {
        return new UploadListing(uploads, prefixes, false, lastKey, lastId);
      }
    }
  }

  // ---- completion

  /**
   * The parts to assemble, checked in OSS's order (spec §3.8): the list ascending without repeats
   * (InvalidPartOrder), every part uploaded with that ETag (InvalidPart), every part but the last
   * at least 100 KiB (EntityTooSmall).
   */
  static List<PartRecord> choose(List<CompletedPart> requested, List<PartRecord> uploaded) {
    List<PartRecord> chosen;
    if (requested == null) {
      chosen = uploaded;
    } else {
      int previous = 0;
      for (CompletedPart r : requested) {
        if (r.partNumber() <= previous) {
          throw new OssException(OssErrorCode.INVALID_PART_ORDER);
        }
        previous = r.partNumber();
      }
      Map<Integer, PartRecord> byNumber = new HashMap<>();
      uploaded.forEach(p -> byNumber.put(p.partNumber(), p));
      chosen = new ArrayList<>(requested.size());
      for (CompletedPart r : requested) {
        PartRecord p = byNumber.get(r.partNumber());
        if (p == null || !unquoted(r.etag()).equalsIgnoreCase(p.etag())) {
          throw new OssException(OssErrorCode.INVALID_PART)
              .detail("PartNumber", Integer.toString(r.partNumber()))
              .detail("ETag", r.etag());
        }
        chosen.add(p);
      }
    }
    for (int i = 0; i < chosen.size() - 1; i++) {
      if (chosen.get(i).size() < MIN_PART_SIZE) {
        throw new OssException(OssErrorCode.ENTITY_TOO_SMALL)
            .detail("PartNumber", Integer.toString(chosen.get(i).partNumber()))
            .detail("MinSizeAllowed", Long.toString(MIN_PART_SIZE))
            .detail("ProposedSize", Long.toString(chosen.get(i).size()));
      }
    }
    return chosen;
  }

  /**
   * OSS's multipart ETag (issue 12 item 8; spec §3.8 gives only the {@code "<hex>-<N>"} shape): the
   * upper-case hex MD5 of the parts' upper-case hex ETags concatenated as text, then {@code -N}.
   * Unlike S3, which hashes the binary MD5s. With no part it is the MD5 of nothing, {@code -0}.
   */
  static String multipartEtag(List<PartRecord> parts) {
    MessageDigest md5 = ContentMd5.md5();
    for (PartRecord p : parts) {
      md5.update(p.etag().toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }
    return HEX.formatHex(md5.digest()) + "-" + parts.size();
  }

  /** {@code x-oss-forbid-overwrite}, ignored in a versioned bucket (spec §3.1). */
  private boolean forbids(String bucket, boolean asked) {
    return asked && metadata.getBucket(bucket).map(b -> !b.versioning().versioned()).orElse(true);
  }

  private ObjectRecord assembleAndCommit(
      CompleteUploadCommand cmd, UploadRecord upload, List<PartRecord> chosen) {
    boolean forbidOverwrite = forbids(cmd.bucket(), cmd.forbidOverwrite());
    BlobWriter writer = createBlob();
    boolean committed = false;
    try {
      long crc = 0;
      long size = 0;
      for (PartRecord p : chosen) {
        copyPart(writer, p);
        crc = Crc64.combine(crc, p.crc64(), p.size());
        size += p.size();
      }
      ObjectAppender.sync(writer);
      ObjectAttributes attributes =
          cmd.acl() == null ? upload.attributes() : upload.attributes().withAcl(cmd.acl());
      ObjectRecord record =
          new ObjectRecord(
              upload.bucket(),
              upload.key(),
              ObjectType.MULTIPART,
              size,
              crc,
              multipartEtag(chosen),
              null,
              now(),
              attributes,
              writer.blobId(),
              null);
      UploadCompletion done =
          metadata.completeUpload(
              upload,
              current -> {
                if (forbidOverwrite && current.isPresent()) {
                  throw fileAlreadyExists(cmd.key());
                }
                return Optional.of(record);
              });
      committed = true;
      done.change().released().forEach(retireGeneration);
      done.removedParts().forEach(p -> deleteBlob(p.blobId()));
      return done.change().after().orElseThrow();
    } finally {
      if (!committed) {
        writer.abort();
      }
      ObjectAppender.closeQuietly(writer);
    }
  }

  private void copyPart(BlobWriter writer, PartRecord part) {
    try (BlobReader reader = data.open(part.blobId())) {
      writer.transferFrom(reader, 0, part.size());
    } catch (IOException e) {
      throw new StorageException("cannot copy part " + part.partNumber() + " into the object", e);
    }
  }

  // ---- helpers

  private UploadRecord requireUpload(String bucket, String key, String uploadId) {
    Optional<UploadRecord> found =
        uploadId != null && UPLOAD_ID.matcher(uploadId).matches()
            ? metadata.getUpload(bucket, key, uploadId)
            : Optional.empty();
    if (found.isPresent()) {
      return found.get();
    }
    requireBucket(bucket);
    throw new OssException(OssErrorCode.NO_SUCH_UPLOAD).detail("UploadId", uploadId);
  }

  private void requireBucket(String bucket) {
    if (metadata.getBucket(bucket).isEmpty()) {
      throw DefaultObjectService.noSuchBucket(bucket);
    }
  }

  private ReentrantLock lockOf(UploadRecord upload) {
    return uploadLocks.forKey(upload.bucket(), upload.uploadId());
  }

  /** 12 hex digits of the initiation time in milliseconds, then 80 random bits. */
  private String newUploadId(Instant now) {
    byte[] bits = new byte[10];
    random.nextBytes(bits);
    return String.format("%012X", now.toEpochMilli()) + HEX.formatHex(bits);
  }

  private BlobWriter createBlob() {
    try {
      return data.create();
    } catch (IOException e) {
      throw new StorageException("cannot create blob", e);
    }
  }

  private void deleteBlob(String blobId) {
    try {
      data.delete(blobId);
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not delete blob {}; it is now an orphan", blobId, e);
    }
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private static boolean isEmpty(String s) {
    return s == null || s.isEmpty();
  }

  private static String unquoted(String etag) {
    String e = etag == null ? "" : etag.trim();
    return e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")
        ? e.substring(1, e.length() - 1)
        : e;
  }

  static OssException fileAlreadyExists(String key) {
    return new OssException(OssErrorCode.FILE_ALREADY_EXISTS).detail("Key", key);
  }

  private static OssException partTooLarge() {
    return new OssException(
        OssErrorCode.ENTITY_TOO_LARGE,
        "Your proposed upload exceeds the maximum part size of 5 GiB.");
  }
}
