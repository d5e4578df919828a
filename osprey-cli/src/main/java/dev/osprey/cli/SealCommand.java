package dev.osprey.cli;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.SealAppendObjectRequest;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code osprey seal oss://bucket/key}: seals an appendable object at its current length, so it
 * takes no more appends and {@code cat --follow} readers stop.
 */
@Command(
    name = "seal",
    mixinStandardHelpOptions = true,
    description = "Seals an appendable object at its current length: no more appends.")
final class SealCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "oss://BUCKET/KEY")
  String target;

  @Option(
      names = "--position",
      paramLabel = "BYTES",
      description = "Seal only if the object is exactly this long (default: its current length).")
  Long position;

  @Option(names = "--dry-run", description = "Say what would be done, and do nothing.")
  boolean dryRun;

  @Mixin ClientOptions client;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    OssUri uri = OssUri.parse(target);
    Output out = new Output(spec, client);
    OSS oss = client.connect();
    try {
      long at =
          position != null
              ? position
              : oss.getObjectMetadata(uri.bucket(), uri.key()).getContentLength();
      if (!dryRun) {
        oss.sealAppendObject(new SealAppendObjectRequest(uri.bucket(), uri.key()).withPosition(at));
      }
      out.text((dryRun ? "Would seal " : "Sealed ") + uri + " at " + at);
      out.document(Map.of("object", uri.toString(), "position", at, "dryRun", dryRun));
      return ExitCodes.OK;
    } finally {
      oss.shutdown();
    }
  }
}
