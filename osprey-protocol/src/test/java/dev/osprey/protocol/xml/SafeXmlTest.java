package dev.osprey.protocol.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osprey.protocol.Limits;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

class SafeXmlTest {
  @Test
  void parsesPlainAndNamespacedBodies() {
    Element root = SafeXml.parse(bytes("<Delete><Quiet>true</Quiet></Delete>"), "Delete");
    assertThat(SafeXml.childText(root, "Quiet")).isEqualTo("true");

    Element ns =
        SafeXml.parse(
            bytes("<Tagging xmlns=\"http://doc.oss-cn-hangzhou.aliyuncs.com\"><TagSet/></Tagging>"),
            "Tagging");
    assertThat(SafeXml.child(ns, "TagSet")).isNotNull();
  }

  @Test
  void refusesExternalEntity(@TempDir Path dir) throws Exception {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET");
    String xxe =
        "<?xml version=\"1.0\"?><!DOCTYPE Tagging [<!ENTITY xxe SYSTEM \""
            + secret.toUri()
            + "\">]><Tagging><TagSet><Tag><Key>&xxe;</Key><Value>v</Value></Tag></TagSet></Tagging>";
    assertMalformed(xxe);
  }

  @Test
  void refusesExternalDtd() {
    assertMalformed(
        "<?xml version=\"1.0\"?><!DOCTYPE Delete SYSTEM \"http://127.0.0.1:1/evil.dtd\"><Delete/>");
  }

  @Test
  void refusesBillionLaughs() {
    StringBuilder dtd = new StringBuilder("<!DOCTYPE lolz [<!ENTITY lol0 \"lol\">");
    for (int i = 1; i < 10; i++) {
      dtd.append("<!ENTITY lol").append(i).append(" \"");
      dtd.append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
    }
    dtd.append("]>");
    assertMalformed("<?xml version=\"1.0\"?>" + dtd + "<Delete><Quiet>&lol9;</Quiet></Delete>");
  }

  @Test
  void refusesXInclude() {
    String xinclude =
        "<Delete xmlns:xi=\"http://www.w3.org/2001/XInclude\"><Object><Key>"
            + "<xi:include href=\"file:///etc/passwd\" parse=\"text\"/></Key></Object></Delete>";
    Element root = SafeXml.parse(bytes(xinclude), "Delete");
    // Not processed: the include stays an (ignored) element and no file content appears.
    assertThat(root.getTextContent()).doesNotContain("root:");
  }

  @Test
  void refusesMalformedEmptyAndOversizedBodies() {
    assertMalformed("<Delete><Quiet>true</Delete>");
    assertMalformed("not xml at all");
    assertThatThrownBy(() -> SafeXml.parse(new byte[0]))
        .isInstanceOfSatisfying(
            OssException.class, e -> assertThat(e.code()).isEqualTo(OssErrorCode.MALFORMED_XML));
    byte[] huge = new byte[Limits.XML_BODY_BYTES + 1];
    assertThatThrownBy(() -> SafeXml.parse(huge))
        .isInstanceOfSatisfying(
            OssException.class, e -> assertThat(e.code()).isEqualTo(OssErrorCode.MALFORMED_XML));
  }

  @Test
  void checksTheRootAndDuplicateChildren() {
    assertMalformed("<Other/>", "Delete");
    assertThatThrownBy(
            () ->
                SafeXml.childText(
                    SafeXml.parse(bytes("<Delete><Quiet>a</Quiet><Quiet>b</Quiet></Delete>")),
                    "Quiet"))
        .isInstanceOfSatisfying(
            OssException.class, e -> assertThat(e.code()).isEqualTo(OssErrorCode.MALFORMED_XML));
  }

  private static void assertMalformed(String xml) {
    assertThatThrownBy(() -> SafeXml.parse(bytes(xml)))
        .isInstanceOfSatisfying(
            OssException.class, e -> assertThat(e.code()).isEqualTo(OssErrorCode.MALFORMED_XML));
  }

  private static void assertMalformed(String xml, String root) {
    assertThatThrownBy(() -> SafeXml.parse(bytes(xml), root))
        .isInstanceOfSatisfying(
            OssException.class, e -> assertThat(e.code()).isEqualTo(OssErrorCode.MALFORMED_XML));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
