package dev.osprey.cli;

import com.aliyun.oss.OSS;
import dev.osprey.client.ObjectFollower;
import dev.osprey.client.RetryPolicy;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code osprey cat oss://bucket/key [--follow]}, on the osprey-client {@link ObjectFollower}. */
@Command(
    name = "cat",
    mixinStandardHelpOptions = true,
    description = {
      "Prints an object. With --follow, keeps printing what gets appended, like tail -F, until interrupted or"
          + " the object is sealed; waits for an object that does not exist yet, and for a server that"
          + " restarts. Against Osprey it uses the live tail (each append shows as soon as it is"
          + " acknowledged); against other servers it polls."
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
      description =
          "How often --follow checks for new bytes where the server has no live tail; against"
              + " Osprey, the longest a waiting request is held (default: ${DEFAULT-VALUE}).")
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
    PrintStream out = System.out;
    try (ObjectFollower in =
        ObjectFollower.builder(oss, uri.bucket(), uri.key())
            .follow(follow)
            .pollInterval(interval)
            .retry(RetryPolicy.retryFor(retryFor))
            .open()) {
      byte[] buf = new byte[64 * 1024];
      for (int n; (n = in.read(buf)) >= 0; ) {
        out.write(buf, 0, n);
        out.flush();
      }
      return ExitCodes.OK;
    } finally {
      oss.shutdown();
    }
  }
}
