package dev.osprey.storage;

import dev.osprey.protocol.OssException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Which version of its key a record is. The metadata store assigns it (see {@link
 * MetadataStore#updateObject}); writers never choose it.
 *
 * @param sequence orders the versions of one key, newest highest; unique within the store. 0 for
 *     records written before their bucket was versioned (the oldest version of their key).
 * @param nullId whether the version's id is {@code null}: written while versioning was off or
 *     suspended, or an appendable version (spec §1.7: appends answer {@code x-oss-version-id:
 *     null}). A key has at most one such version.
 * @param deleteMarker whether this is a delete marker (no bytes; hides older versions)
 */
public record ObjectVersion(long sequence, boolean nullId, boolean deleteMarker) {
  /** The version of every record in a bucket never versioned: the null version, oldest. */
  public static final ObjectVersion UNVERSIONED = new ObjectVersion(0, true, false);

  /** The id OSS shows for the null version, and the {@code versionId} that addresses it. */
  public static final String NULL_ID = "null";

  private static final String PREFIX = "CAEQ";
  private static final Pattern FORMAT = Pattern.compile(PREFIX + "[0-9a-f]{16}");

  public ObjectVersion {
    if (sequence < 0) {
      throw new IllegalArgumentException("negative version sequence");
    }
  }

  /**
   * The version id as OSS shows it in {@code x-oss-version-id} and listings: {@code null}, or an
   * opaque string that encodes the sequence (so an id leads to its record with one lookup).
   */
  public String id() {
    return nullId ? NULL_ID : PREFIX + HexFormat.of().toHexDigits(sequence);
  }

  /**
   * The sequence a non-null version id names; InvalidArgument for a string that is no version id
   * (OSS: "Invalid version id specified").
   */
  public static long sequenceOf(String versionId) {
    if (versionId == null || !FORMAT.matcher(versionId).matches()) {
      throw OssException.invalidArgument("Invalid version id specified", "versionId", versionId);
    }
    return HexFormat.fromHexDigitsToLong(versionId.substring(PREFIX.length()));
  }

  /** Whether {@code versionId} addresses the null version. */
  public static boolean isNullId(String versionId) {
    return NULL_ID.equals(versionId);
  }

  /** Whether {@code versionId} is the id of this version. */
  public boolean hasId(String versionId) {
    return nullId ? isNullId(versionId) : !isNullId(versionId) && id().equals(versionId);
  }
}
