package dev.osprey.cli;

import com.aliyun.oss.OSS;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code osprey append oss://bucket/key FILE|-}. */
@Command(
    name = "append",
    mixinStandardHelpOptions = true,
    description = {
      "Appends a file, or standard input (-) as a stream, to an appendable object.",
      "Starts at the object's next position (0 when absent), checks the CRC-64 chain, and cuts a stream by size"
          + " and by time: `tail -f app.log | osprey append oss://logs/app.log -` ships lines within a second."
    })
final class AppendCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "oss://BUCKET/KEY")
  String target;

  @Parameters(index = "1", paramLabel = "FILE|-")
  String source;

  @Option(
      names = "--chunk-size",
      defaultValue = "1048576",
      description = "Largest append in bytes (default: ${DEFAULT-VALUE}).")
  int chunkSize;

  @Option(
      names = "--max-delay",
      defaultValue = "1s",
      converter = DurationConverter.class,
      description =
          "Longest a byte waits before it is sent, e.g. 1s, 200ms (default: ${DEFAULT-VALUE}).")
  Duration maxDelay;

  @Option(
      names = "--retry-for",
      defaultValue = "5m",
      converter = DurationConverter.class,
      description =
          "How long to keep retrying while the server cannot be reached, e.g. during a restart"
              + " (default: ${DEFAULT-VALUE}).")
  Duration retryFor;

  @Mixin ClientOptions client;
  @Spec CommandSpec spec;

  private static final Duration FLUSH_ON_SIGNAL = Duration.ofSeconds(10);

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The JVM is already stopping (the hook is running): nothing to remove.
    }
  }

  @Override
  public Integer call() throws Exception {
    OssUri uri = OssUri.parse(target);
    OSS oss = client.connect();
    ChunkPump pump = new ChunkPump(chunkSize, maxDelay);
    CountDownLatch reported = new CountDownLatch(1);
    // Ctrl-C or SIGTERM: the JVM runs this hook while the pump goes on, so the hook asks the pump
    // to send what it has read and waits until the final position is printed.
    Thread onSignal =
        new Thread(
            () -> {
              pump.finish();
              try {
                reported.await(FLUSH_ON_SIGNAL.toMillis(), TimeUnit.MILLISECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "osprey-append-flush");
    Runtime.getRuntime().addShutdownHook(onSignal);
    try (InputStream in = "-".equals(source) ? System.in : Files.newInputStream(Path.of(source))) {
      StreamAppender appender = new StreamAppender(oss, uri.bucket(), uri.key()).retryFor(retryFor);
      long start = appender.position();
      long sent = pump.pump(in, appender::append);
      spec.commandLine()
          .getErr()
          .printf(
              "Appended %d bytes to %s at %d; next position %d%n",
              sent, uri, start, appender.position());
      spec.commandLine().getErr().flush();
      return 0;
    } finally {
      reported.countDown();
      removeHook(onSignal);
      oss.shutdown();
    }
  }
}
