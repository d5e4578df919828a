package dev.osprey.storage.s3;

import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * One pass over every key under the prefix, grouped into blobs. Keys come sorted, so a blob's keys
 * are adjacent; keys that are not {@code <blobId>/...} are skipped.
 */
final class BlobListing {
  private static final Pattern BLOB_ID = Pattern.compile("[0-9a-f]{32}");

  private BlobListing() {}

  /**
   * @param blobId the blob
   * @param lastModified the newest of its chunks
   * @param hasChunk whether it has a chunk at all
   * @param tombstone when it was deleted, or null
   */
  record Entry(String blobId, Instant lastModified, boolean hasChunk, Instant tombstone) {}

  static Stream<Entry> stream(ChunkStore chunks) {
    Iterator<S3Object> keys = chunks.everything();
    String prefix = chunks.prefix();
    Iterator<Entry> grouped =
        new Iterator<>() {
          private S3Object pending;
          private Entry next;

          @Override
          public boolean hasNext() {
            if (next == null) {
              next = advance();
            }
            return next != null;
          }

          @Override
          public Entry next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            Entry e = next;
            next = null;
            return e;
          }

          private S3Object take() {
            if (pending != null) {
              S3Object o = pending;
              pending = null;
              return o;
            }
            try {
              return keys.hasNext() ? keys.next() : null;
            } catch (SdkException e) {
              throw ChunkStore.unchecked("list blobs", e);
            }
          }

          private Entry advance() {
            S3Object o;
            String id;
            do {
              o = take();
              if (o == null) {
                return null;
              }
              id = idOf(prefix, o.key());
            } while (id == null);
            Instant modified = Instant.EPOCH;
            boolean hasChunk = false;
            Instant tombstone = null;
            while (o != null && id.equals(idOf(prefix, o.key()))) {
              String name = o.key().substring(prefix.length() + id.length() + 1);
              if (name.equals(ChunkStore.TOMBSTONE)) {
                tombstone = o.lastModified();
              } else if (Chunk.parse(o.key(), name, o.size(), o.lastModified()).isPresent()) {
                hasChunk = true;
                if (o.lastModified().isAfter(modified)) {
                  modified = o.lastModified();
                }
              }
              o = take();
            }
            pending = o;
            return new Entry(id, modified, hasChunk, tombstone);
          }
        };
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(grouped, Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }

  private static String idOf(String prefix, String key) {
    if (!key.startsWith(prefix)) {
      return null;
    }
    int slash = key.indexOf('/', prefix.length());
    if (slash < 0) {
      return null;
    }
    String id = key.substring(prefix.length(), slash);
    return BLOB_ID.matcher(id).matches() ? id : null;
  }
}
