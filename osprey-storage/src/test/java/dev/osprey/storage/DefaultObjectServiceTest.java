package dev.osprey.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osprey.protocol.CannedAcl;
import dev.osprey.protocol.ObjectType;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.StorageClass;
import dev.osprey.storage.file.FileDataStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DefaultObjectServiceTest extends ServiceTestBase {

  // ---- buckets

  @Test
  void bucketsAreCreatedWithDefaultsListedAndDeleted() {
    BucketRecord created =
        service.createBucket(new BucketRecord("second", null, "owner-2", null, null, null));
    assertThat(created.created()).isEqualTo(Instant.parse("2025-03-04T05:06:07.890Z"));
    assertThat(created.acl()).isEqualTo(CannedAcl.PRIVATE);
    assertThat(created.storageClass()).isEqualTo(StorageClass.STANDARD);
    assertThat(created.dataRedundancyType()).isEqualTo("LRS");
    assertThat(service.getBucket("second")).isEqualTo(created);
    assertOssError(
        () -> service.createBucket(TestRecords.bucket("second")),
        OssErrorCode.BUCKET_ALREADY_EXISTS);
    assertOssError(
        () -> service.createBucket(TestRecords.bucket("Bad_Name")),
        OssErrorCode.INVALID_BUCKET_NAME);
    assertOssError(
        () -> service.createBucket(TestRecords.bucket("ab")), OssErrorCode.INVALID_BUCKET_NAME);

    BucketListing page = service.listBuckets(null, null, 1);
    assertThat(page.buckets()).extracting(BucketRecord::name).containsExactly("bkt");
    assertThat(page.truncated()).isTrue();
    assertThat(page.nextMarker()).isEqualTo("bkt");
    BucketListing rest = service.listBuckets(null, page.nextMarker(), 1);
    assertThat(rest.buckets()).extracting(BucketRecord::name).containsExactly("second");
    assertThat(rest.truncated()).isFalse();
    assertThat(service.listBuckets("sec", null, 100).buckets()).hasSize(1);

    assertThat(service.putBucketAcl("second", CannedAcl.PUBLIC_READ).acl())
        .isEqualTo(CannedAcl.PUBLIC_READ);
    assertThat(service.getBucket("second").acl()).isEqualTo(CannedAcl.PUBLIC_READ);
    assertOssError(
        () -> service.putBucketAcl("second", CannedAcl.DEFAULT), OssErrorCode.INVALID_ARGUMENT);
    assertOssError(
        () -> service.putBucketAcl("ghost", CannedAcl.PRIVATE), OssErrorCode.NO_SUCH_BUCKET);

    service.deleteBucket("second");
    assertOssError(() -> service.getBucket("second"), OssErrorCode.NO_SUCH_BUCKET);
    assertOssError(() -> service.deleteBucket("second"), OssErrorCode.NO_SUCH_BUCKET);
  }

  @Test
  void aBucketWithObjectsCannotBeDeleted() {
    put("k", "v");
    assertOssError(() -> service.deleteBucket(BUCKET), OssErrorCode.BUCKET_NOT_EMPTY);
    service.deleteObject(BUCKET, "k");
    service.deleteBucket(BUCKET);
  }

  // ---- put

  @Test
  void putStoresANormalObjectWithMd5EtagAndCrc() throws Exception {
    byte[] b = bytes("hello, osprey");
    PutObjectCommand cmd =
        new PutObjectCommand(
            BUCKET, "dir/hello.txt", b.length, md5Base64(b), TestRecords.richAttributes(), false);
    ObjectRecord o = service.putObject(cmd, body(b));
    byte[] md5 = MessageDigest.getInstance("MD5").digest(b);
    assertThat(o.type()).isEqualTo(ObjectType.NORMAL);
    assertThat(o.size()).isEqualTo(b.length);
    assertThat(o.etag()).isEqualTo(HexFormat.of().withUpperCase().formatHex(md5));
    assertThat(o.contentMd5()).isEqualTo(md5Base64(b));
    assertThat(o.crc64()).isEqualTo(crc(b));
    assertThat(o.lastModified()).isEqualTo(Instant.parse("2025-03-04T05:06:07.890Z"));
    assertThat(o.attributes()).isEqualTo(TestRecords.richAttributes());
    assertThat(service.headObject(BUCKET, "dir/hello.txt")).isEqualTo(o);
    assertThat(content("dir/hello.txt")).isEqualTo("hello, osprey");
  }

  @Test
  void emptyObjectHasCrcZero() throws IOException {
    ObjectRecord o = put("empty", "");
    assertThat(o.crc64()).isZero();
    assertThat(o.etag()).isEqualTo("D41D8CD98F00B204E9800998ECF8427E");
    assertThat(content("empty")).isEmpty();
  }

  @Test
  void chunkedPutStreamsABodyLargerThanTheBuffer() throws IOException {
    byte[] big = new byte[BodyCopier.BUFFER_SIZE * 3 + 17];
    new java.util.Random(1).nextBytes(big);
    ObjectRecord o =
        service.putObject(new PutObjectCommand(BUCKET, "big", -1, null, null, false), body(big));
    assertThat(o.size()).isEqualTo(big.length);
    assertThat(o.crc64()).isEqualTo(crc(big));
    try (OpenObject open = service.openObject(BUCKET, "big")) {
      assertThat(open.reader().fileChannel().size()).isEqualTo(big.length);
    }
  }

  @Test
  void putChecksTheBucketAndDeclaredSizeBeforeReadingTheBody() {
    assertOssError(
        () ->
            service.putObject(
                new PutObjectCommand("ghost", "k", 1, null, null, false), untouchable()),
        OssErrorCode.NO_SUCH_BUCKET);
    OssException tooBig =
        assertOssError(
            () ->
                service.putObject(
                    new PutObjectCommand(
                        BUCKET, "k", ObjectService.MAX_OBJECT_SIZE + 1, null, null, false),
                    untouchable()),
            OssErrorCode.INVALID_ARGUMENT);
    assertThat(tooBig.details()).containsEntry("ArgumentName", "Content-Length");
    assertOssError(
        () ->
            service.putObject(
                new PutObjectCommand(BUCKET, "k", 1, "not base64!", null, false), untouchable()),
        OssErrorCode.INVALID_DIGEST);
  }

  @Test
  void failedPutsChangeNothing() throws Exception {
    put("k", "original");
    byte[] b = bytes("replacement");
    assertOssError(
        () ->
            service.putObject(
                new PutObjectCommand(BUCKET, "k", b.length, md5Base64(bytes("other")), null, false),
                body(b)),
        OssErrorCode.INVALID_DIGEST);
    assertOssError(
        () ->
            service.putObject(
                new PutObjectCommand(BUCKET, "k", b.length + 5, null, null, false), body(b)),
        OssErrorCode.INCOMPLETE_BODY);
    assertOssError(
        () -> service.putObject(new PutObjectCommand(BUCKET, "k", 3, null, null, false), body(b)),
        OssErrorCode.INCOMPLETE_BODY);
    assertOssError(
        () ->
            service.putObject(
                new PutObjectCommand(BUCKET, "k", b.length, null, null, true), body(b)),
        OssErrorCode.FILE_ALREADY_EXISTS);
    assertOssError(
        () ->
            service.putObject(
                new PutObjectCommand(BUCKET, "k", -1, null, null, false), failingAfter(b)),
        OssErrorCode.INCOMPLETE_BODY);
    assertThat(content("k")).isEqualTo("original");
    assertThat(blobFiles()).hasSize(1);
  }

  @Test
  void chunkedPutOverTheSizeLimitIsRefusedAndLeavesNoBlob() {
    try (ObjectService small = smallLimitService(10)) {
      small.createBucket(TestRecords.bucket("tiny"));
      assertOssError(
          () ->
              small.putObject(
                  new PutObjectCommand("tiny", "k", -1, null, null, false), body(new byte[11])),
          OssErrorCode.INVALID_ARGUMENT);
      small.putObject(new PutObjectCommand("tiny", "k", -1, null, null, false), body(new byte[10]));
    }
  }

  @Test
  void forbidOverwriteAllowsCreation() throws IOException {
    byte[] b = bytes("first");
    service.putObject(new PutObjectCommand(BUCKET, "new", b.length, null, null, true), body(b));
    assertThat(content("new")).isEqualTo("first");
  }

  @Test
  void overwriteReplacesAnyTypeAndDeletesThePreviousBlob() throws IOException {
    append("k", 0, "appendable");
    ObjectRecord normal = put("k", "normal now");
    assertThat(normal.type()).isEqualTo(ObjectType.NORMAL);
    assertThat(content("k")).isEqualTo("normal now");
    assertThat(blobFiles()).hasSize(1);
  }

  @Test
  void aReaderKeepsTheOldBytesWhileTheObjectIsOverwrittenOrDeleted() throws IOException {
    put("k", "old bytes");
    try (OpenObject reader = service.openObject(BUCKET, "k")) {
      put("k", "new, longer bytes");
      assertThat(readAll(reader)).isEqualTo("old bytes");
      service.deleteObject(BUCKET, "k");
      assertThat(readAll(reader)).isEqualTo("old bytes");
    }
    assertOssError(() -> service.openObject(BUCKET, "k"), OssErrorCode.NO_SUCH_KEY);
  }

  // ---- head, delete, tags, acl

  @Test
  void missingKeysAndBucketsAreReportedPrecisely() {
    OssException e =
        assertOssError(() -> service.headObject(BUCKET, "nope"), OssErrorCode.NO_SUCH_KEY);
    assertThat(e.details()).containsEntry("Key", "nope");
    assertOssError(() -> service.headObject("ghost", "nope"), OssErrorCode.NO_SUCH_BUCKET);
    assertOssError(() -> service.openObject(BUCKET, "nope"), OssErrorCode.NO_SUCH_KEY);
    assertOssError(() -> service.deleteObject("ghost", "nope"), OssErrorCode.NO_SUCH_BUCKET);
    service.deleteObject(BUCKET, "nope"); // idempotent
  }

  @Test
  void deleteRemovesTheObjectAndItsBlob() {
    put("k", "v");
    service.deleteObject(BUCKET, "k");
    service.deleteObject(BUCKET, "k");
    assertOssError(() -> service.headObject(BUCKET, "k"), OssErrorCode.NO_SUCH_KEY);
    assertThat(blobFiles()).isEmpty();
  }

  @Test
  void tagsAndAclAreReplacedWithoutTouchingLastModified() {
    ObjectRecord o = put("k", "v");
    clock.advance(Duration.ofMinutes(5));
    ObjectRecord tagged = service.putObjectTags(BUCKET, "k", Map.of("project", "osprey"));
    assertThat(tagged.attributes().tags()).containsExactly(Map.entry("project", "osprey"));
    assertThat(tagged.lastModified()).isEqualTo(o.lastModified());
    ObjectRecord acl = service.putObjectAcl(BUCKET, "k", CannedAcl.PUBLIC_READ);
    assertThat(acl.attributes().acl()).isEqualTo(CannedAcl.PUBLIC_READ);
    assertThat(acl.attributes().tags()).containsEntry("project", "osprey");
    assertThat(service.headObject(BUCKET, "k")).isEqualTo(acl);
    assertThat(acl.lastModified()).isEqualTo(o.lastModified());
    assertOssError(() -> service.putObjectTags(BUCKET, "nope", Map.of()), OssErrorCode.NO_SUCH_KEY);
    assertOssError(
        () -> service.putObjectAcl(BUCKET, "nope", CannedAcl.PRIVATE), OssErrorCode.NO_SUCH_KEY);
  }

  @Test
  void everythingSurvivesReopen() throws IOException {
    put("normal", "durable");
    append("log", 0, "one,");
    append("log", 4, "two");
    service.putObjectTags(BUCKET, "normal", Map.of("t", "1"));
    ObjectRecord log = service.headObject(BUCKET, "log");
    reopen();
    assertThat(content("normal")).isEqualTo("durable");
    assertThat(service.headObject(BUCKET, "normal").attributes().tags()).containsEntry("t", "1");
    assertThat(service.headObject(BUCKET, "log")).isEqualTo(log);
    assertThat(append("log", 7, "!").size()).isEqualTo(8);
    assertThat(content("log")).isEqualTo("one,two!");
  }

  // ---- helpers

  private ObjectService smallLimitService(long limit) {
    Path dir = dataDir.resolve("small");
    return new DefaultObjectService(
        openMetadata(dir.resolve("meta")), FileDataStore.open(dir.resolve("blobs")), clock, limit);
  }

  List<Path> blobFiles() {
    try (Stream<Path> files = Files.walk(dataDir.resolve("blobs"))) {
      return files.filter(Files::isRegularFile).toList();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static InputStream failingAfter(byte[] prefix) {
    return new InputStream() {
      private int pos;

      @Override
      public int read() throws IOException {
        if (pos < prefix.length) {
          return prefix[pos++] & 0xFF;
        }
        throw new IOException("connection reset");
      }
    };
  }
}
