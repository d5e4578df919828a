package dev.osprey.cli;

import com.aliyun.oss.OSS;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code osprey cat oss://bucket/key [--follow]}. */
@Command(
    name = "cat",
    mixinStandardHelpOptions = true,
    description = {
      "Prints an object. With --follow, keeps printing what gets appended, like tail -F, until interrupted or"
          + " the object is sealed; waits for an object that does not exist yet, and for a server that"
          + " restarts."
    })
final class CatCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "oss://BUCKET/KEY")
  String target;

  @Option(
      names = {"-f", "--follow"},
      description = "Keep printing appended bytes.")
  boolean follow;

  @Option(
      names = "--interval",
      defaultValue = "500ms",
      converter = DurationConverter.class,
      description = "How often --follow checks for new bytes (default: ${DEFAULT-VALUE}).")
  Duration interval;

  @Option(
      names = "--retry-for",
      defaultValue = "5m",
      converter = DurationConverter.class,
      description =
          "With --follow, how long to keep retrying while the server cannot be reached"
              + " (default: ${DEFAULT-VALUE}).")
  Duration retryFor;

  @Mixin ClientOptions client;

  @Override
  public Integer call() throws Exception {
    OssUri uri = OssUri.parse(target);
    OSS oss = client.connect();
    try {
      PrintStream out = System.out;
      new ObjectFollower(oss, uri.bucket(), uri.key(), interval)
          .retryFor(retryFor)
          .copyTo(out, follow);
      out.flush();
      return 0;
    } finally {
      oss.shutdown();
    }
  }
}
