package dev.osprey.cli;

/** The exit codes of client commands, documented in the README. */
final class ExitCodes {
  static final int OK = 0;

  /** The server answered with an OSS error other than "not found". */
  static final int SERVER_ERROR = 1;

  /** A wrong command line (picocli's own code for usage errors). */
  static final int USAGE = 2;

  /** The server could not be reached, or a local file could not be read or written. */
  static final int CLIENT_ERROR = 3;

  /** The bucket or object does not exist (NoSuchBucket, NoSuchKey), so scripts can test for it. */
  static final int NOT_FOUND = 4;

  private ExitCodes() {}
}
