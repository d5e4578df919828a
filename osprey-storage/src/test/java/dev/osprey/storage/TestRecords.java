package dev.osprey.storage;

import dev.osprey.protocol.CannedAcl;
import dev.osprey.protocol.ObjectType;
import dev.osprey.protocol.StorageClass;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Record builders for storage tests (shared through the test-jar). */
public final class TestRecords {
  private TestRecords() {}

  public static BucketRecord bucket(String name) {
    return new BucketRecord(
        name,
        Instant.parse("2024-01-02T03:04:05.678Z"),
        "owner-1",
        CannedAcl.PRIVATE,
        StorageClass.STANDARD,
        "LRS");
  }

  public static ObjectAttributes richAttributes() {
    TreeMap<String, String> meta = new TreeMap<>();
    meta.put("color", "blue");
    meta.put("empty", "");
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("z", "last-key-first");
    tags.put("a", "1");
    return new ObjectAttributes(
        "text/plain",
        "no-cache",
        "attachment; filename=\"x.txt\"",
        "gzip",
        "en",
        "Thu, 01 Dec 2094 16:00:00 GMT",
        meta,
        CannedAcl.PUBLIC_READ,
        StorageClass.IA,
        tags);
  }

  public static ObjectAttributes plainAttributes() {
    return new ObjectAttributes(null, null, null, null, null, null, null, null, null, null);
  }

  public static ObjectRecord object(String bucket, String key, long size) {
    return new ObjectRecord(
        bucket,
        key,
        ObjectType.NORMAL,
        size,
        0x1234_5678_9ABC_DEF0L,
        "ETAG",
        "md5==",
        Instant.parse("2024-05-06T07:08:09.123Z"),
        plainAttributes(),
        "0123456789abcdef0123456789abcdef",
        null);
  }
}
