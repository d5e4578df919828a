package dev.osprey.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * docs/limits.md shows {@link Limits#table()} as it is: the table between its markers is rendered
 * from the constants, and this test fails (printing the text expected) when the file says anything
 * else.
 */
class LimitsTableTest {
  static final String BEGIN = "<!-- limits-table:begin (rendered from Limits.table()) -->";
  static final String END = "<!-- limits-table:end -->";
  private static final Path DOC = Path.of("..", "docs", "limits.md");

  static String render() {
    StringBuilder sb = new StringBuilder();
    sb.append("| Limit | Figure | Over the limit | Figure from |\n");
    sb.append("|---|---|---|---|\n");
    for (Limits.Entry e : Limits.table()) {
      sb.append("| ")
          .append(e.name())
          .append(" | ")
          .append(e.figure())
          .append(" | ")
          .append(e.refusal())
          .append(" | ")
          .append(e.origin())
          .append(" |\n");
    }
    return sb.toString();
  }

  @Test
  void docsTableIsTheRenderedOne() throws IOException {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    int begin = doc.indexOf(BEGIN);
    int end = doc.indexOf(END);
    assertThat(begin).as("%s has the marker %s", DOC, BEGIN).isNotNegative();
    assertThat(end).as("%s has the marker %s", DOC, END).isGreaterThan(begin);
    String table = doc.substring(begin + BEGIN.length(), end).strip() + "\n";
    assertThat(table)
        .as("docs/limits.md must show, between its markers:%n%s", render())
        .isEqualTo(render());
  }

  @Test
  void everyLimitIsNamedOnceAndPositive() {
    Set<String> names = new HashSet<>();
    for (Limits.Entry e : Limits.table()) {
      assertThat(names.add(e.name())).as(e.name()).isTrue();
      assertThat(e.value()).as(e.name()).isPositive();
    }
  }

  @Test
  void figuresReadAsPeopleWriteThem() {
    assertThat(new Limits.Entry("x", Limits.OBJECT_BYTES, Limits.Unit.BYTES, "", "").figure())
        .isEqualTo("5 GiB (5368709120 bytes)");
    assertThat(new Limits.Entry("x", 1023, Limits.Unit.BYTES, "", "").figure())
        .isEqualTo("1023 bytes");
    assertThat(new Limits.Entry("x", 30_000, Limits.Unit.DURATION, "", "").figure())
        .isEqualTo("30 s");
  }
}
