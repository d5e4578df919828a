package dev.osprey.cli;

import com.aliyun.oss.OSS;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

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

  @Mixin ClientOptions client;

  @Override
  public Integer call() throws Exception {
    OssUri uri = OssUri.parse(target);
    OSS oss = client.connect();
    try (InputStream in = "-".equals(source) ? System.in : Files.newInputStream(Path.of(source))) {
      StreamAppender appender = new StreamAppender(oss, uri.bucket(), uri.key());
      long start = appender.position();
      long sent = new ChunkPump(chunkSize, maxDelay).pump(in, appender::append);
      System.err.printf(
          "Appended %d bytes to %s at %d; next position %d%n",
          sent, uri, start, appender.position());
      return 0;
    } finally {
      oss.shutdown();
    }
  }
}
