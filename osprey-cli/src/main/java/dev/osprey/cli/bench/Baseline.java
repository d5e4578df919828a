package dev.osprey.cli.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * {@code osprey bench baseline}: what this machine gives, measured in the same run so that the
 * server's figures read as ratios. write+fdatasync of 1 KiB records (1 thread, N threads each on
 * its own file), sequential 8 MiB write+fdatasync bandwidth, the server's cheapest answer (an
 * anonymous GET in a bucket that does not exist: 404 NoSuchBucket) at 1 and N connections, and
 * nginx's static 1 KiB file at 1 and N connections where nginx is installed.
 */
final class Baseline {
  static final Duration DEFAULT_LINE_DURATION = Duration.ofSeconds(2);
  private static final int RECORD = 1024;
  private static final int SEQUENTIAL = 8 << 20;

  /**
   * @param concurrent N, for the threaded lines
   * @param perLine how long each line runs
   * @param dir where the temporary directory goes
   * @param json whether to print JSON
   * @param progress where the live line goes, or null
   */
  record Settings(int concurrent, Duration perLine, Path dir, boolean json, PrintWriter progress) {}

  private final BenchTarget target;
  private final Settings settings;
  private final CommandLine cli;
  private final List<LoadLoop.Measurement> lines = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  Baseline(BenchTarget target, Settings settings, CommandLine cli) {
    this.target = target;
    this.settings = settings;
    this.cli = cli;
  }

  int run() throws IOException, InterruptedException {
    Path tmp;
    try {
      tmp = Files.createTempDirectory(settings.dir(), "osprey-bench-baseline-");
    } catch (IOException e) {
      cli.getErr()
          .println(
              "bench baseline: cannot create a temporary directory in "
                  + settings.dir()
                  + ": "
                  + e);
      return ExitCode.SETUP_FAILED;
    }
    try {
      disk(tmp);
      http("server 404 NoSuchBucket", target, this::cheapestAnswer);
      nginx(tmp.resolve("nginx"));
    } finally {
      deleteTree(tmp);
    }
    int code = ExitCode.OK;
    for (LoadLoop.Measurement m : lines) {
      code = Math.max(code, ExitCode.of(m));
    }
    cli.getOut().print(settings.json() ? json(code) + "\n" : text(code));
    cli.getOut().flush();
    return code;
  }

  private void disk(Path tmp) throws InterruptedException {
    int n = settings.concurrent();
    measure("write+fdatasync 1 KiB", 1, i -> new SyncedWriteJob(tmp, "record-" + i, RECORD));
    if (n > 1) {
      measure("write+fdatasync 1 KiB", n, i -> new SyncedWriteJob(tmp, "record-" + i, RECORD));
    }
    measure("write+fdatasync 8 MiB sequential", 1, i -> new SyncedWriteJob(tmp, "seq", SEQUENTIAL));
  }

  private Job cheapestAnswer(BenchTarget t) {
    String missing =
        "osprey-bench-missing-"
            + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36);
    return new StaticGetJob(
        new OssClient(t), missing, "k", 404, new StaticGetJob.Expect("NoSuchBucket", -1));
  }

  private void nginx(Path dir) throws IOException, InterruptedException {
    if (!NginxServer.installed()) {
      notes.add(
          "nginx: skipped, "
              + NginxServer.BINARY
              + " is not installed (apt-get install nginx-light)");
      return;
    }
    Files.createDirectories(dir);
    NginxServer nginx;
    try {
      nginx = NginxServer.start(dir, Runtime.getRuntime().availableProcessors());
    } catch (IOException e) {
      notes.add("nginx: skipped, it did not start: " + e.getMessage());
      return;
    }
    try {
      BenchTarget local = new BenchTarget("127.0.0.1", nginx.port(), true, target.credentials());
      http(
          "nginx static 1 KiB",
          local,
          t ->
              new StaticGetJob(
                  new OssClient(t),
                  null,
                  NginxServer.FILE,
                  200,
                  new StaticGetJob.Expect(null, NginxServer.FILE_SIZE)));
    } finally {
      nginx.close();
    }
  }

  private void http(String name, BenchTarget t, java.util.function.Function<BenchTarget, Job> job)
      throws InterruptedException {
    measure(name, 1, i -> job.apply(t));
    if (settings.concurrent() > 1) {
      measure(name, settings.concurrent(), i -> job.apply(t));
    }
  }

  private void measure(String name, int threads, IntFunction<Job> job) throws InterruptedException {
    List<Job> jobs = new ArrayList<>(threads);
    for (int i = 0; i < threads; i++) {
      jobs.add(job.apply(i));
    }
    Progress progress =
        settings.progress() == null
            ? null
            : new Progress(settings.progress(), Terminal.attached(), name + " x" + threads);
    lines.add(LoadLoop.run(name, jobs, new LoadLoop.Limits(settings.perLine(), 0, true, progress)));
  }

  private String text(int code) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "osprey bench baseline: %s, %.1f s per line, %d cores%n",
            "http://" + target.host() + ":" + target.port(),
            settings.perLine().toMillis() / 1e3,
            Runtime.getRuntime().availableProcessors()));
    sb.append(
        String.format(
            Locale.ROOT,
            "  %-34s %7s %12s %10s %10s %10s %8s%n",
            "line",
            "threads",
            "ops/s",
            "MB/s",
            "p50 ms",
            "p99 ms",
            "errors"));
    for (LoadLoop.Measurement m : lines) {
      sb.append(
          String.format(
              Locale.ROOT,
              "  %-34s %7d %12.1f %10.2f %10s %10s %8d%n",
              m.name(),
              m.threads(),
              m.opsPerSecond(),
              m.megabytesPerSecond(),
              Report.ms(m.total().latency.quantile(0.5)),
              Report.ms(m.total().latency.quantile(0.99)),
              m.total().errors.get()));
      m.total()
          .errorsByKind
          .forEach((k, v) -> sb.append("      ").append(k).append(' ').append(v).append('\n'));
      m.setupErrors().forEach(e -> sb.append("      setup: ").append(e).append('\n'));
    }
    notes.forEach(n -> sb.append("  note: ").append(n).append('\n'));
    sb.append("  exit code ").append(code).append('\n');
    return sb.toString();
  }

  private String json(int code) {
    JsonWriter j = new JsonWriter().beginObject();
    j.field("baseline", true).field("endpoint", "http://" + target.host() + ":" + target.port());
    j.field("secondsPerLine", settings.perLine().toMillis() / 1e3);
    j.name("lines").beginArray();
    for (LoadLoop.Measurement m : lines) {
      j.beginObject().field("name", m.name()).field("threads", m.threads());
      Report.measurement(j, m);
      j.endObject();
    }
    j.endArray();
    j.name("notes").beginArray();
    notes.forEach(j::value);
    j.endArray();
    return j.field("exitCode", code).endObject().toString();
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
