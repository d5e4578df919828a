package dev.osprey.storage.s3;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One immutable chunk object of a blob: the blob's bytes {@code [start, end)}. Its key is {@code
 * <prefix><blobId>/<start>-<nonce>}: the start as 16 hex digits (so a listing sorts chunks by
 * offset), then 8 random hex digits, so that a merged chunk never takes the key of one it replaces
 * and two writers never overwrite each other's chunk. The end is the start plus the object's size
 * as the listing reports it (a writer uploading parts does not know the end when it picks the key).
 *
 * @param key the object key in the bucket
 * @param start the blob offset of the chunk's first byte
 * @param end the blob offset just past its last byte
 * @param lastModified when the S3 server stored it
 */
record Chunk(String key, long start, long end, Instant lastModified) {
  private static final Pattern NAME = Pattern.compile("([0-9a-f]{16})-[0-9a-f]{8}");
  private static final SecureRandom RANDOM = new SecureRandom();

  long length() {
    return end - start;
  }

  /** A fresh name for a chunk that starts at {@code start}, below the blob's prefix. */
  static String newName(long start) {
    byte[] nonce = new byte[4];
    RANDOM.nextBytes(nonce);
    return String.format("%016x-%s", start, HexFormat.of().formatHex(nonce));
  }

  /**
   * Parses the part of a key after the blob's prefix; empty for anything else (a tombstone).
   *
   * @param size the object's size from the listing
   */
  static Optional<Chunk> parse(String key, String name, long size, Instant lastModified) {
    Matcher m = NAME.matcher(name);
    if (!m.matches()) {
      return Optional.empty();
    }
    long start = Long.parseUnsignedLong(m.group(1), 16);
    if (start < 0 || size < 0 || start + size < start) {
      return Optional.empty();
    }
    return Optional.of(new Chunk(key, start, start + size, lastModified));
  }
}
