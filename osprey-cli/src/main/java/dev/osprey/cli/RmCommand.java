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

/**
 * {@code osprey rm oss://bucket/key} deletes one object; {@code rm -r oss://bucket/prefix} every
 * object under the prefix, 1,000 a request with DeleteObjects.
 */
@Command(
    name = "rm",
    mixinStandardHelpOptions = true,
    description = "Deletes an object, or with -r every object under a prefix.")
final class RmCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "oss://BUCKET/KEY|PREFIX")
  String target;

  @Option(
      names = {"-r", "--recursive"},
      description = "Delete every object whose key starts with the given prefix.")
  boolean recursive;

  @Option(names = "--dry-run", description = "Say what would be deleted, and delete nothing.")
  boolean dryRun;

  @Mixin ClientOptions client;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    OssUri uri = recursive ? OssUri.parseLocation(target) : OssUri.parse(target);
    Output out = new Output(spec, client);
    OSS oss = client.connect();
    try {
      long n;
      if (recursive) {
        n = new BatchDelete(oss, uri.bucket(), dryRun).deleteUnder(uri, out);
      } else {
        // DeleteObject succeeds on an absent key (spec: 204 either way); ask first so a typo in
        // a key is reported rather than silently "deleted".
        oss.getObjectMetadata(uri.bucket(), uri.key());
        if (!dryRun) {
          oss.deleteObject(uri.bucket(), uri.key());
        }
        out.text((dryRun ? "Would delete " : "Deleted ") + uri);
        n = 1;
      }
      out.document(Map.of("bucket", uri.bucket(), "deleted", n, "dryRun", dryRun));
      return ExitCodes.OK;
    } finally {
      oss.shutdown();
    }
  }
}
