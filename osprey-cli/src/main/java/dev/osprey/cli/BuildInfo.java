package dev.osprey.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/**
 * {@code osprey --version}: the version and commit written into {@code build.properties} when the
 * jar was built (see osprey-cli's pom), and the Java running it.
 */
final class BuildInfo implements CommandLine.IVersionProvider {
  private static final String UNKNOWN = "unknown";

  /** What was built: the project version and the commit it was built from. */
  record Build(String version, String commit) {}

  static Build read() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // An unreadable resource leaves the development defaults.
    }
    return new Build(
        p.getProperty("version", "(development build)"), p.getProperty("commit", UNKNOWN));
  }

  @Override
  public String[] getVersion() {
    Build b = read();
    return new String[] {
      "osprey " + b.version() + " (commit " + b.commit() + ")",
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.home") + ")"
    };
  }
}
