package dev.osprey.storage;

import dev.osprey.protocol.ObjectType;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The AppendObject state table (spec §1.2) as pure functions, checked before writing and again at
 * commit.
 */
final class AppendRules {
  /** Response header telling the writer where the object really ends (spec §1.4, §1.5). */
  static final String NEXT_APPEND_POSITION = "x-oss-next-append-position";

  private AppendRules() {}

  /**
   * Throws unless an append at {@code position} is allowed on {@code current}: absent needs
   * position 0; Normal and Multipart are never appendable; a sealed object is not appendable any
   * more (spec §1.10, error code UNCONFIRMED: we answer ObjectNotAppendable with a message naming
   * the seal); otherwise position must equal the length (position 0 included, so 0 on a non-empty
   * object fails).
   */
  static void check(Optional<ObjectRecord> current, long position) {
    if (current.isEmpty()) {
      if (position != 0) {
        throw positionMismatch(0);
      }
      return;
    }
    ObjectRecord o = current.get();
    if (o.type() != ObjectType.APPENDABLE) {
      throw new OssException(OssErrorCode.OBJECT_NOT_APPENDABLE);
    }
    if (o.sealedTime() != null) {
      throw new OssException(
          OssErrorCode.OBJECT_NOT_APPENDABLE,
          "The object is sealed by SealAppendObject and can not be appended.");
    }
    if (o.size() != position) {
      throw positionMismatch(o.size());
    }
  }

  /**
   * The commit-time check: the rules again, and the object must still be the generation the bytes
   * were written to (same blob). Otherwise it was replaced or deleted meanwhile and the append must
   * fail as a lost race.
   */
  static void checkUnchanged(Optional<ObjectRecord> current, long position, String expectedBlobId) {
    check(current, position);
    String blobId = current.map(ObjectRecord::blobId).orElse(null);
    if (!Objects.equals(blobId, expectedBlobId)) {
      throw positionMismatch(current.map(ObjectRecord::size).orElse(0L));
    }
  }

  static OssException positionMismatch(long length) {
    return new OssException(OssErrorCode.POSITION_NOT_EQUAL_TO_LENGTH)
        .header(NEXT_APPEND_POSITION, Long.toString(length));
  }

  /**
   * An Appendable object's ETag: 32 upper-case hex characters that change with the content, ending
   * in {@code 00000000} like every OSS sample (spec §1.4; OSS's own algorithm is UNCONFIRMED).
   * Derived from the running CRC-64 and the length, so computing it never re-reads the object.
   */
  static String appendableEtag(long crc64, long size) {
    return String.format(Locale.ROOT, "%016X%08X00000000", crc64, (int) (size ^ (size >>> 32)));
  }
}
