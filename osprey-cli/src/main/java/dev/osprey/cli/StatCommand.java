package dev.osprey.cli;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.TagSet;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code osprey stat oss://bucket/key}: every header HeadObject returns (object type, next append
 * position, CRC-64, sealed time, user metadata, ...) and the object's tags.
 */
@Command(
    name = "stat",
    mixinStandardHelpOptions = true,
    description =
        "Shows an object's headers (type, size, next append position, CRC-64, ...) and tags.")
final class StatCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "oss://BUCKET/KEY")
  String target;

  @Mixin ClientOptions client;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    OssUri uri = OssUri.parse(target);
    Output out = new Output(spec, client);
    OSS oss = client.connect();
    try {
      ObjectMetadata meta = oss.getObjectMetadata(uri.bucket(), uri.key());
      Map<String, Object> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      headers.putAll(meta.getRawMetadata());
      headers.putAll(meta.getUserMetadata());
      TagSet tags = oss.getObjectTagging(uri.bucket(), uri.key());
      Map<String, String> tagMap = new TreeMap<>(tags.getAllTags());
      for (Map.Entry<String, Object> h : headers.entrySet()) {
        out.text(String.format("%-28s: %s", h.getKey(), h.getValue()));
      }
      out.text(String.format("%-28s: %s", "Tags", tagMap.isEmpty() ? "" : tagMap));
      out.document(Map.of("object", uri.toString(), "headers", headers, "tags", tagMap));
      return ExitCodes.OK;
    } finally {
      oss.shutdown();
    }
  }
}
