package dev.osprey.cli;

import com.aliyun.oss.OSS;
import dev.osprey.client.AppendWriter;
import dev.osprey.client.OssStreamException;
import dev.osprey.client.RetryPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code osprey append oss://bucket/key FILE|-}, on the osprey-client {@link AppendWriter}. */
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

  @Option(
      names = "--seal",
      description = "Seal the object once the input ends: it takes no more appends.")
  boolean seal;

  @Mixin ClientOptions client;
  @Spec CommandSpec spec;

  private static final Duration FLUSH_ON_SIGNAL = Duration.ofSeconds(10);

  @Override
  public Integer call() throws Exception {
    OssUri uri = OssUri.parse(target);
    if (chunkSize < 1) {
      throw new IllegalArgumentException("--chunk-size must be at least 1 byte");
    }
    OSS oss = client.connect();
    try (InputStream in = "-".equals(source) ? System.in : Files.newInputStream(Path.of(source))) {
      AppendWriter writer =
          AppendWriter.builder(oss, uri.bucket(), uri.key())
              .batchSize(chunkSize)
              .maxDelay(maxDelay)
              .retry(RetryPolicy.retryFor(retryFor))
              .sealOnClose(seal)
              .open();
      Report report = new Report(spec.commandLine().getErr(), uri, writer);
      // Ctrl-C or SIGTERM: the main thread may be blocked reading standard input, so the hook sends
      // what was read so far itself and prints the final position.
      Thread onSignal = new Thread(() -> flushOnSignal(writer, report), "osprey-append-flush");
      Runtime.getRuntime().addShutdownHook(onSignal);
      try {
        in.transferTo(writer);
        writer.close();
        report.print();
        return ExitCodes.OK;
      } finally {
        removeHook(onSignal);
        writer.close();
      }
    } finally {
      oss.shutdown();
    }
  }

  private static void flushOnSignal(AppendWriter writer, Report report) {
    if (report.done()) {
      return;
    }
    report.stopping();
    // On a thread of its own, not the common pool (whose threads may all be busy or gone while the
    // JVM stops), so that this hook can give up after FLUSH_ON_SIGNAL and let the JVM exit.
    CompletableFuture<Void> flushing = new CompletableFuture<>();
    Thread.ofPlatform()
        .name("osprey-append-last-flush")
        .daemon()
        .start(
            () -> {
              try {
                writer.flush();
                report.print();
              } catch (OssStreamException e) {
                if (e.reason() == OssStreamException.Reason.CLOSED) {
                  // The input ended too (a pipeline stopped as a whole): the main thread closed
                  // the writer, which sent everything; the position is final.
                  report.print();
                } else {
                  report.failed(e);
                }
              } catch (IOException | RuntimeException e) {
                report.failed(e);
              } finally {
                flushing.complete(null);
              }
            });
    try {
      flushing.get(FLUSH_ON_SIGNAL.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      report.failed(e);
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The JVM is already stopping (the hook is running): nothing to remove.
    }
  }

  /** The one line saying where the stream ended, printed once by whichever path gets there. */
  private static final class Report {
    private final PrintWriter err;
    private final OssUri uri;
    private final AppendWriter writer;
    private final long start;
    private final AtomicBoolean printed = new AtomicBoolean();

    Report(PrintWriter err, OssUri uri, AppendWriter writer) {
      this.err = err;
      this.uri = uri;
      this.writer = writer;
      this.start = writer.position();
    }

    boolean done() {
      return printed.get();
    }

    void print() {
      if (printed.compareAndSet(false, true)) {
        err.printf(
            "Appended %d bytes to %s at %d; next position %d%n",
            writer.written(), uri, start, writer.position());
        err.flush();
      }
    }

    /** Says at once that a signal arrived, before the last flush (which may take a while). */
    void stopping() {
      err.println("osprey append: stopping on a signal; sending what was read");
      err.flush();
    }

    void failed(Exception e) {
      if (printed.compareAndSet(false, true)) {
        err.printf(
            "osprey append: stopped at position %d: %s%n", writer.position(), e.getMessage());
        err.flush();
      }
    }
  }
}
