package dev.osprey.protocol.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.StorageClass;
import dev.osprey.protocol.xml.DeleteRequest.ObjectToDelete;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RequestBodiesTest {
  @Test
  void createBucketConfiguration() {
    assertThat(CreateBucketConfiguration.parse(new byte[0]))
        .isEqualTo(CreateBucketConfiguration.NONE);
    assertThat(CreateBucketConfiguration.parse(bytes("  \n")))
        .isEqualTo(CreateBucketConfiguration.NONE);
    assertThat(
            CreateBucketConfiguration.parse(
                bytes(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><CreateBucketConfiguration>"
                        + "<StorageClass>IA</StorageClass><DataRedundancyType>ZRS</DataRedundancyType>"
                        + "</CreateBucketConfiguration>")))
        .isEqualTo(new CreateBucketConfiguration(StorageClass.IA, "ZRS", null));
    assertThat(
            CreateBucketConfiguration.parse(
                bytes(
                    "<CreateBucketConfiguration><StorageClass>standard</StorageClass>"
                        + "</CreateBucketConfiguration>")))
        .isEqualTo(new CreateBucketConfiguration(StorageClass.STANDARD, null, null));
  }

  @Test
  void createBucketConfigurationErrors() {
    assertCode(
        () -> CreateBucketConfiguration.parse(bytes("<Other/>")), OssErrorCode.MALFORMED_XML);
    assertCode(
        () ->
            CreateBucketConfiguration.parse(
                bytes(
                    "<CreateBucketConfiguration><StorageClass>Gold</StorageClass>"
                        + "</CreateBucketConfiguration>")),
        OssErrorCode.INVALID_ARGUMENT);
    assertCode(
        () ->
            CreateBucketConfiguration.parse(
                bytes(
                    "<CreateBucketConfiguration><DataRedundancyType>XRS</DataRedundancyType>"
                        + "</CreateBucketConfiguration>")),
        OssErrorCode.INVALID_ARGUMENT);
  }

  @Test
  void deleteRequest() {
    DeleteRequest r =
        DeleteRequest.parse(
            bytes(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Delete><Quiet>true</Quiet>"
                    + "<Object><Key>multipart.data</Key></Object>"
                    + "<Object><Key>a &amp; b</Key><VersionId>CAEQ</VersionId></Object></Delete>"));
    assertThat(r.quiet()).isTrue();
    assertThat(r.objects())
        .containsExactly(
            new ObjectToDelete("multipart.data", null), new ObjectToDelete("a & b", "CAEQ"));
    assertThat(DeleteRequest.parse(bytes("<Delete><Object><Key>k</Key></Object></Delete>")).quiet())
        .isFalse();
  }

  @Test
  void deleteRequestKeysMayHoldControlCharacters() {
    // the Java SDK's form: tab, LF, CR as references, other control characters raw
    String sdk =
        "<Delete><Quiet>false</Quiet><Object><Key>a\u0001b&#x0009;c\u001f</Key></Object></Delete>";
    assertThat(DeleteRequest.parse(bytes(sdk)).objects())
        .extracting(DeleteRequest.ObjectToDelete::key)
        .containsExactly("a\u0001b\tc\u001f");
    String declared =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Delete><Object><Key>&#x2;x</Key></Object></Delete>";
    assertThat(DeleteRequest.parse(bytes(declared)).objects().get(0).key()).isEqualTo("\u0002x");
    String plain = "<Delete><Object><Key>line\u0085end</Key></Object></Delete>";
    assertThat(DeleteRequest.parse(bytes(plain)).objects().get(0).key()).isEqualTo("line\u0085end");
  }

  @Test
  void deleteRequestLimits() {
    String thousand = objects(1000);
    assertThat(DeleteRequest.parse(bytes("<Delete>" + thousand + "</Delete>")).objects())
        .hasSize(1000);
    assertCode(
        () -> DeleteRequest.parse(bytes("<Delete>" + objects(1001) + "</Delete>")),
        OssErrorCode.MALFORMED_XML);
    assertCode(
        () -> DeleteRequest.parse(bytes("<Delete><Quiet>true</Quiet></Delete>")),
        OssErrorCode.MALFORMED_XML);
    assertCode(
        () ->
            DeleteRequest.parse(
                bytes("<Delete><Object><VersionId>v</VersionId></Object></Delete>")),
        OssErrorCode.MALFORMED_XML);
    assertCode(
        () -> DeleteRequest.parse(bytes("<Delete><Quiet>maybe</Quiet>" + objects(1) + "</Delete>")),
        OssErrorCode.MALFORMED_XML);
    assertCode(
        () -> DeleteRequest.parse(bytes("<Delete><Object><Key>/abs</Key></Object></Delete>")),
        OssErrorCode.INVALID_OBJECT_NAME);
    assertCode(
        () -> DeleteRequest.parse(bytes("<Delete><Object><Key></Key></Object></Delete>")),
        OssErrorCode.INVALID_OBJECT_NAME);
  }

  @Test
  void taggingRequest() {
    Tagging t =
        TaggingRequest.parse(
            bytes(
                "<Tagging><TagSet><Tag><Key>a</Key><Value>1</Value></Tag>"
                    + "<Tag><Key>b c+-=._:/</Key></Tag></TagSet></Tagging>"));
    assertThat(t.tags()).containsExactly(new Tag("a", "1"), new Tag("b c+-=._:/", ""));
    assertThat(TaggingRequest.parse(bytes("<Tagging><TagSet/></Tagging>")))
        .isEqualTo(Tagging.EMPTY);
  }

  @Test
  void taggingRequestLimits() {
    assertInvalidTag(tagging(11, "k", "v"), "at most 10");
    assertInvalidTag(tag("k", "1") + tag("k", "2"), "unique");
    assertInvalidTag(tag("", "v"), "1 to 128");
    assertInvalidTag(tag("k".repeat(129), "v"), "1 to 128");
    assertInvalidTag(tag("k", "v".repeat(257)), "at most 256");
    assertInvalidTag(tag("k*", "v"), "only letters");
    assertInvalidTag(tag("k", "v?"), "only letters");
    assertThat(TaggingRequest.parse(body(tag("k".repeat(128), "v".repeat(256)))).tags()).hasSize(1);
    assertThat(TaggingRequest.parse(body(tagging(10, "k", "v"))).tags()).hasSize(10);
    assertCode(() -> TaggingRequest.parse(bytes("<Tagging/>")), OssErrorCode.MALFORMED_XML);
  }

  @Test
  void taggingHeader() {
    assertThat(TaggingHeader.parse(null)).isEqualTo(Tagging.EMPTY);
    assertThat(TaggingHeader.parse("TagA=A&TagB=B").tags())
        .containsExactly(new Tag("TagA", "A"), new Tag("TagB", "B"));
    assertThat(TaggingHeader.parse("a%20b=c%2Bd&empty&x=1+2").tags())
        .containsExactly(new Tag("a b", "c+d"), new Tag("empty", ""), new Tag("x", "1+2"));
  }

  @Test
  void taggingHeaderErrors() {
    for (String bad : new String[] {"a=1&a=2", "a=%zz", "a=%FF", "=v", "k=v?", tagsHeader(11)}) {
      assertThatThrownBy(() -> TaggingHeader.parse(bad))
          .as(bad)
          .isInstanceOfSatisfying(
              OssException.class,
              e -> {
                assertThat(e.code()).isEqualTo(OssErrorCode.INVALID_ARGUMENT);
                assertThat(e.getMessage()).isEqualTo(TaggingHeader.MESSAGE);
                assertThat(e.details()).containsEntry("ArgumentName", "x-oss-tagging");
              });
    }
  }

  private static String tagsHeader(int n) {
    return IntStream.range(0, n).mapToObj(i -> "k" + i + "=v").collect(Collectors.joining("&"));
  }

  private static void assertInvalidTag(String tags, String messagePart) {
    assertThatThrownBy(() -> TaggingRequest.parse(body(tags)))
        .isInstanceOfSatisfying(
            OssException.class,
            e -> {
              assertThat(e.code()).isEqualTo(OssErrorCode.INVALID_TAG);
              assertThat(e.getMessage()).contains(messagePart);
            });
  }

  private static String tagging(int n, String key, String value) {
    return IntStream.range(0, n).mapToObj(i -> tag(key + i, value)).collect(Collectors.joining());
  }

  private static String tag(String key, String value) {
    return "<Tag><Key>" + key + "</Key><Value>" + value + "</Value></Tag>";
  }

  private static byte[] body(String tags) {
    return bytes("<Tagging><TagSet>" + tags + "</TagSet></Tagging>");
  }

  private static String objects(int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> "<Object><Key>k" + i + "</Key></Object>")
        .collect(Collectors.joining());
  }

  private static void assertCode(Runnable r, OssErrorCode code) {
    assertThatThrownBy(r::run)
        .isInstanceOfSatisfying(OssException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
