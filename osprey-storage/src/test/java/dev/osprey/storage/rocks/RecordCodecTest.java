package dev.osprey.storage.rocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osprey.protocol.CannedAcl;
import dev.osprey.protocol.ObjectType;
import dev.osprey.protocol.StorageClass;
import dev.osprey.storage.BucketRecord;
import dev.osprey.storage.ObjectAttributes;
import dev.osprey.storage.ObjectRecord;
import dev.osprey.storage.StorageException;
import dev.osprey.storage.TestRecords;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordCodecTest {
  @Test
  void bucketRoundTrips() {
    BucketRecord b =
        new BucketRecord(
            "photos",
            Instant.parse("1969-12-31T23:59:59.999Z"),
            null,
            CannedAcl.PUBLIC_READ_WRITE,
            StorageClass.DEEP_COLD_ARCHIVE,
            null);
    assertThat(RecordCodec.decodeBucket("photos", RecordCodec.encodeBucket(b))).isEqualTo(b);
    BucketRecord plain = TestRecords.bucket("docs");
    assertThat(RecordCodec.decodeBucket("docs", RecordCodec.encodeBucket(plain))).isEqualTo(plain);
  }

  @Test
  void objectWithEveryFieldRoundTrips() {
    ObjectRecord o =
        new ObjectRecord(
            "b",
            "dir/ключ 😀",
            ObjectType.APPENDABLE,
            5L * 1024 * 1024 * 1024,
            -1L,
            "ABCDEF",
            null,
            Instant.parse("2025-02-03T04:05:06.789Z"),
            TestRecords.richAttributes(),
            "ffeeddccbbaa99887766554433221100",
            Instant.parse("2025-02-04T00:00:00.001Z"));
    ObjectRecord back = RecordCodec.decodeObject("b", "dir/ключ 😀", RecordCodec.encodeObject(o));
    assertThat(back).isEqualTo(o);
    assertThat(back.attributes().tags().keySet()).containsExactly("z", "a");
  }

  @Test
  void symlinkTargetRoundTripsAndOlderRecordsStillDecode() {
    ObjectRecord plain = TestRecords.object("b", "link", 0);
    ObjectRecord link =
        new ObjectRecord(
            "b",
            "link",
            ObjectType.SYMLINK,
            0,
            0,
            "E",
            null,
            plain.lastModified(),
            plain.attributes(),
            plain.blobId(),
            null,
            "dir/target ü.txt");
    byte[] encoded = RecordCodec.encodeObject(link);
    assertThat(RecordCodec.decodeObject("b", "link", encoded)).isEqualTo(link);
    // a record written before symlinks existed ends where the target would start
    byte[] old = RecordCodec.encodeObject(plain);
    assertThat(RecordCodec.decodeObject("b", "link", old)).isEqualTo(plain);
    assertThat(RecordCodec.decodeObject("b", "link", old).symlinkTarget()).isNull();
    int targetBytes =
        1 + "dir/target ü.txt".getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    byte[] withoutTarget = Arrays.copyOf(encoded, encoded.length - targetBytes);
    assertThat(RecordCodec.decodeObject("b", "link", withoutTarget).symlinkTarget()).isNull();
  }

  @Test
  void everyEnumValueRoundTrips() {
    for (ObjectType t : ObjectType.values()) {
      for (CannedAcl acl : CannedAcl.values()) {
        for (StorageClass sc : StorageClass.values()) {
          ObjectRecord o =
              new ObjectRecord(
                  "b",
                  "k",
                  t,
                  1,
                  0,
                  "E",
                  null,
                  Instant.EPOCH,
                  new ObjectAttributes(null, null, null, null, null, null, null, acl, sc, null),
                  "0123456789abcdef0123456789abcdef",
                  null);
          assertThat(RecordCodec.decodeObject("b", "k", RecordCodec.encodeObject(o))).isEqualTo(o);
        }
      }
    }
  }

  @Test
  void encodingIsCompact() {
    byte[] value = RecordCodec.encodeObject(TestRecords.object("b", "k", 1024));
    // version, type, size, crc, etag, md5, time, 6 null headers, 2 empty maps, acl, class, blob id,
    // seal flag
    assertThat(value.length).isLessThan(80);
    assertThat(value[0]).isEqualTo((byte) RecordCodec.VERSION_1);
  }

  @Test
  void unknownVersionAndTruncationAreRejected() {
    byte[] value = RecordCodec.encodeObject(TestRecords.object("b", "k", 1));
    byte[] future = value.clone();
    future[0] = 2;
    assertThatThrownBy(() -> RecordCodec.decodeObject("b", "k", future))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("version");
    for (int cut = 0; cut < value.length; cut++) {
      byte[] truncated = Arrays.copyOf(value, cut);
      assertThatThrownBy(() -> RecordCodec.decodeObject("b", "k", truncated))
          .isInstanceOf(StorageException.class);
    }
    byte[] longer = Arrays.copyOf(value, value.length + 1);
    assertThatThrownBy(() -> RecordCodec.decodeObject("b", "k", longer))
        .isInstanceOf(StorageException.class);
  }

  @Test
  void objectKeysKeepBucketsApartAndOrderByUtf8() {
    byte[] inAb = ObjectKeys.encode("ab", "zzz");
    byte[] abcStart = ObjectKeys.encode("abc", "");
    assertThat(ObjectKeys.startsWith(abcStart, ObjectKeys.encode("ab", ""))).isFalse();
    assertThat(ObjectKeys.bucket(inAb)).isEqualTo("ab");
    assertThat(ObjectKeys.objectKey(inAb)).isEqualTo("zzz");
    List<String> keys = new ArrayList<>(List.of("\uD83D\uDE00", "\uFFFD", "a", "a/b", "a\u0000"));
    keys.sort(
        (x, y) -> Arrays.compareUnsigned(ObjectKeys.encode("b", x), ObjectKeys.encode("b", y)));
    assertThat(keys).containsExactly("a", "a\u0000", "a/b", "\uFFFD", "\uD83D\uDE00");
    assertThat(ObjectKeys.objectKey(ObjectKeys.encode("b", "a\u0000"))).isEqualTo("a\u0000");
  }
}
