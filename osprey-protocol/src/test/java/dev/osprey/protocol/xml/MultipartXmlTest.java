package dev.osprey.protocol.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.StorageClass;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Multipart and CopyObject bodies against golden files, shaped after what the Java SDK's {@code
 * ResponseParsers} reads (spec §3.2, §3.8), and the CompleteMultipartUpload request parser.
 */
class MultipartXmlTest {
  private static final Instant T1 = Instant.parse("2012-02-24T08:43:07.456Z");
  private static final String ID = "0004B9894A22E5B1888A1E29F8236E2D";

  @Test
  void initiate() {
    assertGolden(
        "initiate-multipart.xml",
        new InitiateMultipartUploadResult("bkt", "dir/a b.bin", ID, false).toXml());
    assertGolden(
        "initiate-multipart-url.xml",
        new InitiateMultipartUploadResult("bkt", "dir/a b.bin", ID, true).toXml());
  }

  @Test
  void complete() {
    assertGolden(
        "complete-multipart.xml",
        new CompleteMultipartUploadResult(
                "http://bkt.localhost:9400/dir/a%20b.bin",
                "bkt", "dir/a b.bin", "097DE458AD02B5F89F9D0530231876B0-3", false)
            .toXml());
  }

  @Test
  void copy() {
    assertGolden(
        "copy-object.xml", new CopyObjectResult("5B3C1A2E053D763E1B002CC607C5A0FE", T1).toXml());
  }

  @Test
  void copyPart() {
    assertGolden(
        "copy-part-result.xml", new CopyPartResult("5B3C1A2E053D763E1B002CC607C5A0FE", T1).toXml());
  }

  @Test
  void listParts() {
    ListPartsResult r =
        new ListPartsResult(
            new ListPartsResult.Upload("bkt", "big.bin", ID, StorageClass.STANDARD),
            1,
            3,
            2,
            true,
            List.of(
                new PartSummary(2, T1, "3349DC700140D7F86A0784842780****", 6291456),
                new PartSummary(3, T1, "\"7265F4D211B56873A381D321F586****\"", 1024)),
            false);
    assertGolden("list-parts.xml", r.toXml());
  }

  @Test
  void listUploads() {
    ListMultipartUploadsResult r =
        new ListMultipartUploadsResult(
            new ListMultipartUploadsResult.Request("bkt", "", "/", "a", null, 2, true),
            true,
            "dir/",
            null,
            List.of(new UploadSummary("a b", ID, StorageClass.IA, T1)),
            List.of("dir/"));
    assertGolden("list-uploads-url.xml", r.toXml());
  }

  @Test
  void completeRequestKeepsOrderAndEtags() {
    CompleteMultipartUploadRequest r =
        CompleteMultipartUploadRequest.parse(
            bytes(
                "<CompleteMultipartUpload><Part><PartNumber>2</PartNumber>"
                    + "<ETag>\"AB\"</ETag></Part><Part><PartNumber> 1 </PartNumber><ETag>CD</ETag>"
                    + "</Part></CompleteMultipartUpload>"));
    assertThat(r.parts())
        .containsExactly(
            new CompleteMultipartUploadRequest.Part(2, "\"AB\""),
            new CompleteMultipartUploadRequest.Part(1, "CD"));
  }

  @Test
  void completeRequestWithoutPartsIsAllowed() {
    assertThat(CompleteMultipartUploadRequest.parse(bytes("<CompleteMultipartUpload/>")).parts())
        .isEmpty();
  }

  @Test
  void completeRequestFaultsAreMalformedXml() {
    for (String body :
        List.of(
            "",
            "<Other/>",
            "<CompleteMultipartUpload><Part><ETag>A</ETag></Part></CompleteMultipartUpload>",
            "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber></Part>"
                + "</CompleteMultipartUpload>",
            "<CompleteMultipartUpload><Part><PartNumber>0</PartNumber><ETag>A</ETag></Part>"
                + "</CompleteMultipartUpload>",
            "<CompleteMultipartUpload><Part><PartNumber>x</PartNumber><ETag>A</ETag></Part>"
                + "</CompleteMultipartUpload>",
            "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><CompleteMultipartUpload>"
                + "<Part><PartNumber>1</PartNumber><ETag>&e;</ETag></Part>"
                + "</CompleteMultipartUpload>")) {
      assertThatThrownBy(() -> CompleteMultipartUploadRequest.parse(bytes(body)))
          .as(body)
          .isInstanceOfSatisfying(
              OssException.class, e -> assertThat(e.code()).isEqualTo(OssErrorCode.MALFORMED_XML));
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void assertGolden(String name, String actual) {
    String expected = read(name);
    assertThat(actual).isEqualTo(expected);
    assertThat(SafeXml.parse(bytes(expected))).isNotNull();
  }

  private static String read(String name) {
    try (InputStream in = MultipartXmlTest.class.getResourceAsStream("/golden/" + name)) {
      if (in == null) {
        throw new AssertionError("missing golden file " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
