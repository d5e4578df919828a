package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.CannedAccessControlList;
import com.aliyun.oss.model.OSSObject;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.ObjectPermission;
import com.aliyun.oss.model.PutObjectResult;
import com.aliyun.oss.model.SimplifiedObjectMeta;
import com.aliyun.oss.model.StorageClass;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PutObject, HeadObject, GetObjectMeta, DeleteObject and object naming through the SDK (spec §0,
 * §2, §3.1, §3.3).
 */
@ParameterizedClass
@ValueSource(strings = {"V1", "V4"})
class ObjectTest {
  @Parameter String version;

  @TempDir Path tmp;

  private OSS oss;
  private String bucket;

  @BeforeEach
  void open() {
    oss = Clients.shared(version);
    bucket = Buckets.unique("obj");
    oss.createBucket(bucket);
  }

  @AfterEach
  void close() {
    oss.shutdown();
  }

  @Test
  void putFromAStreamWithoutLengthIsChunkedAndStoredWhole() throws IOException {
    byte[] content = Payloads.random(100_000, 1);
    PutObjectResult put = oss.putObject(bucket, "stream.bin", Payloads.stream(content));

    assertThat(put.getETag()).isEqualTo(Payloads.etag(content));
    assertThat(put.getServerCRC()).isEqualTo(Payloads.crc64(content));
    assertThat(put.getRequestId()).matches(OssErrors.REQUEST_ID_SHAPE);
    assertThat(read("stream.bin")).isEqualTo(content);
  }

  @Test
  void putFromAFileSendsContentLength() throws IOException {
    byte[] content = Payloads.random(70_000, 2);
    Path file = Files.write(tmp.resolve("upload.bin"), content);
    PutObjectResult put = oss.putObject(bucket, "file.bin", file.toFile());

    assertThat(put.getETag()).isEqualTo(Payloads.etag(content));
    assertThat(put.getServerCRC()).isEqualTo(put.getClientCRC()).isEqualTo(Payloads.crc64(content));
    assertThat(oss.headObject(bucket, "file.bin").getContentLength()).isEqualTo(content.length);
    assertThat(read("file.bin")).isEqualTo(content);
  }

  @Test
  void putWithDeclaredLengthFromAStream() throws IOException {
    byte[] content = Payloads.utf8("declared length");
    ObjectMetadata meta = new ObjectMetadata();
    meta.setContentLength(content.length);
    oss.putObject(bucket, "declared", Payloads.stream(content), meta);
    assertThat(read("declared")).isEqualTo(content);
  }

  @Test
  void userMetadataRoundTripsWithLowerCaseNames() {
    ObjectMetadata meta = new ObjectMetadata();
    meta.addUserMetadata("Color", "Blue");
    meta.addUserMetadata("x-Trace-ID", "abc-123");
    meta.addUserMetadata("empty-ish", " padded ");
    oss.putObject(bucket, "meta", Payloads.stream("m"), meta);

    Map<String, String> expected =
        Map.of("color", "Blue", "x-trace-id", "abc-123", "empty-ish", "padded");
    assertThat(oss.headObject(bucket, "meta").getUserMetadata()).isEqualTo(expected);
    try (OSSObject o = oss.getObject(bucket, "meta")) {
      assertThat(o.getObjectMetadata().getUserMetadata()).isEqualTo(expected);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void contentHeadersRoundTrip() throws Exception {
    ObjectMetadata meta = new ObjectMetadata();
    meta.setContentType("text/plain; charset=utf-8");
    meta.setCacheControl("no-cache");
    meta.setContentDisposition("attachment; filename=\"report.txt\"");
    meta.setContentEncoding("identity");
    Date expires = new Date(1_900_000_000_000L);
    meta.setExpirationTime(expires);
    oss.putObject(bucket, "headers.txt", Payloads.stream("hello"), meta);

    ObjectMetadata head = oss.headObject(bucket, "headers.txt");
    assertThat(head.getContentType()).isEqualTo("text/plain; charset=utf-8");
    assertThat(head.getCacheControl()).isEqualTo("no-cache");
    assertThat(head.getContentDisposition()).isEqualTo("attachment; filename=\"report.txt\"");
    assertThat(head.getContentEncoding()).isEqualTo("identity");
    assertThat(head.getExpirationTime()).isEqualTo(expires);
    assertThat(head.getRawExpiresValue()).isEqualTo("Sun, 17 Mar 2030 17:46:40 GMT");
  }

  @Test
  void contentTypeDefaultsFromTheKeyExtensionOrOctetStream() {
    // The SDK guesses a type from the extension; with none the server's default applies.
    oss.putObject(bucket, "page.html", Payloads.stream("<p/>"));
    oss.putObject(bucket, "noext", Payloads.stream("x"));
    assertThat(oss.headObject(bucket, "page.html").getContentType()).isEqualTo("text/html");
    assertThat(oss.headObject(bucket, "noext").getContentType())
        .isEqualTo("application/octet-stream");
  }

  @Test
  void objectAclAndStorageClassHeadersAreStored() {
    ObjectMetadata meta = new ObjectMetadata();
    meta.setObjectAcl(CannedAccessControlList.PublicRead);
    meta.setHeader("x-oss-storage-class", StorageClass.IA.toString());
    oss.putObject(bucket, "ia", Payloads.stream("cold"), meta);

    assertThat(oss.getObjectAcl(bucket, "ia").getPermission())
        .isEqualTo(ObjectPermission.PublicRead);
    ObjectMetadata head = oss.headObject(bucket, "ia");
    assertThat(head.getObjectStorageClass()).isEqualTo(StorageClass.IA);
    assertThat(oss.listObjects(bucket).getObjectSummaries().get(0).getStorageClass())
        .isEqualTo("IA");
  }

  @Test
  void forbidOverwriteRefusesAnExistingKey() throws IOException {
    oss.putObject(bucket, "once", Payloads.stream("first"));
    ObjectMetadata meta = new ObjectMetadata();
    meta.setHeader("x-oss-forbid-overwrite", "true");

    OssErrors.expect(
        "FileAlreadyExists",
        "The object you specified already exists and can not be overwritten.",
        () -> oss.putObject(bucket, "once", Payloads.stream("second"), meta));
    assertThat(read("once")).isEqualTo(Payloads.utf8("first"));
    // On a fresh key the header does not get in the way.
    oss.putObject(bucket, "fresh", Payloads.stream("new"), meta);
    assertThat(read("fresh")).isEqualTo(Payloads.utf8("new"));
  }

  @Test
  void contentMd5IsVerified() throws IOException {
    byte[] content = Payloads.utf8("checked");
    ObjectMetadata good = new ObjectMetadata();
    good.setContentMD5(Payloads.contentMd5(content));
    assertThat(oss.putObject(bucket, "md5", Payloads.stream(content), good).getETag())
        .isEqualTo(Payloads.etag(content));

    ObjectMetadata bad = new ObjectMetadata();
    bad.setContentMD5(Payloads.contentMd5(Payloads.utf8("something else")));
    OssErrors.expect(
        "InvalidDigest",
        "The Content-MD5 you specified was invalid.",
        () -> oss.putObject(bucket, "md5-bad", Payloads.stream(content), bad));
    assertThat(oss.doesObjectExist(bucket, "md5-bad")).isFalse();
    assertThat(read("md5")).isEqualTo(content);
  }

  @Test
  void overwriteReplacesContentAndMetadata() throws IOException {
    ObjectMetadata first = new ObjectMetadata();
    first.addUserMetadata("generation", "1");
    oss.putObject(bucket, "k", Payloads.stream("first version"), first);
    byte[] second = Payloads.utf8("second");
    oss.putObject(bucket, "k", Payloads.stream(second));

    ObjectMetadata head = oss.headObject(bucket, "k");
    assertThat(head.getETag()).isEqualTo(Payloads.etag(second));
    assertThat(head.getContentLength()).isEqualTo(second.length);
    assertThat(head.getUserMetadata()).isEmpty();
    assertThat(read("k")).isEqualTo(second);
  }

  @Test
  void emptyObject() throws IOException {
    PutObjectResult put = oss.putObject(bucket, "empty", Payloads.stream(new byte[0]));
    assertThat(put.getETag()).isEqualTo(Payloads.EMPTY_ETAG);
    assertThat(put.getServerCRC()).isZero();

    ObjectMetadata head = oss.headObject(bucket, "empty");
    assertThat(head.getContentLength()).isZero();
    assertThat(head.getServerCRC()).isZero();
    assertThat(read("empty")).isEmpty();
  }

  @Test
  void largeRandomObjectRoundTripsByteExact() throws IOException {
    byte[] content = Payloads.random(8 << 20, 8);
    PutObjectResult put = oss.putObject(bucket, "big.bin", Payloads.stream(content));
    assertThat(put.getServerCRC()).isEqualTo(Payloads.crc64(content));
    assertThat(read("big.bin")).isEqualTo(content);
  }

  @Test
  void awkwardKeysRoundTrip() throws IOException {
    List<String> keys =
        List.of(
            "with space.txt",
            "unicodé/日本語/ключ",
            "plus+sign",
            "100%",
            "percent%20literal",
            "question?mark",
            "hash#tag",
            "a&b=c",
            "deep/path/to/some/where/object",
            "trailing/slash/",
            "tilde~and*star",
            "semi;colon,comma",
            "quote'and\"double",
            "emoji-\uD83D\uDE00",
            "double//slash",
            "dot/./segment",
            "dotdot/../segment",
            "back\\slash",
            "bang!(paren)",
            "colon:at@dollar$",
            "caret^pipe|brace{}[]",
            "`tick`");
    for (String key : keys) {
      oss.putObject(bucket, key, Payloads.stream(key));
    }
    for (String key : keys) {
      assertThat(read(key)).as(key).isEqualTo(Payloads.utf8(key));
      assertThat(oss.headObject(bucket, key).getContentLength())
          .as(key)
          .isEqualTo(Payloads.utf8(key).length);
      assertThat(oss.doesObjectExist(bucket, key)).as(key).isTrue();
    }
    assertThat(oss.listObjects(bucket).getObjectSummaries())
        .extracting(s -> s.getKey())
        .containsExactlyInAnyOrderElementsOf(keys);
  }

  @Test
  void keyOf1023BytesWorksAnd1024IsInvalid() throws Exception {
    String longest = "é".repeat(511) + "a"; // 1023 bytes of UTF-8
    oss.putObject(bucket, longest, Payloads.stream("long"));
    assertThat(read(longest)).isEqualTo(Payloads.utf8("long"));
    assertThat(oss.listObjects(bucket).getObjectSummaries().get(0).getKey()).isEqualTo(longest);

    String tooLong = "k".repeat(1024);
    // The SDK refuses such a key itself; its URL-based put sends the request as given, unsigned, so
    // the server is
    // asked through a public-read-write bucket (naming is checked before access anyway).
    assertThatIllegalArgumentException()
        .isThrownBy(() -> oss.putObject(bucket, tooLong, Payloads.stream("x")));
    oss.setBucketAcl(bucket, CannedAccessControlList.PublicReadWrite);
    OSS anonymous = Clients.anonymous(version);
    try {
      URL url = URI.create(SharedServer.get().endpoint() + "/" + bucket + "/" + tooLong).toURL();
      OssErrors.expect(
          "InvalidObjectName",
          "The Length of Object name must be less than 1024.",
          () -> anonymous.putObject(url, Payloads.stream("x"), 1, new HashMap<>()));
    } finally {
      anonymous.shutdown();
    }
  }

  @Test
  void headObjectDescribesTheObject() {
    byte[] content = Payloads.utf8("0123456789");
    long before = System.currentTimeMillis();
    oss.putObject(bucket, "described", Payloads.stream(content));

    ObjectMetadata head = oss.headObject(bucket, "described");
    assertThat(head.getObjectType()).isEqualTo("Normal");
    assertThat(head.getContentLength()).isEqualTo(10);
    assertThat(head.getETag()).isEqualTo(Payloads.etag(content));
    assertThat(head.getContentMD5()).isEqualTo(Payloads.contentMd5(content));
    assertThat(head.getLastModified().getTime()).isCloseTo(before, within(2_000L));
    assertThat(head.getServerCRC()).isEqualTo(Payloads.crc64(content));
    assertThat(head.getObjectStorageClass()).isEqualTo(StorageClass.Standard);
    assertThat(head.getRequestId()).matches(OssErrors.REQUEST_ID_SHAPE);
    assertThat(head.getRawMetadata()).containsEntry("Accept-Ranges", "bytes");
    // The SDK parses the Date header (RFC 1123) into a Date.
    assertThat(head.getRawMetadata().get("Date")).isInstanceOf(Date.class);
    long date = ((Date) head.getRawMetadata().get("Date")).getTime();
    assertThat(date).isCloseTo(System.currentTimeMillis(), within(5_000L));
  }

  @Test
  void simplifiedObjectMetaHasSizeEtagAndLastModified() {
    byte[] content = Payloads.utf8("simple");
    oss.putObject(bucket, "simple", Payloads.stream(content));
    ObjectMetadata head = oss.headObject(bucket, "simple");

    SimplifiedObjectMeta meta = oss.getSimplifiedObjectMeta(bucket, "simple");
    assertThat(meta.getSize()).isEqualTo(content.length);
    assertThat(meta.getETag()).isEqualTo(Payloads.etag(content));
    assertThat(meta.getLastModified()).isEqualTo(head.getLastModified());
    assertThat(meta.getRequestId()).matches(OssErrors.REQUEST_ID_SHAPE);
  }

  @Test
  void doesObjectExistTellsPresentFromAbsent() {
    oss.putObject(bucket, "here", Payloads.stream("x"));
    assertThat(oss.doesObjectExist(bucket, "here")).isTrue();
    assertThat(oss.doesObjectExist(bucket, "not-here")).isFalse();
    assertThat(oss.doesObjectExist(Buckets.unique("nobucket"), "here")).isFalse();
  }

  @Test
  void deleteObjectRemovesItAndIgnoresAbsentKeys() {
    oss.putObject(bucket, "doomed", Payloads.stream("x"));
    oss.deleteObject(bucket, "doomed");
    assertThat(oss.doesObjectExist(bucket, "doomed")).isFalse();
    oss.deleteObject(bucket, "doomed");
    oss.deleteObject(bucket, "never-existed");
    assertThat(oss.listObjects(bucket).getObjectSummaries()).isEmpty();
  }

  @Test
  void missingKeyIsNoSuchKeyOnGetAndHead() {
    String message = "The specified key does not exist.";
    OSSException get =
        OssErrors.expect("NoSuchKey", message, () -> oss.getObject(bucket, "missing"));
    assertThat(get.getRawResponseError()).contains("<Key>missing</Key>");
    assertThat(get.getHostId()).isNotEmpty();
    // HEAD has no body: the SDK reads the error from x-oss-err (spec §2.2); without it the message
    // would be
    // "Not Found".
    OSSException head =
        OssErrors.expect("NoSuchKey", message, () -> oss.headObject(bucket, "missing"));
    assertThat(head.getHostId()).isNotEmpty();
    assertThat(get.getEC()).isEqualTo("0026-00000001");
    assertThat(head.getEC()).isEqualTo("0026-00000001");
    OssErrors.expect("NoSuchKey", message, () -> oss.getSimplifiedObjectMeta(bucket, "missing"));
  }

  @Test
  void missingBucketIsNoSuchBucketOnObjectOperations() {
    String absent = Buckets.unique("nobucket");
    String message = "The specified bucket does not exist.";
    OssErrors.expect("NoSuchBucket", message, () -> oss.getObject(absent, "k"));
    OssErrors.expect("NoSuchBucket", message, () -> oss.headObject(absent, "k"));
    OssErrors.expect("NoSuchBucket", message, () -> oss.deleteObject(absent, "k"));
  }

  private byte[] read(String key) throws IOException {
    try (OSSObject o = oss.getObject(bucket, key)) {
      return o.getObjectContent().readAllBytes();
    }
  }
}
