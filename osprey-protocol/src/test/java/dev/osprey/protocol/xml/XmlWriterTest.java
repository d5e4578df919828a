package dev.osprey.protocol.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class XmlWriterTest {
  @Test
  void escapesMarkupAndRoundTrips() {
    String text = "a&b<c>\"d\"'e'\tf\ng\rh 中文 \uD83D\uDE00";
    String xml = XmlWriter.document("R").element("K", text).toXml();
    assertThat(xml)
        .contains("<K>a&amp;b&lt;c&gt;&quot;d&quot;&apos;e&apos;\tf\ng&#xD;h 中文 \uD83D\uDE00</K>");
    Element root = SafeXml.parse(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(SafeXml.childText(root, "K")).isEqualTo(text);
  }

  @Test
  void replacesCharactersXml10CannotCarry() {
    String text = "a\u0000b\u0001c\u001Fd\uFFFEe\uD800f";
    String xml = XmlWriter.document("R").element("K", text).toXml();
    assertThat(xml).contains("<K>a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf</K>");
    Element root = SafeXml.parse(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(SafeXml.childText(root, "K")).isEqualTo("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf");
  }

  @Test
  void nullTextIsAnEmptyElementAndOptionalSkipsIt() {
    String xml = XmlWriter.document("R").element("A", (String) null).optional("B", null).toXml();
    assertThat(xml).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<R>\n  <A></A>\n</R>");
  }

  @Test
  void refusesBadNamesAndUnbalancedUse() {
    assertThatThrownBy(() -> XmlWriter.document("R").element("a b", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> XmlWriter.document("R").start("A").toXml())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> XmlWriter.document("R").end())
        .isInstanceOf(IllegalStateException.class);
  }
}
