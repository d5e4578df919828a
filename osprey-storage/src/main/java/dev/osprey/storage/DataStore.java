package dev.osprey.storage;

import java.io.IOException;
import java.util.stream.Stream;

/**
 * Object bytes, one blob per object generation, named by an opaque id (never by the object key).
 * Files under the data directory now, an S3-compatible cluster later.
 */
public interface DataStore extends AutoCloseable {

  /**
   * Starts a new blob with a fresh id. Nothing is visible to anyone until metadata names the id.
   */
  BlobWriter create() throws IOException;

  /**
   * Reopens an existing blob to append at {@code committedLength}: bytes past it (left by a write
   * that was never acknowledged) are discarded first.
   */
  BlobWriter openForAppend(String blobId, long committedLength) throws IOException;

  /** Opens a blob for reading; throws {@link java.nio.file.NoSuchFileException} if it is gone. */
  BlobReader open(String blobId) throws IOException;

  /**
   * Deletes a blob; readers that already opened it keep reading the old bytes. Missing blobs are
   * ignored.
   */
  void delete(String blobId) throws IOException;

  /**
   * Every blob the store holds, with when it last changed, listed lazily (the caller closes the
   * stream). Blobs created or deleted during the listing may or may not appear. Only the orphan
   * collector calls it: off the request path, its cost follows the number of blobs.
   */
  Stream<StoredBlob> blobs() throws IOException;

  @Override
  void close();
}
