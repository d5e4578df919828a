package dev.osprey.protocol.xml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osprey.protocol.CannedAcl;
import dev.osprey.protocol.ObjectType;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.StorageClass;
import dev.osprey.protocol.op.BucketOperation.ListObjects;
import dev.osprey.protocol.op.BucketOperation.ListObjectsV2;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pins every response body to a golden file under {@code src/test/resources/golden/}. Element names
 * and shapes follow what the official Java SDK's {@code ResponseParsers} reads; each golden file is
 * also re-parsed to prove it is well-formed.
 */
class GoldenXmlTest {
  private static final Owner OWNER = new Owner("1234567890123456", "1234567890123456");
  private static final Instant T1 = Instant.parse("2012-02-24T08:43:07Z");

  /** Has milliseconds on purpose: XML dates show whole seconds, as OSS sends them. */
  private static final Instant T2 = Instant.parse("2014-12-25T11:21:04.123Z");

  private static final BucketSummary BUCKET =
      new BucketSummary(
          "examplebucket",
          T2,
          "oss-cn-hangzhou",
          "cn-hangzhou",
          StorageClass.STANDARD,
          "oss-cn-hangzhou.aliyuncs.com",
          "oss-cn-hangzhou-internal.aliyuncs.com");
  private static final ObjectSummary APPENDABLE =
      new ObjectSummary(
          "fun/movie/001.avi",
          T1,
          "0F7230CAA4BE94CCBDC99C5500000000",
          ObjectType.APPENDABLE,
          1717,
          StorageClass.STANDARD,
          OWNER);
  private static final ObjectSummary ODD_KEY =
      new ObjectSummary(
          "a&b <c> 'd' \"e\"+f",
          T2,
          "\"5B3C1A2E053D763E1B002CC607C5A0FE\"",
          ObjectType.NORMAL,
          344606,
          StorageClass.IA,
          OWNER);

  @Test
  void errorWithDetailsAndEc() {
    OssException e =
        OssException.of(OssErrorCode.POSITION_NOT_EQUAL_TO_LENGTH)
            .detail("Key", "log/app.log")
            .header("x-oss-next-append-position", "1717");
    assertGolden(
        "error-position.xml", ErrorXml.of(e, "5C3D8D2A0ACA54D87B43ABCD", "bkt.localhost").toXml());
  }

  @Test
  void errorMethodNotAllowedWithoutEc() {
    OssException e =
        OssException.of(OssErrorCode.METHOD_NOT_ALLOWED)
            .detail("Method", "PUT")
            .detail("ResourceType", "Service");
    assertGolden(
        "error-method.xml", ErrorXml.of(e, "5C3D8D2A0ACA54D87B43ABCD", "localhost").toXml());
  }

  @Test
  void listBucketsPlain() {
    var result = new ListAllMyBucketsResult(OWNER, List.of(BUCKET), null, null, null, false, null);
    assertGolden("list-buckets.xml", result.toXml());
  }

  @Test
  void listBucketsPaged() {
    var result =
        new ListAllMyBucketsResult(
            OWNER, List.of(BUCKET), "example", null, 1, true, "examplebucket");
    assertGolden("list-buckets-paged.xml", result.toXml());
  }

  @Test
  void listObjectsV1() {
    var request = new ListObjects("examplebucket", "fun/", "/", null, 2, false);
    var page = new ListPage(List.of(APPENDABLE, ODD_KEY), List.of("fun/test/"), true, "fun/test/");
    assertGolden("list-objects-v1.xml", new ListBucketResult(request, page).toXml());
  }

  @Test
  void listObjectsV1UrlEncoded() {
    var request = new ListObjects("examplebucket", "a b/", "/", "a b/0", 100, true);
    var control =
        new ObjectSummary(
            "a b/\u0001+é.txt", T1, "ABC", ObjectType.MULTIPART, 0, StorageClass.ARCHIVE, OWNER);
    var page = new ListPage(List.of(control), List.of("a b/c d/"), false, null);
    assertGolden("list-objects-v1-url.xml", new ListBucketResult(request, page).toXml());
  }

  @Test
  void listObjectsV2WithOwner() {
    var request = new ListObjectsV2("examplebucket", "fun/", "/", "fun/0", null, 1, false, true);
    var page = new ListPage(List.of(APPENDABLE), List.of("fun/test/"), true, "Zm9vYmFy");
    assertGolden("list-objects-v2.xml", new ListBucketResultV2(request, page).toXml());
  }

  @Test
  void listObjectsV2UrlEncodedWithoutOwner() {
    var request =
        new ListObjectsV2("examplebucket", "a b", null, null, "Zm9vYmFy", 100, true, false);
    var page = new ListPage(List.of(ODD_KEY), List.of(), false, null);
    assertGolden("list-objects-v2-url.xml", new ListBucketResultV2(request, page).toXml());
  }

  @Test
  void bucketInfo() {
    var info = new BucketInfo(BUCKET, OWNER, CannedAcl.PRIVATE, "LRS", null);
    assertGolden("bucket-info.xml", info.toXml());
  }

  @Test
  void location() {
    assertGolden("location.xml", new LocationConstraint("oss-cn-hangzhou").toXml());
  }

  @Test
  void bucketAcl() {
    assertGolden("acl-bucket.xml", new AccessControlPolicy(OWNER, CannedAcl.PUBLIC_READ).toXml());
  }

  @Test
  void objectAclDefault() {
    assertGolden("acl-object.xml", new AccessControlPolicy(OWNER, CannedAcl.DEFAULT).toXml());
  }

  @Test
  void deleteResult() {
    var result =
        new DeleteResult(
            false,
            false,
            List.of(
                DeleteResult.Deleted.of("multipart.data"), DeleteResult.Deleted.of("test.jpg")));
    assertGolden("delete-result.xml", result.toXml());
  }

  @Test
  void deleteResultQuietUrlEncoded() {
    var result = new DeleteResult(true, true, List.of(DeleteResult.Deleted.of("a b")));
    assertGolden("delete-result-quiet.xml", result.toXml());
  }

  @Test
  void deleteResultUrlEncoded() {
    var result = new DeleteResult(false, true, List.of(DeleteResult.Deleted.of("a b/c+d")));
    assertGolden("delete-result-url.xml", result.toXml());
  }

  @Test
  void tagging() {
    var tagging = new Tagging(List.of(new Tag("a", "1"), new Tag("b c", "")));
    assertGolden("tagging.xml", tagging.toXml());
  }

  @Test
  void emptyTagging() {
    assertGolden("tagging-empty.xml", Tagging.EMPTY.toXml());
  }

  private static void assertGolden(String name, String actual) {
    String expected = read(name);
    assertThat(actual).isEqualTo(expected);
    assertThat(SafeXml.parse(expected.getBytes(StandardCharsets.UTF_8))).isNotNull();
  }

  private static String read(String name) {
    try (InputStream in = GoldenXmlTest.class.getResourceAsStream("/golden/" + name)) {
      if (in == null) {
        throw new AssertionError("missing golden file " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
