package dev.osprey.cli;

import com.aliyun.oss.OSS;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code osprey cp SRC DEST}: uploads (file to {@code oss://}), downloads ({@code oss://} to file)
 * or copies on the server ({@code oss://} to {@code oss://}); {@code -r} for a directory or a
 * prefix. A destination ending in {@code /} (or an existing directory) receives the source's name.
 */
@Command(
    name = "cp",
    mixinStandardHelpOptions = true,
    description = {
      "Uploads, downloads, or copies objects on the server.",
      "Files at or above --bigfile-threshold go in parallel parts and resume after an interruption"
          + " when run again."
    })
final class CpCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SRC")
  String source;

  @Parameters(index = "1", paramLabel = "DEST")
  String destination;

  @Option(
      names = {"-r", "--recursive"},
      description = "Copy a directory, or every object under a prefix.")
  boolean recursive;

  @Option(
      names = "--bigfile-threshold",
      paramLabel = "BYTES",
      defaultValue = "104857600",
      description = "Size from which transfers go in parts (default: ${DEFAULT-VALUE}).")
  long threshold;

  @Option(
      names = "--part-size",
      paramLabel = "BYTES",
      defaultValue = "8388608",
      description = "Size of each part (default: ${DEFAULT-VALUE}).")
  long partSize;

  @Option(
      names = {"-j", "--parallel"},
      defaultValue = "4",
      description = "Parts in flight at once (default: ${DEFAULT-VALUE}).")
  int parallel;

  @Option(
      names = "--checkpoint-dir",
      paramLabel = "DIR",
      defaultValue = ".osprey_checkpoint",
      description =
          "Where unfinished part transfers record their progress (default: ${DEFAULT-VALUE}).")
  Path checkpointDir;

  @Option(names = "--dry-run", description = "Say what would be copied, and copy nothing.")
  boolean dryRun;

  @Mixin ClientOptions client;
  @Spec CommandSpec spec;

  private final List<Map<String, Object>> copied = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    boolean fromOss = OssUri.isOss(source);
    boolean toOss = OssUri.isOss(destination);
    if (!fromOss && !toOss) {
      throw new IllegalArgumentException("one of SRC and DEST must be an oss:// URL");
    }
    Output out = new Output(spec, client);
    OSS oss = client.connect();
    try {
      Transfer t =
          new Transfer(oss, new Transfer.Tuning(threshold, partSize, parallel, checkpointDir));
      if (!fromOss) {
        upload(t, Path.of(source), OssUri.parseLocation(destination), out);
      } else if (toOss) {
        serverCopy(oss, t, OssUri.parseLocation(source), OssUri.parseLocation(destination), out);
      } else {
        download(oss, t, OssUri.parseLocation(source), Path.of(destination), out);
      }
      out.text("Copied " + copied.size() + (copied.size() == 1 ? " object" : " objects"));
      out.document(Map.of("dryRun", dryRun, "copied", copied));
      return ExitCodes.OK;
    } finally {
      oss.shutdown();
    }
  }

  private void upload(Transfer t, Path src, OssUri dest, Output out) throws IOException {
    if (Files.isDirectory(src)) {
      if (!recursive) {
        throw new IllegalArgumentException(src + " is a directory: use -r");
      }
      List<Path> files;
      try (Stream<Path> walk = Files.walk(src)) {
        files = walk.filter(Files::isRegularFile).sorted().toList();
      }
      for (Path f : files) {
        String rel = src.relativize(f).toString().replace('\\', '/');
        once(t, f, dest.withKey(dir(dest.key()) + rel), out);
      }
    } else {
      if (!Files.isRegularFile(src)) {
        throw new IOException("No such file: " + src);
      }
      String key =
          dest.key().isEmpty() || dest.key().endsWith("/")
              ? dest.key() + src.getFileName()
              : dest.key();
      once(t, src, dest.withKey(key), out);
    }
  }

  private void once(Transfer t, Path f, OssUri to, Output out) throws IOException {
    long size = Files.size(f);
    if (!dryRun) {
      t.upload(f, to);
    }
    report(f.toString(), to.toString(), size, out);
  }

  private void download(OSS oss, Transfer t, OssUri src, Path dest, Output out) throws IOException {
    if (recursive) {
      List<Object[]> objects = new ArrayList<>();
      Listing.forEach(oss, src, 0, s -> objects.add(new Object[] {s.getKey(), s.getSize()}));
      for (Object[] o : objects) {
        String key = (String) o[0];
        String rel = key.substring(src.key().length());
        if (rel.isEmpty() || key.endsWith("/")) {
          continue; // a "directory" marker object, nothing to write
        }
        Path file = dest.resolve(rel.startsWith("/") ? rel.substring(1) : rel).normalize();
        if (!file.startsWith(dest.normalize())) {
          throw new IOException("Refusing to write outside " + dest + ": key " + key);
        }
        downloadOne(t, src.withKey(key), file, (Long) o[1], out);
      }
      return;
    }
    OssUri from = OssUri.parse(src.toString());
    long size = oss.getObjectMetadata(from.bucket(), from.key()).getContentLength();
    Path file =
        Files.isDirectory(dest) || destination.endsWith("/")
            ? dest.resolve(name(from.key()))
            : dest;
    downloadOne(t, from, file, size, out);
  }

  private void downloadOne(Transfer t, OssUri from, Path file, long size, Output out)
      throws IOException {
    if (!dryRun) {
      t.download(from, file, size);
    }
    report(from.toString(), file.toString(), size, out);
  }

  private void serverCopy(OSS oss, Transfer t, OssUri src, OssUri dest, Output out) {
    if (recursive) {
      List<Object[]> objects = new ArrayList<>();
      Listing.forEach(oss, src, 0, s -> objects.add(new Object[] {s.getKey(), s.getSize()}));
      for (Object[] o : objects) {
        String key = (String) o[0];
        OssUri to = dest.withKey(dir(dest.key()) + key.substring(src.key().length()));
        copyOne(t, src.withKey(key), to, (Long) o[1], out);
      }
      return;
    }
    OssUri from = OssUri.parse(src.toString());
    long size = oss.getObjectMetadata(from.bucket(), from.key()).getContentLength();
    String key =
        dest.key().isEmpty() || dest.key().endsWith("/")
            ? dest.key() + name(from.key())
            : dest.key();
    copyOne(t, from, dest.withKey(key), size, out);
  }

  private void copyOne(Transfer t, OssUri from, OssUri to, long size, Output out) {
    if (!dryRun) {
      t.copy(from, to);
    }
    report(from.toString(), to.toString(), size, out);
  }

  private void report(String from, String to, long size, Output out) {
    out.text((dryRun ? "Would copy " : "Copied ") + from + " -> " + to + " (" + size + " bytes)");
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("source", from);
    row.put("destination", to);
    row.put("bytes", size);
    copied.add(row);
  }

  private static String dir(String key) {
    return key.isEmpty() || key.endsWith("/") ? key : key + "/";
  }

  private static String name(String key) {
    int slash = key.lastIndexOf('/', key.length() - 2);
    return key.substring(slash + 1);
  }
}
