package dev.osprey.protocol;

import java.util.Locale;

/** OSS canned ACLs (spec §3.10). {@link #DEFAULT} is for objects only: inherit the bucket's ACL. */
public enum CannedAcl {
  DEFAULT("default"),
  PRIVATE("private"),
  PUBLIC_READ("public-read"),
  PUBLIC_READ_WRITE("public-read-write");

  private final String wireName;

  CannedAcl(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** Parses a bucket ACL header value ({@code x-oss-acl}); {@code default} is not a bucket ACL. */
  public static CannedAcl parseBucketAcl(String value) {
    CannedAcl acl = parse(value);
    if (acl == null || acl == DEFAULT) {
      throw OssException.invalidArgument(
          "no such bucket access control exists", "x-oss-acl", value);
    }
    return acl;
  }

  /** Parses an object ACL header value ({@code x-oss-object-acl}). */
  public static CannedAcl parseObjectAcl(String value) {
    CannedAcl acl = parse(value);
    if (acl == null) {
      throw OssException.invalidArgument(
          "no such object access control exists", "x-oss-object-acl", value);
    }
    return acl;
  }

  private static CannedAcl parse(String value) {
    if (value == null) {
      return null;
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    for (CannedAcl acl : values()) {
      if (acl.wireName.equals(v)) {
        return acl;
      }
    }
    return null;
  }
}
