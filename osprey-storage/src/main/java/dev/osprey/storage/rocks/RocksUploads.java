package dev.osprey.storage.rocks;

import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.storage.ObjectChange;
import dev.osprey.storage.ObjectRef;
import dev.osprey.storage.PartRecord;
import dev.osprey.storage.StorageException;
import dev.osprey.storage.StripedLocks;
import dev.osprey.storage.UploadCompletion;
import dev.osprey.storage.UploadRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * Multipart upload records in their two column families: {@code uploads} (one record per upload,
 * keyed so a bucket's uploads list in (key, upload id) order) and {@code parts} (one record per
 * part, one upload's parts a contiguous range). A per-upload lock serializes part writes with
 * completion and abort, so a part can never be recorded for an upload that is gone. The store's
 * bucket and object locks are taken by {@link RocksMetadataStore} around these calls.
 */
final class RocksUploads {
  private static final int UPLOAD_STRIPES = 4096;

  private final RocksDB db;
  private final ColumnFamilyHandle uploads;
  private final ColumnFamilyHandle parts;
  private final WriteOptions syncWrite;
  private final StripedLocks uploadLocks = new StripedLocks(UPLOAD_STRIPES);
  private final BlobRefs blobRefs;

  /** What a completion writes about the object, in the same batch as the upload's removal. */
  @FunctionalInterface
  interface ObjectWrite {
    ObjectChange addTo(WriteBatch batch) throws RocksDBException;
  }

  RocksUploads(
      RocksDB db,
      ColumnFamilyHandle uploads,
      ColumnFamilyHandle parts,
      WriteOptions syncWrite,
      BlobRefs blobRefs) {
    this.db = db;
    this.blobRefs = blobRefs;
    this.uploads = uploads;
    this.parts = parts;
    this.syncWrite = syncWrite;
  }

  /** Records a new upload (the caller checked its bucket under the bucket's lock). */
  void create(UploadRecord upload) throws RocksDBException {
    db.put(uploads, syncWrite, key(upload), UploadCodec.encodeUpload(upload));
  }

  Optional<UploadRecord> get(String bucket, String key, String uploadId) {
    try {
      byte[] value = db.get(uploads, UploadKeys.upload(bucket, key, uploadId));
      return value == null
          ? Optional.empty()
          : Optional.of(UploadCodec.decodeUpload(bucket, key, uploadId, value));
    } catch (RocksDBException e) {
      throw new StorageException("cannot read upload " + uploadId, e);
    }
  }

  Optional<PartRecord> putPart(UploadRecord upload, PartRecord part) {
    ReentrantLock lock = uploadLocks.forKey(upload.bucket(), upload.uploadId());
    lock.lock();
    try (WriteBatch batch = new WriteBatch()) {
      require(upload);
      byte[] key = UploadKeys.part(upload.bucket(), upload.uploadId(), part.partNumber());
      byte[] oldValue = db.get(parts, key);
      PartRecord old =
          oldValue == null
              ? null
              : UploadCodec.decodePart(upload.uploadId(), part.partNumber(), oldValue);
      batch.put(parts, key, UploadCodec.encodePart(part));
      blobRefs.onPart(batch, key, old, part);
      db.write(syncWrite, batch);
      return Optional.ofNullable(old);
    } catch (RocksDBException e) {
      throw new StorageException("cannot record part of upload " + upload.uploadId(), e);
    } finally {
      lock.unlock();
    }
  }

  List<PartRecord> listParts(UploadRecord upload, int afterPartNumber, int limit) {
    byte[] range = UploadKeys.partRange(upload.bucket(), upload.uploadId());
    byte[] seek = UploadKeys.part(upload.bucket(), upload.uploadId(), afterPartNumber + 1);
    List<PartRecord> out = new ArrayList<>(Math.min(limit, 1024));
    try (RocksIterator it = db.newIterator(parts)) {
      for (it.seek(seek); it.isValid() && out.size() < limit; it.next()) {
        byte[] k = it.key();
        if (!ObjectKeys.startsWith(k, range)) {
          break;
        }
        out.add(UploadCodec.decodePart(upload.uploadId(), UploadKeys.partNumber(k), it.value()));
      }
      it.status();
    } catch (RocksDBException e) {
      throw new StorageException("cannot list parts of upload " + upload.uploadId(), e);
    }
    return out;
  }

  List<UploadRecord> list(
      String bucket, String prefix, String keyMarker, String uploadIdMarker, int limit) {
    byte[] range = UploadKeys.uploadRange(bucket, prefix);
    byte[] seek = range;
    if (keyMarker != null) {
      byte[] from =
          uploadIdMarker == null
              ? UploadKeys.afterUploadsOf(bucket, keyMarker)
              : ObjectKeys.justAfter(UploadKeys.upload(bucket, keyMarker, uploadIdMarker));
      if (Arrays.compareUnsigned(from, range) > 0) {
        seek = from;
      }
    }
    List<UploadRecord> out = new ArrayList<>(Math.min(limit, 1024));
    try (RocksIterator it = db.newIterator(uploads)) {
      for (it.seek(seek); it.isValid() && out.size() < limit; it.next()) {
        byte[] k = it.key();
        if (!ObjectKeys.startsWith(k, range)) {
          break;
        }
        String key = UploadKeys.objectKey(k);
        out.add(UploadCodec.decodeUpload(bucket, key, UploadKeys.uploadId(k), it.value()));
      }
      it.status();
    } catch (RocksDBException e) {
      throw new StorageException("cannot list uploads of " + bucket, e);
    }
    return out;
  }

  /**
   * One synced batch: what {@code objectWrite} adds about the object, the upload's removal and its
   * parts' removal. NoSuchUpload when the upload is gone. The commit is reported to {@code
   * observer}.
   */
  UploadCompletion complete(UploadRecord upload, ObjectWrite objectWrite, RocksObserver observer) {
    ReentrantLock lock = uploadLocks.forKey(upload.bucket(), upload.uploadId());
    lock.lock();
    try (WriteBatch batch = new WriteBatch()) {
      require(upload);
      ObjectChange change = objectWrite.addTo(batch);
      List<PartRecord> removed = removeAll(batch, upload);
      long start = System.nanoTime();
      db.write(syncWrite, batch);
      observer.written(new ObjectRef(upload.bucket(), upload.key()), change, start);
      return new UploadCompletion(change, removed);
    } catch (RocksDBException e) {
      throw new StorageException("cannot complete upload " + upload.uploadId(), e);
    } finally {
      lock.unlock();
    }
  }

  /** Removes the upload and its parts in one synced batch; NoSuchUpload when it is gone. */
  List<PartRecord> delete(UploadRecord upload) {
    ReentrantLock lock = uploadLocks.forKey(upload.bucket(), upload.uploadId());
    lock.lock();
    try (WriteBatch batch = new WriteBatch()) {
      require(upload);
      List<PartRecord> removed = removeAll(batch, upload);
      db.write(syncWrite, batch);
      return removed;
    } catch (RocksDBException e) {
      throw new StorageException("cannot delete upload " + upload.uploadId(), e);
    } finally {
      lock.unlock();
    }
  }

  /** Spec §3.7: unfinished multipart uploads keep a bucket from being deleted. */
  void requireNone(String bucket) throws RocksDBException {
    byte[] range = UploadKeys.uploadRange(bucket, "");
    try (RocksIterator it = db.newIterator(uploads)) {
      it.seek(range);
      if (it.isValid() && ObjectKeys.startsWith(it.key(), range)) {
        throw new OssException(
                OssErrorCode.BUCKET_NOT_EMPTY, OssErrorCode.BUCKET_HAS_UPLOADS_MESSAGE)
            .detail("BucketName", bucket);
      }
      it.status();
    }
  }

  private List<PartRecord> removeAll(WriteBatch batch, UploadRecord upload)
      throws RocksDBException {
    List<PartRecord> removed = listParts(upload, 0, Integer.MAX_VALUE);
    batch.delete(uploads, key(upload));
    for (PartRecord p : removed) {
      byte[] key = UploadKeys.part(upload.bucket(), upload.uploadId(), p.partNumber());
      batch.delete(parts, key);
      blobRefs.onPart(batch, key, p, null);
    }
    return removed;
  }

  private void require(UploadRecord upload) throws RocksDBException {
    if (db.get(uploads, key(upload)) == null) {
      throw new OssException(OssErrorCode.NO_SUCH_UPLOAD).detail("UploadId", upload.uploadId());
    }
  }

  private static byte[] key(UploadRecord upload) {
    return UploadKeys.upload(upload.bucket(), upload.key(), upload.uploadId());
  }
}
