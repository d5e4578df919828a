package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.AbortMultipartUploadRequest;
import com.aliyun.oss.model.CannedAccessControlList;
import com.aliyun.oss.model.CompleteMultipartUploadRequest;
import com.aliyun.oss.model.CompleteMultipartUploadResult;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.InitiateMultipartUploadResult;
import com.aliyun.oss.model.ListMultipartUploadsRequest;
import com.aliyun.oss.model.ListPartsRequest;
import com.aliyun.oss.model.MultipartUpload;
import com.aliyun.oss.model.MultipartUploadListing;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.ObjectPermission;
import com.aliyun.oss.model.PartETag;
import com.aliyun.oss.model.PartListing;
import com.aliyun.oss.model.PartSummary;
import com.aliyun.oss.model.UploadFileRequest;
import com.aliyun.oss.model.UploadFileResult;
import com.aliyun.oss.model.UploadPartRequest;
import com.aliyun.oss.model.UploadPartResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/** Multipart upload through the SDK (spec §3.7, §3.8, §10). */
@ParameterizedClass
@ValueSource(strings = {"V1", "V4"})
class MultipartUploadTest {
  private static final int MIN_PART = 100 * 1024;

  @Parameter String version;

  @TempDir Path tmp;

  private OSS oss;
  private String bucket;

  @BeforeEach
  void open() {
    oss = Clients.shared(version);
    bucket = Buckets.unique("mpu");
    oss.createBucket(bucket);
  }

  @AfterEach
  void close() {
    oss.shutdown();
  }

  private String initiate(String key) {
    return oss.initiateMultipartUpload(new InitiateMultipartUploadRequest(bucket, key))
        .getUploadId();
  }

  private PartETag upload(String key, String uploadId, int number, byte[] content) {
    UploadPartRequest r =
        new UploadPartRequest(
            bucket, key, uploadId, number, Payloads.stream(content), content.length);
    UploadPartResult result = oss.uploadPart(r);
    return result.getPartETag();
  }

  private byte[] read(String key) throws IOException {
    try (var o = oss.getObject(bucket, key)) {
      return o.getObjectContent().readAllBytes();
    }
  }

  @Test
  void initiateUploadCompleteWithMetadataAndCrc() throws Exception {
    ObjectMetadata meta = new ObjectMetadata();
    meta.setContentType("video/mp4");
    meta.addUserMetadata("camera", "front");
    meta.setHeader("x-oss-tagging", "a=1&b=2");
    InitiateMultipartUploadResult init =
        oss.initiateMultipartUpload(new InitiateMultipartUploadRequest(bucket, "v/clip.mp4", meta));
    assertThat(init.getBucketName()).isEqualTo(bucket);
    assertThat(init.getKey()).isEqualTo("v/clip.mp4");
    assertThat(init.getUploadId()).matches("[0-9A-F]{32}");

    byte[] p1 = Payloads.random(MIN_PART + 3, 1);
    byte[] p2 = Payloads.random(1000, 2);
    PartETag e2 = upload("v/clip.mp4", init.getUploadId(), 2, p2);
    PartETag e1 = upload("v/clip.mp4", init.getUploadId(), 1, p1);
    assertThat(e1.getETag()).isEqualTo(Payloads.etag(p1));
    assertThat(e1.getPartCRC()).isEqualTo(Payloads.crc64(p1));
    assertThat(e1.getPartSize()).isEqualTo(p1.length);

    CompleteMultipartUploadResult done =
        oss.completeMultipartUpload(
            new CompleteMultipartUploadRequest(
                bucket, "v/clip.mp4", init.getUploadId(), new ArrayList<>(List.of(e2, e1))));
    byte[] whole = concat(p1, p2);
    assertThat(done.getBucketName()).isEqualTo(bucket);
    assertThat(done.getKey()).isEqualTo("v/clip.mp4");
    assertThat(done.getLocation()).endsWith("/v/clip.mp4");
    assertThat(done.getETag()).isEqualTo(multipartEtag(p1, p2));
    // The SDK combines the parts' CRCs and checks them against this header (spec §10).
    assertThat(done.getServerCRC()).isEqualTo(Payloads.crc64(whole)).isEqualTo(done.getClientCRC());

    ObjectMetadata head = oss.getObjectMetadata(bucket, "v/clip.mp4");
    assertThat(head.getObjectType()).isEqualTo("Multipart");
    assertThat(head.getContentType()).isEqualTo("video/mp4");
    assertThat(head.getUserMetadata()).containsEntry("camera", "front");
    assertThat(head.getETag()).isEqualTo(done.getETag());
    assertThat(head.getContentMD5()).isNull();
    assertThat(head.getContentLength()).isEqualTo(whole.length);
    assertThat(oss.getObjectTagging(bucket, "v/clip.mp4").getAllTags())
        .containsEntry("a", "1")
        .containsEntry("b", "2");
    assertThat(read("v/clip.mp4")).isEqualTo(whole);
    assertThat(oss.listObjects(bucket).getObjectSummaries().get(0).getType())
        .isEqualTo("Multipart");
  }

  @Test
  void reuploadReplacesAPartAndListPartsPages() {
    String id = initiate("k");
    upload("k", id, 1, Payloads.random(10, 9));
    byte[] p1 = Payloads.random(MIN_PART, 1);
    PartETag e1 = upload("k", id, 1, p1);
    for (int n = 2; n <= 5; n++) {
      upload("k", id, n, Payloads.utf8("part" + n));
    }
    ListPartsRequest req = new ListPartsRequest(bucket, "k", id);
    req.setMaxParts(2);
    PartListing first = oss.listParts(req);
    assertThat(first.getParts()).extracting(PartSummary::getPartNumber).containsExactly(1, 2);
    assertThat(first.getParts().get(0).getETag()).isEqualTo(e1.getETag());
    assertThat(first.getParts().get(0).getSize()).isEqualTo(p1.length);
    assertThat(first.isTruncated()).isTrue();
    assertThat(first.getMaxParts()).isEqualTo(2);
    req.setPartNumberMarker(first.getNextPartNumberMarker());
    PartListing second = oss.listParts(req);
    assertThat(second.getParts()).extracting(PartSummary::getPartNumber).containsExactly(3, 4);
    req.setPartNumberMarker(second.getNextPartNumberMarker());
    PartListing last = oss.listParts(req);
    assertThat(last.getParts()).extracting(PartSummary::getPartNumber).containsExactly(5);
    assertThat(last.isTruncated()).isFalse();
  }

  @Test
  void abortEndsTheUpload() {
    String id = initiate("k");
    upload("k", id, 1, Payloads.utf8("x"));
    oss.abortMultipartUpload(new AbortMultipartUploadRequest(bucket, "k", id));
    OssErrors.expect(
        "NoSuchUpload",
        () -> oss.abortMultipartUpload(new AbortMultipartUploadRequest(bucket, "k", id)));
    OssErrors.expect("NoSuchUpload", () -> oss.listParts(new ListPartsRequest(bucket, "k", id)));
    OssErrors.expect("NoSuchUpload", () -> upload("k", id, 2, Payloads.utf8("y")));
    assertThat(oss.doesObjectExist(bucket, "k")).isFalse();
  }

  @Test
  void completeErrors() {
    String id = initiate("k");
    PartETag small = upload("k", id, 1, Payloads.random(MIN_PART - 1, 1));
    PartETag last = upload("k", id, 2, Payloads.random(10, 2));
    OssErrors.expect(
        "EntityTooSmall",
        "Your proposed upload smaller than the minimum allowed size.",
        () -> complete("k", id, small, last));
    OssErrors.expect("InvalidPart", () -> complete("k", id, new PartETag(1, last.getETag()), last));
    OssErrors.expect(
        "InvalidPart", () -> complete("k", id, small, new PartETag(3, last.getETag())));
    OssErrors.expect("InvalidPartOrder", () -> complete("k", id, small, small));
    OssErrors.expect(
        "NoSuchUpload", () -> complete("k", "0000000000000000000000000000000A", small));
    OssErrors.expect("NoSuchUpload", () -> complete("other-key", id, small));
    // Nothing above consumed the upload: the last part alone completes it.
    complete("k", id, last);
    OssErrors.expect("NoSuchUpload", () -> complete("k", id, last));
  }

  @Test
  void forbidOverwriteOnInitiateAndComplete() {
    oss.putObject(bucket, "taken", Payloads.stream("x"));
    InitiateMultipartUploadRequest init = new InitiateMultipartUploadRequest(bucket, "taken");
    ObjectMetadata meta = new ObjectMetadata();
    meta.setHeader("x-oss-forbid-overwrite", "true");
    init.setObjectMetadata(meta);
    OssErrors.expect("FileAlreadyExists", () -> oss.initiateMultipartUpload(init));

    String id = initiate("free");
    PartETag p = upload("free", id, 1, Payloads.utf8("y"));
    oss.putObject(bucket, "free", Payloads.stream("now taken"));
    CompleteMultipartUploadRequest c =
        new CompleteMultipartUploadRequest(bucket, "free", id, new ArrayList<>(List.of(p)));
    c.addHeader("x-oss-forbid-overwrite", "true");
    OssErrors.expect("FileAlreadyExists", () -> oss.completeMultipartUpload(c));
  }

  @Test
  void multipartEtagIsOssFormOfTheHexPartEtags() throws Exception {
    String id = initiate("form");
    PartETag p1 = upload("form", id, 1, Payloads.random(MIN_PART, 3));
    PartETag p2 = upload("form", id, 2, Payloads.utf8("tail"));
    CompleteMultipartUploadResult done = complete("form", id, p1, p2);
    MessageDigest md5 = MessageDigest.getInstance("MD5");
    md5.update((p1.getETag() + p2.getETag()).getBytes(StandardCharsets.US_ASCII));
    String expected = HexFormat.of().withUpperCase().formatHex(md5.digest()) + "-2";
    assertThat(done.getETag()).isEqualTo(expected);
    assertThat(oss.getObjectMetadata(bucket, "form").getETag()).isEqualTo(expected);
  }

  @Test
  void locationEncodesTilde() {
    String key = "~home/a b~.txt";
    String id = initiate(key);
    PartETag p = upload(key, id, 1, Payloads.utf8("x"));
    CompleteMultipartUploadResult done = complete(key, id, p);
    assertThat(done.getLocation()).endsWith("/%7Ehome/a%20b%7E.txt");
  }

  @Test
  void completingWithNoPartMakesAnEmptyObject() throws Exception {
    String id = initiate("none");
    CompleteMultipartUploadResult done = complete("none", id);
    assertThat(done.getETag()).isEqualTo("D41D8CD98F00B204E9800998ECF8427E-0");
    ObjectMetadata meta = oss.getObjectMetadata(bucket, "none");
    assertThat(meta.getContentLength()).isZero();
    assertThat(meta.getObjectType()).isEqualTo("Multipart");
  }

  @Test
  void completeAllUsesEveryPartAndAclHeader() throws Exception {
    String id = initiate("all");
    byte[] p1 = Payloads.random(MIN_PART, 1);
    byte[] p2 = Payloads.random(7, 2);
    upload("all", id, 1, p1);
    upload("all", id, 2, p2);
    CompleteMultipartUploadRequest c = new CompleteMultipartUploadRequest(bucket, "all", id, null);
    c.addHeader("x-oss-complete-all", "yes");
    c.setObjectACL(CannedAccessControlList.PublicRead);
    CompleteMultipartUploadResult done = oss.completeMultipartUpload(c);
    assertThat(done.getETag()).isEqualTo(multipartEtag(p1, p2));
    assertThat(read("all")).isEqualTo(concat(p1, p2));
    assertThat(oss.getObjectAcl(bucket, "all").getPermission())
        .isEqualTo(ObjectPermission.PublicRead);
  }

  @Test
  void listMultipartUploadsPagesWithMarkersAndDelimiter() {
    String a1 = initiate("a");
    String a2 = initiate("a");
    initiate("dir/x");
    initiate("dir/y");
    String z = initiate("z");

    ListMultipartUploadsRequest req = new ListMultipartUploadsRequest(bucket);
    req.setDelimiter("/");
    req.setMaxUploads(2);
    MultipartUploadListing page1 = oss.listMultipartUploads(req);
    assertThat(page1.getMultipartUploads())
        .extracting(MultipartUpload::getKey)
        .containsExactly("a", "a");
    assertThat(page1.getMultipartUploads())
        .extracting(MultipartUpload::getUploadId)
        .containsExactlyInAnyOrder(a1, a2);
    assertThat(page1.isTruncated()).isTrue();
    assertThat(page1.getMaxUploads()).isEqualTo(2);

    req.setKeyMarker(page1.getNextKeyMarker());
    req.setUploadIdMarker(page1.getNextUploadIdMarker());
    MultipartUploadListing page2 = oss.listMultipartUploads(req);
    assertThat(page2.getMultipartUploads())
        .extracting(MultipartUpload::getUploadId)
        .containsExactly(z);
    assertThat(page2.getCommonPrefixes()).containsExactly("dir/");
    assertThat(page2.isTruncated()).isFalse();
    assertThat(page2.getMultipartUploads().get(0).getInitiated()).isNotNull();

    ListMultipartUploadsRequest prefixed = new ListMultipartUploadsRequest(bucket);
    prefixed.setPrefix("dir/");
    assertThat(oss.listMultipartUploads(prefixed).getMultipartUploads())
        .extracting(MultipartUpload::getKey)
        .containsExactly("dir/x", "dir/y");
  }

  @Test
  void deleteBucketIsRefusedWhileAnUploadIsOpen() {
    String id = initiate("open");
    OssErrors.expect(
        "BucketNotEmpty",
        "The bucket has Multipart Uploads. Please abort them first.",
        () -> oss.deleteBucket(bucket));
    oss.abortMultipartUpload(new AbortMultipartUploadRequest(bucket, "open", id));
    oss.deleteBucket(bucket);
    assertThat(oss.doesBucketExist(bucket)).isFalse();
  }

  @Test
  void uploadFileResumableMultiThreadedIsByteExact() throws Throwable {
    byte[] content = Payloads.random(12 * 1024 * 1024 + 12345, 42);
    Path file = Files.write(tmp.resolve("big.bin"), content);
    UploadFileRequest req = new UploadFileRequest(bucket, "big.bin");
    req.setUploadFile(file.toString());
    req.setPartSize(1024 * 1024);
    req.setTaskNum(4);
    req.setEnableCheckpoint(true);
    req.setCheckpointFile(tmp.resolve("big.ucp").toString());
    UploadFileResult result = oss.uploadFile(req);
    CompleteMultipartUploadResult done = result.getMultipartUploadResult();
    assertThat(done.getServerCRC()).isEqualTo(Payloads.crc64(content));
    assertThat(done.getETag()).endsWith("-13");
    assertThat(read("big.bin")).isEqualTo(content);
    assertThat(
            oss.listMultipartUploads(new ListMultipartUploadsRequest(bucket)).getMultipartUploads())
        .isEmpty();
  }

  private CompleteMultipartUploadResult complete(String key, String id, PartETag... parts) {
    return oss.completeMultipartUpload(
        new CompleteMultipartUploadRequest(bucket, key, id, new ArrayList<>(List.of(parts))));
  }

  /** OSS's multipart ETag: MD5 of the parts' upper-case hex ETags as text, then -N. */
  static String multipartEtag(byte[]... parts) throws Exception {
    MessageDigest md5 = MessageDigest.getInstance("MD5");
    for (byte[] p : parts) {
      String hex = HexFormat.of().withUpperCase().formatHex(Payloads.md5(p));
      md5.update(hex.getBytes(StandardCharsets.US_ASCII));
    }
    return HexFormat.of().withUpperCase().formatHex(md5.digest()) + "-" + parts.length;
  }

  static byte[] concat(byte[]... parts) {
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
