package dev.osprey.protocol.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osprey.protocol.op.BucketOperation;
import dev.osprey.protocol.op.ObjectOperation;
import dev.osprey.protocol.op.OssOperation;
import dev.osprey.protocol.op.ServiceOperation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/api-coverage.md against the router, so the table cannot drift: every operation the router
 * can produce (each record of the sealed {@link OssOperation} hierarchy) needs a row whose API
 * column names it and whose State is Done; every sub-resource the router answers with
 * NotImplemented needs a Not yet row whose Request column names it ({@code ?name}); and a Not yet
 * row must not name an operation or sub-resource the router now implements. Rows the router knows
 * nothing about (features, rows of other tables) are left alone, so rows can be added freely.
 */
class ApiCoverageDocTest {
  private static final Path DOC = Path.of("..", "docs", "api-coverage.md");
  private static final Pattern API_NAME = Pattern.compile("[A-Z][A-Za-z0-9]+");
  private static final Pattern SUBRESOURCE = Pattern.compile("[?&]([A-Za-z][A-Za-z0-9-]*)");

  /** One row of a table whose first column is "API". */
  record Row(String api, String request, String state) {
    boolean done() {
      return state.startsWith("Done");
    }

    boolean notYet() {
      return state.startsWith("Not yet");
    }

    Set<String> apiNames() {
      Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
      Matcher m = API_NAME.matcher(api);
      while (m.find()) {
        names.add(m.group());
      }
      return names;
    }

    Set<String> subresources() {
      Set<String> names = new TreeSet<>();
      Matcher m = SUBRESOURCE.matcher(request);
      while (m.find()) {
        names.add(m.group(1));
      }
      return names;
    }
  }

  @Test
  void everyOperationTheRouterKnowsHasADoneRow() throws IOException {
    List<Row> rows = rows();
    List<String> problems = new ArrayList<>();
    for (String op : implementedOperations()) {
      boolean done = rows.stream().anyMatch(r -> r.done() && r.apiNames().contains(op));
      boolean notYet = rows.stream().anyMatch(r -> r.notYet() && r.apiNames().contains(op));
      if (notYet) {
        problems.add(
            op + ": the router implements it; move it from its 'Not yet' row to a 'Done' row");
      } else if (!done) {
        problems.add(
            op + ": the router implements it; add a row '| " + op + " | ... | Done | ... |'");
      }
    }
    assertThat(problems).as("changes docs/api-coverage.md needs").isEmpty();
  }

  @Test
  void everySubresourceAnsweredNotImplementedHasANotYetRow() throws IOException {
    List<Row> rows = rows();
    Set<String> listed = new TreeSet<>();
    rows.stream().filter(Row::notYet).forEach(r -> listed.addAll(r.subresources()));
    Set<String> unsupported = new TreeSet<>(SubResources.BUCKET_UNSUPPORTED);
    unsupported.addAll(SubResources.OBJECT_UNSUPPORTED);
    List<String> problems = new ArrayList<>();
    for (String sub : unsupported) {
      if (!listed.contains(sub)) {
        problems.add("?" + sub + ": answered NotImplemented; list it in a 'Not yet' row's Request");
      }
    }
    for (String sub : listed) {
      if (!unsupported.contains(sub)) {
        problems.add("?" + sub + ": the router answers it now; take it out of the 'Not yet' row");
      }
    }
    assertThat(problems).as("changes docs/api-coverage.md needs").isEmpty();
  }

  @Test
  void theDocumentHasTheTablesThisTestReads() throws IOException {
    assertThat(rows()).as("rows of the API tables").hasSizeGreaterThan(20);
  }

  /** API names of every operation record, without the NotImplemented placeholders. */
  static Set<String> implementedOperations() {
    Set<String> names = new TreeSet<>();
    Stream.of(ServiceOperation.class, BucketOperation.class, ObjectOperation.class)
        .flatMap(c -> Stream.of(c.getPermittedSubclasses()))
        .map(Class::getSimpleName)
        .filter(n -> !n.startsWith("Unsupported"))
        .forEach(names::add);
    return names;
  }

  private static List<Row> rows() throws IOException {
    List<Row> rows = new ArrayList<>();
    boolean inApiTable = false;
    for (String line : Files.readAllLines(DOC)) {
      String trimmed = line.trim();
      if (!trimmed.startsWith("|")) {
        inApiTable = false;
        continue;
      }
      List<String> cells = cells(trimmed);
      if (cells.isEmpty() || cells.get(0).startsWith("---")) {
        continue;
      }
      if (cells.get(0).toLowerCase(Locale.ROOT).equals("api")) {
        inApiTable = cells.size() >= 3 && cells.get(2).equalsIgnoreCase("state");
        continue;
      }
      if (inApiTable && cells.size() >= 3) {
        rows.add(new Row(cells.get(0), cells.get(1), cells.get(2)));
      }
    }
    return rows;
  }

  private static List<String> cells(String line) {
    String inner = line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length());
    List<String> out = new ArrayList<>();
    for (String c : inner.split("\\|", -1)) {
      out.add(c.trim());
    }
    return out;
  }
}
