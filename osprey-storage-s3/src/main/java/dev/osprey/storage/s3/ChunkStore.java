package dev.osprey.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The S3 requests the data store makes, each translated into {@link IOException} when S3 fails, so
 * callers see the same failures as from the file store. One bucket, one key prefix.
 */
final class ChunkStore {
  static final String TOMBSTONE = "deleted";

  private final S3Client s3;
  private final java.util.concurrent.atomic.LongAdder copiedParts =
      new java.util.concurrent.atomic.LongAdder();
  private final String bucket;
  private final String prefix;

  ChunkStore(S3Client s3, String bucket, String prefix) {
    this.s3 = s3;
    this.bucket = bucket;
    this.prefix = prefix;
  }

  S3Client client() {
    return s3;
  }

  /** How many parts were copied server side (UploadPartCopy) so far. */
  long copiedParts() {
    return copiedParts.sum();
  }

  String bucket() {
    return bucket;
  }

  String prefix() {
    return prefix;
  }

  String blobPrefix(String blobId) {
    return prefix + blobId + "/";
  }

  /** A fresh key for a chunk of {@code blobId} that starts at {@code start}. */
  String newChunkKey(String blobId, long start) {
    return blobPrefix(blobId) + Chunk.newName(start);
  }

  /** Lists one blob's chunks and tombstone (one LIST per 1,000 keys). */
  ChunkMap list(String blobId) throws IOException {
    String p = blobPrefix(blobId);
    List<Chunk> chunks = new ArrayList<>();
    boolean deleted = false;
    try {
      for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(p)).contents()) {
        String name = o.key().substring(p.length());
        if (name.equals(TOMBSTONE)) {
          deleted = true;
        } else {
          Optional<Chunk> c = Chunk.parse(o.key(), name, o.size(), o.lastModified());
          c.ifPresent(chunks::add);
        }
      }
    } catch (SdkException e) {
      throw io("list blob " + blobId, e);
    }
    return new ChunkMap(chunks, deleted);
  }

  /** Every key under the prefix, in key order, listed lazily page by page. */
  Iterator<S3Object> everything() {
    return s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents().iterator();
  }

  void put(String key, byte[] bytes, int length) throws IOException {
    try {
      s3.putObject(
          r -> r.bucket(bucket).key(key).contentLength((long) length),
          RequestBody.fromByteBuffer(java.nio.ByteBuffer.wrap(bytes, 0, length)));
    } catch (SdkException e) {
      throw io("put " + key, e);
    }
  }

  /**
   * A ranged GET of chunk bytes {@code [offset, offset + length)}, {@code length > 0}.
   *
   * @throws NoSuchFileException when the chunk is gone (a merge replaced it and its delay passed)
   */
  InputStream get(String key, long offset, long length) throws IOException {
    String range = "bytes=" + offset + "-" + (offset + length - 1);
    try {
      ResponseInputStream<GetObjectResponse> in =
          s3.getObject(r -> r.bucket(bucket).key(key).range(range));
      Long got = in.response().contentLength();
      if (got != null && got != length) {
        in.abort();
        throw new IOException(
            "chunk " + key + " answered " + got + " bytes for a range of " + length);
      }
      return in;
    } catch (NoSuchKeyException e) {
      throw new NoSuchFileException(key);
    } catch (SdkException e) {
      throw io("get " + key, e);
    }
  }

  /** Reads chunk bytes {@code [offset, offset + length)} into {@code dst} at {@code at}. */
  void readFully(String key, long offset, int length, byte[] dst, int at) throws IOException {
    if (length == 0) {
      return;
    }
    try (InputStream in = get(key, offset, length)) {
      int done = 0;
      while (done < length) {
        int n = in.read(dst, at + done, length - done);
        if (n < 0) {
          throw new IOException("chunk " + key + " ended " + (length - done) + " bytes early");
        }
        done += n;
      }
    }
  }

  void putTombstone(String blobId) throws IOException {
    put(blobPrefix(blobId) + TOMBSTONE, new byte[0], 0);
  }

  /** Deletes keys, 1,000 per request; keys already gone are no error. */
  void delete(List<String> keys) throws IOException {
    for (int i = 0; i < keys.size(); i += 1000) {
      List<ObjectIdentifier> batch =
          keys.subList(i, Math.min(keys.size(), i + 1000)).stream()
              .map(k -> ObjectIdentifier.builder().key(k).build())
              .toList();
      try {
        var answer =
            s3.deleteObjects(
                r -> r.bucket(bucket).delete(Delete.builder().objects(batch).quiet(true).build()));
        if (answer.hasErrors() && !answer.errors().isEmpty()) {
          throw new IOException(
              "S3 refused to delete "
                  + answer.errors().size()
                  + " chunk(s), first "
                  + answer.errors().getFirst().key()
                  + ": "
                  + answer.errors().getFirst().code());
        }
      } catch (SdkException e) {
        throw io("delete " + batch.size() + " chunk(s)", e);
      }
    }
  }

  String startMultipart(String key) throws IOException {
    try {
      return s3.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId();
    } catch (SdkException e) {
      throw io("start a multipart upload of " + key, e);
    }
  }

  CompletedPart uploadPart(String key, String uploadId, int number, byte[] bytes, int length)
      throws IOException {
    try {
      String etag =
          s3.uploadPart(
                  r ->
                      r.bucket(bucket)
                          .key(key)
                          .uploadId(uploadId)
                          .partNumber(number)
                          .contentLength((long) length),
                  RequestBody.fromByteBuffer(java.nio.ByteBuffer.wrap(bytes, 0, length)))
              .eTag();
      return CompletedPart.builder().partNumber(number).eTag(etag).build();
    } catch (SdkException e) {
      throw io("upload part " + number + " of " + key, e);
    }
  }

  /** Server-side copy of {@code source} bytes {@code [offset, offset + length)} as a part. */
  CompletedPart copyPart(
      String key, String uploadId, int number, String source, long offset, long length)
      throws IOException {
    try {
      String etag =
          s3.uploadPartCopy(
                  r ->
                      r.sourceBucket(bucket)
                          .sourceKey(source)
                          .destinationBucket(bucket)
                          .destinationKey(key)
                          .uploadId(uploadId)
                          .partNumber(number)
                          .copySourceRange("bytes=" + offset + "-" + (offset + length - 1)))
              .copyPartResult()
              .eTag();
      copiedParts.increment();
      return CompletedPart.builder().partNumber(number).eTag(etag).build();
    } catch (SdkException e) {
      throw io("copy part " + number + " of " + key + " from " + source, e);
    }
  }

  void completeMultipart(String key, String uploadId, List<CompletedPart> parts)
      throws IOException {
    try {
      s3.completeMultipartUpload(
          r -> r.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
    } catch (SdkException e) {
      throw io("complete the multipart upload of " + key, e);
    }
  }

  /** Best effort: an upload left open is invisible to readers and costs only space. */
  void abortMultipart(String key, String uploadId) {
    try {
      s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
    } catch (SdkException e) {
      // A bucket lifecycle rule for incomplete uploads, or a later abort, cleans it up.
    }
  }

  static IOException io(String what, SdkException e) {
    return new IOException("S3 could not " + what + ": " + e.getMessage(), e);
  }

  static UncheckedIOException unchecked(String what, SdkException e) {
    return new UncheckedIOException(io(what, e));
  }
}
