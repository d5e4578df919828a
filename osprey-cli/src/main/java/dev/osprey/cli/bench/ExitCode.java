package dev.osprey.cli.bench;

/** The exit codes of {@code osprey bench}, documented in the README. */
final class ExitCode {
  /** Every request answered as expected and every check passed. */
  static final int OK = 0;

  /** Some requests failed (an unexpected HTTP status or an I/O error); all checks passed. */
  static final int ERRORS = 1;

  /** (picocli) The command line was wrong. */
  static final int USAGE = 2;

  /** A check failed: a position, length or CRC-64 other than expected. The server is wrong. */
  static final int CHECK_FAILED = 3;

  /** The run could not be set up: bucket, preparation, temporary files or the endpoint. */
  static final int SETUP_FAILED = 4;

  private ExitCode() {}

  static int of(LoadLoop.Measurement m) {
    if (m.total().checkFailures.get() > 0) {
      return CHECK_FAILED;
    }
    if (!m.setupErrors().isEmpty()) {
      return SETUP_FAILED;
    }
    return m.total().errors.get() > 0 ? ERRORS : OK;
  }
}
