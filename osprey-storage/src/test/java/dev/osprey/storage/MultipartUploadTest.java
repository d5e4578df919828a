package dev.osprey.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osprey.protocol.CannedAcl;
import dev.osprey.protocol.ObjectType;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.storage.CompleteUploadCommand.CompletedPart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Multipart upload and CopyObject on the real embedded stores (spec §3.2, §3.8). */
class MultipartUploadTest extends ServiceTestBase {
  private static final int PART = 100 * 1024;

  private UploadRecord initiate(String key) {
    return service.initiateMultipartUpload(
        new InitiateUploadCommand(BUCKET, key, TestRecords.richAttributes(), false));
  }

  private PartRecord upload(UploadRecord u, int number, byte[] content) {
    return service.uploadPart(
        new UploadPartCommand(BUCKET, u.key(), u.uploadId(), number, content.length, null),
        body(content));
  }

  private ObjectRecord complete(UploadRecord u, List<CompletedPart> parts) {
    return service.completeMultipartUpload(
        new CompleteUploadCommand(BUCKET, u.key(), u.uploadId(), parts, null, false));
  }

  private static byte[] random(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  private long blobCount() throws IOException {
    try (Stream<Path> files = Files.walk(dataDir.resolve("blobs"))) {
      return files.filter(Files::isRegularFile).count();
    }
  }

  @Test
  void partsAssembleIntoOneMultipartObject() throws Exception {
    UploadRecord u = initiate("big.bin");
    assertThat(u.uploadId()).matches("[0-9A-F]{32}");
    byte[] p1 = random(PART, 1);
    byte[] p2 = random(PART + 7, 2);
    byte[] p3 = random(10, 3);
    PartRecord r2 = upload(u, 2, p2);
    PartRecord r1 = upload(u, 1, p1);
    PartRecord r3 = upload(u, 5, p3);
    assertThat(r1.etag()).isEqualTo(HexFormat.of().withUpperCase().formatHex(md5(p1)));
    assertThat(r2.crc64()).isEqualTo(crc(p2));

    ObjectRecord o =
        complete(
            u,
            List.of(
                new CompletedPart(1, "\"" + r1.etag() + "\""),
                new CompletedPart(2, r2.etag().toLowerCase()),
                new CompletedPart(5, r3.etag())));

    byte[] whole = concat(p1, p2, p3);
    assertThat(o.type()).isEqualTo(ObjectType.MULTIPART);
    assertThat(o.size()).isEqualTo(whole.length);
    assertThat(o.crc64()).isEqualTo(crc(whole));
    assertThat(o.contentMd5()).isNull();
    assertThat(o.attributes()).isEqualTo(TestRecords.richAttributes());
    MessageDigest etagInput = MessageDigest.getInstance("MD5");
    // OSS's form: the parts' upper-case hex ETags hashed as text
    etagInput.update((r1.etag() + r2.etag() + r3.etag()).getBytes(StandardCharsets.US_ASCII));
    assertThat(o.etag())
        .isEqualTo(HexFormat.of().withUpperCase().formatHex(etagInput.digest()) + "-3");
    assertThat(readBytes("big.bin")).isEqualTo(whole);
    assertThat(blobCount()).as("part blobs are deleted").isEqualTo(1);
    assertOssError(() -> upload(u, 6, p3), OssErrorCode.NO_SUCH_UPLOAD); // the upload is over
    reopen();
    assertThat(readBytes("big.bin")).isEqualTo(whole);
  }

  @Test
  void reuploadReplacesAPartAndCompleteAllTakesEveryPart() throws Exception {
    UploadRecord u = initiate("k");
    upload(u, 1, random(PART, 1));
    byte[] p1 = random(PART, 9);
    upload(u, 1, p1);
    byte[] p2 = bytes("tail");
    upload(u, 2, p2);
    assertThat(blobCount()).as("the replaced part's blob is gone").isEqualTo(2);
    ObjectRecord o =
        service.completeMultipartUpload(
            new CompleteUploadCommand(
                BUCKET, "k", u.uploadId(), null, CannedAcl.PUBLIC_READ, false));
    assertThat(readBytes("k")).isEqualTo(concat(p1, p2));
    assertThat(o.attributes().acl()).isEqualTo(CannedAcl.PUBLIC_READ);
    assertThat(o.etag()).endsWith("-2");
  }

  @Test
  void completeRefusesBadPartLists() {
    UploadRecord u = initiate("k");
    PartRecord r1 = upload(u, 1, random(PART - 1, 1));
    PartRecord r2 = upload(u, 2, random(PART, 2));
    PartRecord r3 = upload(u, 3, random(5, 3));
    assertOssError(
        () ->
            complete(u, List.of(new CompletedPart(2, r2.etag()), new CompletedPart(1, r1.etag()))),
        OssErrorCode.INVALID_PART_ORDER);
    assertOssError(
        () ->
            complete(u, List.of(new CompletedPart(2, r2.etag()), new CompletedPart(2, r2.etag()))),
        OssErrorCode.INVALID_PART_ORDER);
    assertOssError(
        () -> complete(u, List.of(new CompletedPart(2, r1.etag()))), OssErrorCode.INVALID_PART);
    assertOssError(
        () -> complete(u, List.of(new CompletedPart(4, r1.etag()))), OssErrorCode.INVALID_PART);
    assertOssError(
        () ->
            complete(u, List.of(new CompletedPart(1, r1.etag()), new CompletedPart(3, r3.etag()))),
        OssErrorCode.ENTITY_TOO_SMALL);
    // A small part is fine as the last one, and parts may be skipped.
    ObjectRecord o =
        complete(u, List.of(new CompletedPart(2, r2.etag()), new CompletedPart(3, r3.etag())));
    assertThat(o.size()).isEqualTo(PART + 5);
  }

  @Test
  void uploadPartChecksItsUploadBeforeReadingAndVerifiesContentMd5() throws Exception {
    UploadRecord u = initiate("k");
    assertOssError(
        () ->
            service.uploadPart(
                new UploadPartCommand(BUCKET, "k", "0000000000000000000000000000000A", 1, 3, null),
                untouchable()),
        OssErrorCode.NO_SUCH_UPLOAD);
    assertOssError(
        () ->
            service.uploadPart(
                new UploadPartCommand(BUCKET, "other", u.uploadId(), 1, 3, null), untouchable()),
        OssErrorCode.NO_SUCH_UPLOAD);
    assertOssError(
        () ->
            service.uploadPart(
                new UploadPartCommand("nobucket", "k", u.uploadId(), 1, 3, null), untouchable()),
        OssErrorCode.NO_SUCH_BUCKET);
    assertOssError(
        () ->
            service.uploadPart(
                new UploadPartCommand(BUCKET, "k", u.uploadId(), 1, 3, md5Base64(bytes("xyz"))),
                body(bytes("abc"))),
        OssErrorCode.INVALID_DIGEST);
    assertThat(blobCount()).isZero();
  }

  @Test
  void abortDeletesPartsAndListingsPage() throws Exception {
    UploadRecord u = initiate("k");
    for (int i = 1; i <= 5; i++) {
      upload(u, i, bytes("part" + i));
    }
    PartListing first = service.listParts(new ListPartsCommand(BUCKET, "k", u.uploadId(), 0, 2));
    assertThat(first.parts()).extracting(PartRecord::partNumber).containsExactly(1, 2);
    assertThat(first.truncated()).isTrue();
    assertThat(first.nextPartNumberMarker()).isEqualTo(2);
    PartListing last = service.listParts(new ListPartsCommand(BUCKET, "k", u.uploadId(), 4, 2));
    assertThat(last.parts()).extracting(PartRecord::partNumber).containsExactly(5);
    assertThat(last.truncated()).isFalse();

    service.abortMultipartUpload(BUCKET, "k", u.uploadId());
    assertThat(blobCount()).isZero();
    assertOssError(
        () -> service.abortMultipartUpload(BUCKET, "k", u.uploadId()), OssErrorCode.NO_SUCH_UPLOAD);
    assertOssError(
        () -> service.listParts(new ListPartsCommand(BUCKET, "k", u.uploadId(), 0, 2)),
        OssErrorCode.NO_SUCH_UPLOAD);
  }

  @Test
  void uploadListingsRollUpCommonPrefixesAndPage() {
    UploadRecord a1 = initiate("a");
    clock.advance(java.time.Duration.ofMillis(1));
    UploadRecord a2 = initiate("a");
    initiate("dir/x");
    initiate("dir/y");
    UploadRecord z = initiate("z");

    UploadListing page1 =
        service.listMultipartUploads(new ListUploadsCommand(BUCKET, null, "/", null, null, 2));
    assertThat(page1.uploads()).containsExactly(a1, a2);
    assertThat(page1.truncated()).isTrue();
    assertThat(page1.nextKeyMarker()).isEqualTo("a");
    assertThat(page1.nextUploadIdMarker()).isEqualTo(a2.uploadId());

    UploadListing page2 =
        service.listMultipartUploads(
            new ListUploadsCommand(BUCKET, null, "/", "a", a2.uploadId(), 1));
    assertThat(page2.uploads()).isEmpty();
    assertThat(page2.commonPrefixes()).containsExactly("dir/");
    assertThat(page2.nextKeyMarker()).isEqualTo("dir/");
    assertThat(page2.nextUploadIdMarker()).isNull();

    UploadListing page3 =
        service.listMultipartUploads(new ListUploadsCommand(BUCKET, null, "/", "dir/", null, 5));
    assertThat(page3.uploads()).containsExactly(z);
    assertThat(page3.truncated()).isFalse();
  }

  @Test
  void forbidOverwriteAtInitiateAndComplete() {
    put("k", "x");
    assertOssError(
        () ->
            service.initiateMultipartUpload(
                new InitiateUploadCommand(BUCKET, "k", TestRecords.plainAttributes(), true)),
        OssErrorCode.FILE_ALREADY_EXISTS);
    UploadRecord u = initiate("k");
    PartRecord p = upload(u, 1, bytes("y"));
    assertOssError(
        () ->
            service.completeMultipartUpload(
                new CompleteUploadCommand(
                    BUCKET,
                    "k",
                    u.uploadId(),
                    List.of(new CompletedPart(1, p.etag())),
                    null,
                    true)),
        OssErrorCode.FILE_ALREADY_EXISTS);
    assertThat(service.getBucket(BUCKET)).isNotNull();
    assertOssError(() -> service.deleteBucket(BUCKET), OssErrorCode.BUCKET_NOT_EMPTY);
  }

  // ---- CopyObject

  private CopyObjectCommand copy(String from, String to, boolean forbid) {
    return new CopyObjectCommand(
        BUCKET, from, BUCKET, to, o -> {}, a -> a.withAcl(CannedAcl.PUBLIC_READ), forbid);
  }

  @Test
  void copyDuplicatesBytesAndKeepsEtagAndCrc() throws Exception {
    ObjectRecord src = put("src", "copy me");
    ObjectRecord dst = service.copyObject(copy("src", "dst", false));
    assertThat(content("dst")).isEqualTo("copy me");
    assertThat(dst.etag()).isEqualTo(src.etag());
    assertThat(dst.crc64()).isEqualTo(src.crc64());
    assertThat(dst.blobId()).isNotEqualTo(src.blobId());
    assertThat(dst.attributes().acl()).isEqualTo(CannedAcl.PUBLIC_READ);
    service.deleteObject(BUCKET, "src");
    assertThat(content("dst")).isEqualTo("copy me");
    assertOssError(() -> service.copyObject(copy("src", "dst2", false)), OssErrorCode.NO_SUCH_KEY);
    put("src", "again");
    assertOssError(
        () -> service.copyObject(copy("src", "dst", true)), OssErrorCode.FILE_ALREADY_EXISTS);
  }

  @Test
  void copyOntoItselfUpdatesMetadataOnly() throws Exception {
    append("log", 0, "abc");
    ObjectRecord before = service.headObject(BUCKET, "log");
    clock.advance(java.time.Duration.ofSeconds(5));
    ObjectRecord after = service.copyObject(copy("log", "log", false));
    assertThat(after.type()).isEqualTo(ObjectType.APPENDABLE);
    assertThat(after.blobId()).isEqualTo(before.blobId());
    assertThat(after.etag()).isEqualTo(before.etag());
    assertThat(after.lastModified()).isAfter(before.lastModified());
    assertThat(after.attributes().acl()).isEqualTo(CannedAcl.PUBLIC_READ);
    assertThat(append("log", 3, "def").size()).isEqualTo(6);
  }

  @Test
  void copyOfAnAppendableObjectStaysAppendable() throws Exception {
    append("log", 0, "abc");
    ObjectRecord dst = service.copyObject(copy("log", "log2", false));
    assertThat(dst.type()).isEqualTo(ObjectType.APPENDABLE);
    assertThat(append("log2", 3, "d").size()).isEqualTo(4);
    assertThat(content("log2")).isEqualTo("abcd");
  }

  private byte[] readBytes(String key) throws IOException {
    try (OpenObject open = service.openObject(BUCKET, key);
        java.io.InputStream in =
            java.nio.channels.Channels.newInputStream(
                open.reader().read(0, open.object().size()))) {
      return in.readAllBytes();
    }
  }

  private static byte[] md5(byte[] b) throws Exception {
    return MessageDigest.getInstance("MD5").digest(b);
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
