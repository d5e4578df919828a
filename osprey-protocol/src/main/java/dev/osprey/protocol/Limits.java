package dev.osprey.protocol;

import java.time.Duration;
import java.util.List;

/**
 * Every size, count and time limit Osprey enforces, in one place: code refers to these constants,
 * and docs/limits.md is rendered from {@link #table()} (a test fails when the two differ). Figures
 * are OSS's where OSS documents one (spec §0, §1.6, §3, §4); the others are Osprey's choices,
 * marked so in the table.
 */
public final class Limits {
  private static final long KIB = 1024;
  private static final long MIB = 1024 * KIB;
  private static final long GIB = 1024 * MIB;

  // ---- HTTP framing

  /** The request line (method, target, version): keys percent-encoded up to 3× plus the query. */
  public static final int REQUEST_LINE_BYTES = 16 * 1024;

  /** All header lines of one request together. */
  public static final int HEADER_BYTES = 64 * 1024;

  /** Header lines in one request. */
  public static final int HEADER_COUNT = 256;

  /** The largest piece of a body the HTTP decoder hands on at once (not a limit on the body). */
  public static final int BODY_CHUNK_BYTES = 64 * 1024;

  // ---- names

  /** An object key, in UTF-8 bytes (spec §0). */
  public static final int KEY_BYTES = 1023;

  /** {@code prefix}, {@code marker} and the other listing arguments, in UTF-8 bytes (spec §3). */
  public static final int LISTING_ARGUMENT_BYTES = 1023;

  // ---- request bodies and objects

  /** A PutObject body, an appendable object's final size, and a part (spec §1.6, §3.1). */
  public static final long OBJECT_BYTES = 5 * GIB;

  /** One multipart part. */
  public static final long PART_BYTES = 5 * GIB;

  /** The source of a CopyObject (larger objects are copied with UploadPartCopy). */
  public static final long COPY_SOURCE_BYTES = 1 * GIB;

  /** An XML request body (Delete, CompleteMultipartUpload, Tagging, Lifecycle, ...). */
  public static final int XML_BODY_BYTES = 2 * 1024 * 1024;

  /** A bucket policy document (JSON). */
  public static final int POLICY_BYTES = 16 * 1024;

  /** User metadata ({@code x-oss-meta-*}) names and values together (spec §0). */
  public static final int USER_METADATA_BYTES = 8 * 1024;

  // ---- counts

  /** Objects named by one DeleteMultipleObjects request. */
  public static final int DELETE_OBJECTS = 1000;

  /** Parts of one multipart upload; part numbers run 1..this (spec §3). */
  public static final int PARTS = 10_000;

  /** Entries of one listing page ({@code max-keys}, {@code max-uploads}, {@code max-parts}). */
  public static final int LIST_PAGE = 1000;

  /** Tags on one object (spec §3.9). */
  public static final int TAGS = 10;

  /** A tag key, in UTF-8 bytes (spec §3.9). */
  public static final int TAG_KEY_BYTES = 128;

  /** A tag value, in UTF-8 bytes (spec §3.9). */
  public static final int TAG_VALUE_BYTES = 256;

  /** Rules in one lifecycle configuration. */
  public static final int LIFECYCLE_RULES = 1000;

  /** Tags on one bucket (PutBucketTags). */
  public static final int BUCKET_TAGS = 20;

  /** A bucket tag key, in UTF-8 bytes (PutBucketTags). */
  public static final int BUCKET_TAG_KEY_BYTES = 64;

  /** A bucket tag value, in UTF-8 bytes (PutBucketTags). */
  public static final int BUCKET_TAG_VALUE_BYTES = 128;

  /** CORS rules of one bucket (PutBucketCors). */
  public static final int CORS_RULES = 20;

  /** A PutBucketCors body. */
  public static final int CORS_BODY_BYTES = 16 * 1024;

  /** A PutBucketReferer body (OSS documents 20 KB for the lists). */
  public static final int REFERER_BODY_BYTES = 20 * 1024;

  /** The fields of a PostObject form before its file, together (the policy included). */
  public static final int FORM_FIELDS_BYTES = 64 * 1024;

  // ---- connections and time (defaults; the server builder and CLI can change them)

  /** Connections open at once on the main listener; further ones are closed on accept. */
  public static final int DEFAULT_MAX_CONNECTIONS = 4096;

  /** A connection with nothing to do is closed after this long. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(2);

  /** From a request's first byte to the end of its headers (slow-header, "slowloris", guard). */
  public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(30);

  /** A request body that sends nothing for this long ends with RequestTimeout. */
  public static final Duration DEFAULT_BODY_READ_TIMEOUT = Duration.ofSeconds(60);

  private Limits() {}

  /** How a limit's figure reads. */
  public enum Unit {
    BYTES,
    COUNT,
    DURATION
  }

  /**
   * One row of the limits table.
   *
   * @param name what is limited
   * @param value the figure (bytes, count, characters, or milliseconds for a duration)
   * @param unit how {@code value} reads
   * @param refusal what a request over the limit gets
   * @param origin where the figure comes from: OSS's documentation, or Osprey's choice
   */
  public record Entry(String name, long value, Unit unit, String refusal, String origin) {
    /** The figure as people read it: {@code 5 GiB (5368709120 bytes)}, {@code 30 s}. */
    public String figure() {
      return switch (unit) {
        case COUNT -> Long.toString(value);
        case DURATION -> Duration.ofMillis(value).toSeconds() + " s";
        case BYTES -> binary(value);
      };
    }

    private static String binary(long bytes) {
      if (bytes >= GIB && bytes % GIB == 0) {
        return bytes / GIB + " GiB (" + bytes + " bytes)";
      }
      if (bytes >= MIB && bytes % MIB == 0) {
        return bytes / MIB + " MiB (" + bytes + " bytes)";
      }
      if (bytes >= KIB && bytes % KIB == 0) {
        return bytes / KIB + " KiB (" + bytes + " bytes)";
      }
      return bytes + " bytes";
    }
  }

  private static final String OSS = "OSS";
  private static final String OSPREY = "Osprey (OSS documents none)";

  /** {@code 400 InvalidArgument}, as the table shows a refusal. */
  private static String refused(OssErrorCode code) {
    return code.httpStatus() + " " + code.code();
  }

  private static Entry bytes(String name, long value, OssErrorCode refusal, String origin) {
    return new Entry(name, value, Unit.BYTES, refused(refusal), origin);
  }

  private static Entry count(String name, long value, OssErrorCode refusal, String origin) {
    return new Entry(name, value, Unit.COUNT, refused(refusal), origin);
  }

  private static Entry time(String name, Duration value, String refusal) {
    return new Entry(name, value.toMillis(), Unit.DURATION, refusal, OSPREY);
  }

  /** Every limit, in the order docs/limits.md lists them. */
  public static List<Entry> table() {
    String closed = ", connection closed";
    return List.of(
        new Entry(
            "Request line",
            REQUEST_LINE_BYTES,
            Unit.BYTES,
            refused(OssErrorCode.INVALID_URI) + closed,
            OSPREY),
        new Entry(
            "All request header lines together",
            HEADER_BYTES,
            Unit.BYTES,
            refused(OssErrorCode.REQUEST_HEADER_TOO_LARGE) + closed,
            OSPREY),
        new Entry(
            "Request header lines",
            HEADER_COUNT,
            Unit.COUNT,
            refused(OssErrorCode.REQUEST_HEADER_TOO_LARGE) + closed,
            OSPREY),
        bytes("Object key (UTF-8)", KEY_BYTES, OssErrorCode.INVALID_OBJECT_NAME, OSS),
        bytes(
            "Listing argument (prefix, marker, ...)",
            LISTING_ARGUMENT_BYTES,
            OssErrorCode.INVALID_ARGUMENT,
            OSS),
        bytes(
            "User metadata (x-oss-meta-* names and values)",
            USER_METADATA_BYTES,
            OssErrorCode.INVALID_ARGUMENT,
            OSS),
        bytes("PutObject body", OBJECT_BYTES, OssErrorCode.INVALID_ARGUMENT, OSS),
        bytes("Appendable object, final size", OBJECT_BYTES, OssErrorCode.ENTITY_TOO_LARGE, OSS),
        bytes("Multipart part", PART_BYTES, OssErrorCode.ENTITY_TOO_LARGE, OSS),
        bytes("CopyObject source", COPY_SOURCE_BYTES, OssErrorCode.INVALID_ARGUMENT, OSS),
        bytes("XML request body", XML_BODY_BYTES, OssErrorCode.MALFORMED_XML, OSPREY),
        bytes("Bucket policy document", POLICY_BYTES, OssErrorCode.INVALID_POLICY_DOCUMENT, OSS),
        count("Objects per DeleteMultipleObjects", DELETE_OBJECTS, OssErrorCode.MALFORMED_XML, OSS),
        count("Parts per upload (part numbers 1..N)", PARTS, OssErrorCode.INVALID_ARGUMENT, OSS),
        count(
            "Listing page (max-keys, max-uploads, max-parts)",
            LIST_PAGE,
            OssErrorCode.INVALID_ARGUMENT,
            OSS),
        count("Tags per object", TAGS, OssErrorCode.INVALID_TAG, OSS),
        bytes("Tag key", TAG_KEY_BYTES, OssErrorCode.INVALID_TAG, OSS),
        bytes("Tag value", TAG_VALUE_BYTES, OssErrorCode.INVALID_TAG, OSS),
        count("Lifecycle rules per bucket", LIFECYCLE_RULES, OssErrorCode.MALFORMED_XML, OSPREY),
        count("Tags per bucket", BUCKET_TAGS, OssErrorCode.INVALID_TAG, OSS),
        bytes("Bucket tag key", BUCKET_TAG_KEY_BYTES, OssErrorCode.INVALID_TAG, OSS),
        bytes("Bucket tag value", BUCKET_TAG_VALUE_BYTES, OssErrorCode.INVALID_TAG, OSS),
        count("CORS rules per bucket", CORS_RULES, OssErrorCode.INVALID_ARGUMENT, OSS),
        bytes("PutBucketCors body", CORS_BODY_BYTES, OssErrorCode.MALFORMED_XML, OSS),
        bytes("PutBucketReferer body", REFERER_BODY_BYTES, OssErrorCode.MALFORMED_XML, OSS),
        bytes(
            "PostObject form fields before the file",
            FORM_FIELDS_BYTES,
            OssErrorCode.MALFORMED_POST_REQUEST,
            OSPREY),
        new Entry(
            "Open connections (default; --max-connections)",
            DEFAULT_MAX_CONNECTIONS,
            Unit.COUNT,
            "closed on accept",
            OSPREY),
        time("Idle connection (default; --idle-timeout)", DEFAULT_IDLE_TIMEOUT, "closed"),
        time(
            "Request headers, first byte to last (default; --header-timeout)",
            DEFAULT_HEADER_TIMEOUT,
            refused(OssErrorCode.REQUEST_TIMEOUT) + closed),
        time(
            "Request body silence (default; --body-timeout)",
            DEFAULT_BODY_READ_TIMEOUT,
            refused(OssErrorCode.REQUEST_TIMEOUT)));
  }
}
