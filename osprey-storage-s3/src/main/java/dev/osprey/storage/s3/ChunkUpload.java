package dev.osprey.storage.s3;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Writes one chunk object: bytes are buffered up to a part; a chunk that fits in one part is one
 * PUT, a larger one a multipart upload. Bytes already in S3 (a merge, a copy) are copied server
 * side (UploadPartCopy) when a piece is large enough to be a part of its own, and read through the
 * buffer otherwise. Nothing is visible under the key until {@link #finish} returned.
 */
final class ChunkUpload {
  /** The largest range one UploadPartCopy is asked for (S3 allows 5 GiB). */
  private static final long MAX_COPY = 1L << 30;

  private final ChunkStore store;
  private final String key;
  private final S3Settings.Sizes sizes;
  private byte[] buf = new byte[0];
  private int len;
  private String uploadId;
  private final List<CompletedPart> parts = new ArrayList<>();
  private long size;

  ChunkUpload(ChunkStore store, String key, S3Settings.Sizes sizes) {
    this.store = store;
    this.key = key;
    this.sizes = sizes;
  }

  String key() {
    return key;
  }

  long size() {
    return size;
  }

  void write(ByteBuffer src) throws IOException {
    while (src.hasRemaining()) {
      int k = Math.min(src.remaining(), sizes.partSize() - len);
      ensure(len + k);
      src.get(buf, len, k);
      len += k;
      size += k;
      if (len == sizes.partSize()) {
        flushPart();
      }
    }
  }

  /**
   * Appends the bytes of {@code pieces} (chunks of this store), copying server side where a piece
   * is at least two minimum parts long, so every part but the last stays at or above the minimum.
   */
  void append(List<ChunkMap.Piece> pieces) throws IOException {
    for (ChunkMap.Piece p : pieces) {
      long from = p.from();
      long to = p.to();
      if (to - from >= 2L * sizes.minPartSize()) {
        if (len > 0 && len < sizes.minPartSize()) {
          int need = sizes.minPartSize() - len;
          readInto(p, from, need);
          from += need;
        }
        if (len > 0) {
          flushPart();
        }
        copy(p, from, to);
      } else {
        while (from < to) {
          int k = (int) Math.min(sizes.partSize() - len, to - from);
          readInto(p, from, k);
          from += k;
          if (len == sizes.partSize()) {
            flushPart();
          }
        }
      }
    }
  }

  private void readInto(ChunkMap.Piece p, long from, int k) throws IOException {
    ensure(len + k);
    store.readFully(p.chunk().key(), from - p.chunk().start(), k, buf, len);
    len += k;
    size += k;
  }

  /** Copies {@code [from, to)} of the piece's chunk in equal ranges of at most {@code MAX_COPY}. */
  private void copy(ChunkMap.Piece p, long from, long to) throws IOException {
    long n = to - from;
    long ranges = (n + MAX_COPY - 1) / MAX_COPY;
    long each = (n + ranges - 1) / ranges;
    startIfNeeded();
    for (long at = from; at < to; at += each) {
      long k = Math.min(each, to - at);
      parts.add(
          store.copyPart(
              key, uploadId, parts.size() + 1, p.chunk().key(), at - p.chunk().start(), k));
      size += k;
    }
  }

  private void ensure(int capacity) {
    if (buf.length < capacity) {
      buf = Arrays.copyOf(buf, Math.min(sizes.partSize(), Math.max(capacity, buf.length * 2)));
    }
  }

  private void startIfNeeded() throws IOException {
    if (uploadId == null) {
      uploadId = store.startMultipart(key);
    }
  }

  private void flushPart() throws IOException {
    startIfNeeded();
    parts.add(store.uploadPart(key, uploadId, parts.size() + 1, buf, len));
    len = 0;
  }

  /** Makes the chunk exist under its key; returns when S3 has acknowledged it. */
  void finish() throws IOException {
    if (uploadId == null) {
      store.put(key, buf, len);
    } else {
      if (len > 0) {
        flushPart();
      }
      store.completeMultipart(key, uploadId, parts);
    }
    buf = new byte[0];
    len = 0;
  }

  /** Drops what was buffered and any multipart upload in progress. */
  void abort() {
    if (uploadId != null) {
      store.abortMultipart(key, uploadId);
      uploadId = null;
    }
    buf = new byte[0];
    len = 0;
  }
}
