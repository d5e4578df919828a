package dev.osprey.server.handler;

import dev.osprey.protocol.CannedAcl;
import dev.osprey.protocol.Crc64;
import dev.osprey.protocol.Headers;
import dev.osprey.protocol.HttpDates;
import dev.osprey.protocol.Limits;
import dev.osprey.protocol.ObjectType;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.StorageClass;
import dev.osprey.protocol.xml.Tag;
import dev.osprey.protocol.xml.Tagging;
import dev.osprey.protocol.xml.TaggingHeader;
import dev.osprey.server.api.OssResponse;
import dev.osprey.storage.ObjectAttributes;
import dev.osprey.storage.ObjectRecord;
import dev.osprey.storage.ObjectVersion;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Object attributes read from request headers, and object headers written on responses (spec §2.1,
 * §3.1).
 */
final class ObjectHeaders {
  static final String META_PREFIX = "x-oss-meta-";
  static final String VERSION_ID = "x-oss-version-id";
  static final String DELETE_MARKER = "x-oss-delete-marker";

  /** Total size of user metadata names and values (spec §0). */
  static final int MAX_USER_METADATA_BYTES = Limits.USER_METADATA_BYTES;

  static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

  private ObjectHeaders() {}

  /**
   * The attributes a PutObject (or the first AppendObject) sets.
   *
   * @param tags tags parsed from {@code x-oss-tagging}, or an empty map
   */
  static ObjectAttributes attributesFrom(
      Headers h, StorageClass bucketDefault, Map<String, String> tags) {
    CannedAcl acl = objectAcl(h.get("x-oss-object-acl"));
    String storageClass = h.get("x-oss-storage-class");
    return new ObjectAttributes(
        h.get("content-type"),
        h.get("cache-control"),
        h.get("content-disposition"),
        h.get("content-encoding"),
        h.get("content-language"),
        h.get("expires"),
        userMetadata(h),
        acl == null ? CannedAcl.DEFAULT : acl,
        storageClass == null
            ? bucketDefault
            : StorageClass.parse(storageClass, "x-oss-storage-class"),
        tags);
  }

  /**
   * The object ACL a write names in {@code x-oss-object-acl}, or null when the header is absent or
   * empty: the SDKs send it empty when no ACL was chosen, and OSS ignores it then (issue 12).
   */
  static CannedAcl objectAcl(String value) {
    return value == null || value.isBlank() ? null : CannedAcl.parseObjectAcl(value);
  }

  /**
   * {@code x-oss-meta-*} headers, names lower-case without the prefix; names limited to letters,
   * digits, '-'.
   */
  static SortedMap<String, String> userMetadata(Headers h) {
    SortedMap<String, String> meta = new TreeMap<>();
    int total = 0;
    for (Map.Entry<String, List<String>> e : h.withPrefix(META_PREFIX).entrySet()) {
      String name = e.getKey().substring(META_PREFIX.length());
      if (name.isEmpty()
          || !name.chars().allMatch(c -> c == '-' || Character.isLetterOrDigit(c) && c < 128)) {
        throw OssException.invalidArgument("The user metadata name is invalid.", e.getKey(), null);
      }
      String value = String.join(",", e.getValue()).trim();
      total +=
          name.getBytes(StandardCharsets.UTF_8).length
              + value.getBytes(StandardCharsets.UTF_8).length;
      meta.put(name, value);
    }
    if (total > MAX_USER_METADATA_BYTES) {
      throw OssException.invalidArgument(
          "Your metadata headers exceed the maximum allowed metadata size.", "x-oss-meta-*", null);
    }
    return meta;
  }

  /** The headers HEAD and GET send for an object. */
  static void describe(OssResponse r, ObjectRecord o, boolean mayReadTags) {
    ObjectAttributes a = o.attributes();
    r.header("Content-Type", a.contentType() == null ? DEFAULT_CONTENT_TYPE : a.contentType());
    r.header("ETag", quoted(o.etag()));
    r.header("Last-Modified", HttpDates.formatRfc1123(o.lastModified()));
    r.header("Accept-Ranges", "bytes");
    r.header("x-oss-object-type", o.type().wireName());
    r.header("x-oss-hash-crc64ecma", Crc64.toUnsignedString(o.crc64()));
    r.header("x-oss-storage-class", a.storageClass().wireName());
    if (o.type() == ObjectType.NORMAL) {
      r.header("Content-MD5", o.contentMd5());
    }
    if (o.type() == ObjectType.APPENDABLE) {
      r.header("x-oss-next-append-position", Long.toString(o.size()));
    }
    if (o.sealedTime() != null) {
      r.header("x-oss-sealed-time", HttpDates.formatRfc1123(o.sealedTime()));
    }
    r.header("Cache-Control", a.cacheControl());
    r.header("Content-Disposition", a.contentDisposition());
    r.header("Content-Encoding", a.contentEncoding());
    r.header("Content-Language", a.contentLanguage());
    r.header("Expires", a.expires());
    for (Map.Entry<String, String> m : a.userMetadata().entrySet()) {
      r.header(META_PREFIX + m.getKey(), m.getValue());
    }
    if (mayReadTags && !a.tags().isEmpty()) {
      r.header("x-oss-tagging-count", Integer.toString(a.tags().size()));
    }
    versionId(r, o);
  }

  /**
   * {@code x-oss-version-id} for a record of a versioned bucket (spec §3.1); records written before
   * their bucket was ever versioned carry none.
   */
  static OssResponse versionId(OssResponse r, ObjectRecord o) {
    if (!o.version().equals(ObjectVersion.UNVERSIONED)) {
      r.header(VERSION_ID, o.version().id());
    }
    return r;
  }

  static String quoted(String etag) {
    return "\"" + etag + "\"";
  }

  /**
   * Tags from {@code x-oss-tagging} (spec §1.9), in the order given; empty when the header is
   * absent.
   */
  static Map<String, String> tagsFrom(Headers h) {
    String header = h.get(TaggingHeader.HEADER);
    return header == null ? Map.of() : toMap(TaggingHeader.parse(header));
  }

  static Map<String, String> toMap(Tagging tagging) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (Tag t : tagging.tags()) {
      tags.put(t.key(), t.value());
    }
    return tags;
  }
}
