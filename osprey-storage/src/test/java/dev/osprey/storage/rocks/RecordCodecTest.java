package dev.osprey.storage.rocks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osprey.protocol.CannedAcl;
import dev.osprey.protocol.ObjectType;
import dev.osprey.protocol.StorageClass;
import dev.osprey.storage.BucketRecord;
import dev.osprey.storage.ObjectAttributes;
import dev.osprey.storage.ObjectRecord;
import dev.osprey.storage.ObjectVersion;
import dev.osprey.storage.StorageException;
import dev.osprey.storage.TestRecords;
import dev.osprey.storage.Versioning;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
  void bucketConfigurationsRoundTripAndALifecycleAloneKeepsItsEarlierEncoding() {
    BucketRecord plain = TestRecords.bucket("docs");
    BucketRecord withLifecycle = plain.withLifecycle("<LifecycleConfiguration/>");
    byte[] lifecycleOnly = RecordCodec.encodeBucket(withLifecycle);
    // the layout written before other configurations existed: versioning byte, then the document
    ValueWriter expected = new ValueWriter();
    expected.writeByte(0).writeString("<LifecycleConfiguration/>");
    byte[] tail = expected.toByteArray();
    assertThat(
            java.util.Arrays.copyOfRange(
                lifecycleOnly, lifecycleOnly.length - tail.length, lifecycleOnly.length))
        .isEqualTo(tail);
    assertThat(RecordCodec.decodeBucket("docs", lifecycleOnly)).isEqualTo(withLifecycle);

    BucketRecord all =
        withLifecycle
            .withConfig("cors", "<CORSConfiguration/>")
            .withConfig("website", "<WebsiteConfiguration/>")
            .withVersioning(Versioning.ENABLED);
    assertThat(RecordCodec.decodeBucket("docs", RecordCodec.encodeBucket(all))).isEqualTo(all);
    BucketRecord noLifecycle = all.withLifecycle(null);
    BucketRecord decoded = RecordCodec.decodeBucket("docs", RecordCodec.encodeBucket(noLifecycle));
    assertThat(decoded).isEqualTo(noLifecycle);
    assertThat(decoded.lifecycle()).isNull();
    assertThat(decoded.config("cors")).isEqualTo("<CORSConfiguration/>");
    assertThat(
            RecordCodec.decodeBucket(
                "docs",
                RecordCodec.encodeBucket(
                    all.withConfig("cors", null)
                        .withConfig("website", null)
                        .withLifecycle(null)
                        .withVersioning(Versioning.UNVERSIONED))))
        .isEqualTo(plain);
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

  /**
   * Bytes written by the codec before versioning existed (captured from that build): data
   * directories from then must still open, and records of buckets never versioned keep exactly this
   * layout.
   */
  @Test
  void recordsInTheFormatOfBeforeVersioningStillDecode() {
    byte[] object =
        HexFormat.of()
            .parseHex(
                "01020b1234567890abcdef2130313233343536373839414243444546303030303030304230303030"
                    + "3030303000f685e090c6680b746578742f706c61696e000000000001066f776e6572036d65010201"
                    + "027402762130303131323233333434353536363737383839396161626263636464656566660180be"
                    + "9794c668");
    ObjectAttributes attrs =
        new ObjectAttributes(
            "text/plain",
            null,
            null,
            null,
            null,
            null,
            new TreeMap<>(Map.of("owner", "me")),
            CannedAcl.PRIVATE,
            StorageClass.IA,
            new LinkedHashMap<>(Map.of("t", "v")));
    ObjectRecord expected =
        new ObjectRecord(
            "b",
            "logs/app.log",
            ObjectType.APPENDABLE,
            11,
            0x1234567890ABCDEFL,
            "0123456789ABCDEF0000000B00000000",
            null,
            Instant.parse("2026-12-01T10:00:00.123Z"),
            attrs,
            "00112233445566778899aabbccddeeff",
            Instant.parse("2026-12-01T11:00:00Z"));
    ObjectRecord decoded = RecordCodec.decodeObject("b", "logs/app.log", object);
    assertThat(decoded).isEqualTo(expected);
    assertThat(decoded.version()).isEqualTo(ObjectVersion.UNVERSIONED);
    assertThat(RecordCodec.encodeObject(expected)).isEqualTo(object);

    byte[] bucket = HexFormat.of().parseHex("0180d0829cc56805313233340201044c5253");
    BucketRecord b =
        new BucketRecord(
            "b",
            Instant.parse("2026-11-30T00:00:00Z"),
            "1234",
            CannedAcl.PUBLIC_READ,
            StorageClass.STANDARD,
            "LRS");
    assertThat(RecordCodec.decodeBucket("b", bucket)).isEqualTo(b);
    assertThat(RecordCodec.decodeBucket("b", bucket).versioning())
        .isEqualTo(Versioning.UNVERSIONED);
    assertThat(RecordCodec.encodeBucket(b)).isEqualTo(bucket);
  }

  @Test
  void versionedRecordsRoundTrip() {
    ObjectRecord plain = TestRecords.object("b", "k", 3);
    for (ObjectVersion v :
        List.of(
            new ObjectVersion(1_733_000_000_000_000L, false, false),
            new ObjectVersion(7, true, false),
            new ObjectVersion(8, false, true),
            new ObjectVersion(9, true, true))) {
      ObjectRecord o = plain.withVersion(v);
      byte[] encoded = RecordCodec.encodeObject(o);
      assertThat(encoded[0]).isEqualTo((byte) RecordCodec.VERSION_2);
      assertThat(RecordCodec.decodeObject("b", "k", encoded)).isEqualTo(o);
    }
    ObjectRecord marker =
        ObjectRecord.deleteMarker("b", "k", Instant.parse("2026-12-07T08:00:00Z"))
            .withVersion(new ObjectVersion(5, false, true));
    assertThat(RecordCodec.decodeObject("b", "k", RecordCodec.encodeObject(marker)))
        .isEqualTo(marker);
    for (Versioning v : List.of(Versioning.ENABLED, Versioning.SUSPENDED)) {
      BucketRecord b = TestRecords.bucket("docs").withVersioning(v);
      assertThat(RecordCodec.decodeBucket("docs", RecordCodec.encodeBucket(b))).isEqualTo(b);
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
    future[0] = 3;
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
