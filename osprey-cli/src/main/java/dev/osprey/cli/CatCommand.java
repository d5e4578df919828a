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
      "Prints an object. With --follow, keeps printing what gets appended, like tail -f, until interrupted or"
          + " the object is sealed."
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

  @Mixin ClientOptions client;

  @Override
  public Integer call() throws Exception {
    OssUri uri = OssUri.parse(target);
    OSS oss = client.connect();
    try {
      PrintStream out = System.out;
      new ObjectFollower(oss, uri.bucket(), uri.key(), interval).copyTo(out, follow);
      out.flush();
      return 0;
    } finally {
      oss.shutdown();
    }
  }
}
