package dev.osprey.cli;

import com.aliyun.oss.OSS;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code osprey mb oss://bucket}: creates a bucket (PutBucket). */
@Command(name = "mb", mixinStandardHelpOptions = true, description = "Creates a bucket.")
final class MbCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "oss://BUCKET")
  String target;

  @Option(names = "--dry-run", description = "Say what would be done, and do nothing.")
  boolean dryRun;

  @Mixin ClientOptions client;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    OssUri uri = OssUri.parseLocation(target);
    if (!uri.key().isEmpty()) {
      throw new IllegalArgumentException("expected oss://bucket, got " + target);
    }
    Output out = new Output(spec, client);
    if (!dryRun) {
      OSS oss = client.connect();
      try {
        oss.createBucket(uri.bucket());
      } finally {
        oss.shutdown();
      }
    }
    out.text((dryRun ? "Would create " : "Created ") + "oss://" + uri.bucket());
    out.document(Map.of("bucket", uri.bucket(), "created", !dryRun, "dryRun", dryRun));
    return ExitCodes.OK;
  }
}
