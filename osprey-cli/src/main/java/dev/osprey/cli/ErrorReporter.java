package dev.osprey.cli;

import com.aliyun.oss.ClientException;
import com.aliyun.oss.OSSException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failed command into one line a person can act on: what failed, the OSS error code and
 * message with the request id for server errors, and what to do. The stack trace follows only with
 * {@code --debug}. Returns the exit codes of {@link ExitCodes}.
 */
final class ErrorReporter implements IExecutionExceptionHandler {
  private static final Set<String> UNREACHABLE =
      Set.of(
          "ConnectionRefused",
          "ConnectionTimeout",
          "SocketException",
          "SocketTimeout",
          "UnknownHost");

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    String name = cmd.getCommandName();
    Throwable cause = unwrap(e);
    err.println("osprey " + name + ": " + describe(cause));
    if (debug(parsed)) {
      cause.printStackTrace(err);
    } else if (!(cause instanceof OSSException
        || cause instanceof ClientException
        || cause instanceof IOException
        || cause instanceof IllegalArgumentException)) {
      // An unexpected failure: the stack trace is what a bug report needs.
      err.println("(run with --debug for the stack trace)");
    }
    err.flush();
    return exitCode(cause);
  }

  static String describe(Throwable t) {
    return switch (t) {
      case OSSException o ->
          String.format(
              "%s: %s (RequestId %s%s)%s",
              o.getErrorCode(),
              firstLine(o.getErrorMessage()),
              o.getRequestId(),
              o.getEC() == null ? "" : ", EC " + o.getEC(),
              hint(o.getErrorCode()));
      case ClientException c -> clientMessage(c);
      case IllegalArgumentException i -> i.getMessage();
      case IOException io -> io.getMessage() == null ? io.toString() : io.getMessage();
      default -> t.toString();
    };
  }

  static int exitCode(Throwable t) {
    return switch (t) {
      case OSSException o ->
          "NoSuchBucket".equals(o.getErrorCode()) || "NoSuchKey".equals(o.getErrorCode())
              ? ExitCodes.NOT_FOUND
              : ExitCodes.SERVER_ERROR;
      case IllegalArgumentException i -> ExitCodes.USAGE;
      default -> ExitCodes.CLIENT_ERROR;
    };
  }

  private static String hint(String code) {
    String what =
        switch (code == null ? "" : code) {
          case "NoSuchBucket" -> "create it with `osprey mb oss://BUCKET`";
          case "NoSuchKey" -> "list what exists with `osprey ls oss://BUCKET/PREFIX`";
          case "BucketNotEmpty" -> "delete its objects first, or use `osprey rb --force`";
          case "InvalidAccessKeyId", "SignatureDoesNotMatch" ->
              "check the access key (flags, OSS_ACCESS_KEY_ID/OSS_ACCESS_KEY_SECRET, --profile)";
          case "AccessDenied" -> "the key lacks permission for this request";
          case "PositionNotEqualToLength" ->
              "the object grew meanwhile; run again to append at its end";
          case "BucketAlreadyExists" -> "choose another name";
          default -> null;
        };
    return what == null ? "" : ": " + what;
  }

  private static String clientMessage(ClientException c) {
    for (Throwable t = c; t != null; t = t.getCause()) {
      if (t instanceof javax.net.ssl.SSLException) {
        return "TLS with the server failed ("
            + firstLine(t.getMessage())
            + "); for a certificate of a private CA, pass --ca-cert PEM or set OSPREY_CA_CERT.";
      }
    }
    String code = c.getErrorCode();
    // The SDK files a refused connection under SocketException or ConnectionRefused depending on
    // where it fails.
    if (UNREACHABLE.contains(code)) {
      return "cannot reach the server ("
          + firstLine(c.getErrorMessage())
          + "): is it running? Set the endpoint with --endpoint or OSPREY_ENDPOINT.";
    }
    return (code == null ? "" : code + ": ") + firstLine(c.getErrorMessage());
  }

  /**
   * The server's answer when one is in the chain (commands wrap it to add context, but its code and
   * request id are what a person needs), else the innermost wrapper-free cause.
   */
  private static Throwable unwrap(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof OSSException) {
        return c;
      }
    }
    Throwable cur = t;
    while ((cur instanceof UncheckedIOException || cur instanceof CommandLine.ExecutionException)
        && cur.getCause() != null) {
      cur = cur.getCause();
    }
    return cur;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }

  private static boolean debug(ParseResult parsed) {
    ParseResult p = parsed;
    while (p != null) {
      if (p.hasMatchedOption("--debug")) {
        return true;
      }
      p = p.subcommand();
    }
    return false;
  }
}
