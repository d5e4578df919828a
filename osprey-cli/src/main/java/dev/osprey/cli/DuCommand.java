package dev.osprey.cli;

import com.aliyun.oss.OSS;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code osprey du oss://bucket[/prefix]}: object count and bytes, by storage class and total. */
@Command(
    name = "du",
    mixinStandardHelpOptions = true,
    description = "Counts the objects and bytes of a bucket or prefix, by storage class.")
final class DuCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "oss://BUCKET[/PREFIX]")
  String target;

  @Mixin ClientOptions client;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    OssUri where = OssUri.parseLocation(target);
    Output out = new Output(spec, client);
    OSS oss = client.connect();
    try {
      Map<String, long[]> byClass = new TreeMap<>();
      Listing.forEach(
          oss,
          where,
          0,
          s -> {
            long[] c = byClass.computeIfAbsent(s.getStorageClass(), k -> new long[2]);
            c[0]++;
            c[1] += s.getSize();
          });
      long count = 0;
      long bytes = 0;
      out.text(String.format("%-16s  %14s  %20s", "StorageClass", "ObjectCount", "Size(B)"));
      Map<String, Object> classes = new LinkedHashMap<>();
      for (Map.Entry<String, long[]> e : byClass.entrySet()) {
        long[] c = e.getValue();
        out.text(String.format("%-16s  %14d  %20d", e.getKey(), c[0], c[1]));
        classes.put(e.getKey(), Map.of("objects", c[0], "bytes", c[1]));
        count += c[0];
        bytes += c[1];
      }
      out.text(String.format("%-16s  %14d  %20d", "Total", count, bytes));
      out.document(
          Map.of("location", target, "objects", count, "bytes", bytes, "storageClasses", classes));
      return ExitCodes.OK;
    } finally {
      oss.shutdown();
    }
  }
}
