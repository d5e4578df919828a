package dev.osprey.cli;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import dev.osprey.server.access.AccessLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.LoggerFactory;

/**
 * {@code osprey server --access-log off|stdout|FILE}: points the access logger ({@value
 * AccessLog#LOGGER}) at the console or a file, through an asynchronous appender so a worker only
 * queues its line. Without the flag the logging configuration decides (the bundled {@code
 * logback.xml} writes to standard output the same way).
 */
final class AccessLogSetup {
  /** Lines waiting to be written; when full, workers wait rather than lines being dropped. */
  private static final int QUEUE_SIZE = 8192;

  private AccessLogSetup() {}

  static void apply(String target) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      throw new IllegalArgumentException(
          "--access-log needs logback; configure the logger " + AccessLog.LOGGER + " instead");
    }
    ch.qos.logback.classic.Logger logger = context.getLogger(AccessLog.LOGGER);
    logger.detachAndStopAllAppenders();
    logger.setAdditive(false);
    if ("off".equalsIgnoreCase(target)) {
      logger.setLevel(Level.OFF);
      return;
    }
    logger.setLevel(Level.INFO);
    OutputStreamAppender<ILoggingEvent> out;
    if ("stdout".equalsIgnoreCase(target)) {
      out = new ConsoleAppender<>();
    } else {
      Path path = Path.of(target).toAbsolutePath();
      requireWritable(path);
      FileAppender<ILoggingEvent> file = new FileAppender<>();
      file.setFile(path.toString());
      file.setAppend(true);
      out = file;
    }
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%msg%n"); // the line carries its own time
    encoder.start();
    out.setContext(context);
    out.setName("access-out");
    out.setEncoder(encoder);
    out.start();
    AsyncAppender async = new AsyncAppender();
    async.setContext(context);
    async.setName("access");
    async.setQueueSize(QUEUE_SIZE);
    async.setDiscardingThreshold(0); // by default it drops INFO lines when 80% full
    async.addAppender(out);
    async.start();
    logger.addAppender(async);
  }

  /**
   * Logback only reports a file it cannot open in its own status log; the server refuses to start
   * instead, naming the file.
   */
  private static void requireWritable(Path path) {
    try {
      Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND).close();
    } catch (IOException e) {
      throw new IllegalArgumentException("--access-log: cannot write " + path + ": " + e, e);
    }
  }

  /** Writes the lines still queued (the asynchronous appender would drop them at exit). */
  static void flush() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.stop();
    }
  }
}
