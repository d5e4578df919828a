package dev.osprey.cli.bench;

import dev.osprey.cli.ClientOptions;
import dev.osprey.cli.DurationConverter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code osprey bench WORKLOAD}: loads an OSS endpoint with its own lean client and checks every
 * answer; {@code osprey bench baseline} measures what the machine gives, for ratios.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Loads an OSS endpoint and checks every answer (positions, lengths, CRC-64).",
      "Workloads: append, put, get, head, list, mixed; tail (writers append, one follower each"
          + " reads with Osprey's live tail: acknowledge → receive latency); `baseline` measures the"
          + " machine (fdatasync, sequential bandwidth, the server's cheapest answer, nginx where"
          + " installed).",
      "Exit codes: 0 all good, 1 request errors, 2 usage, 3 a check failed, 4 setup failed."
    })
public final class BenchCommand implements Callable<Integer> {
  static final Duration DEFAULT_DURATION = Duration.ofSeconds(10);

  @Parameters(
      index = "0",
      paramLabel = "WORKLOAD",
      description = "append, put, get, head, list, mixed, tail, or baseline.")
  String workload;

  @Option(
      names = "--concurrent",
      defaultValue = "16",
      description = "Connections, one thread each (default: ${DEFAULT-VALUE}).")
  int concurrent;

  @Option(
      names = "--duration",
      converter = DurationConverter.class,
      description = "How long to run, e.g. 500ms, 10s, 1m (default: 10s; baseline: 2s per line).")
  Duration duration;

  @Option(
      names = "--ops",
      defaultValue = "0",
      description = "Stop after this many operations in all (default: no limit).")
  long ops;

  @Option(
      names = "--obj.size",
      converter = Sizes.class,
      defaultValue = "1KiB",
      description =
          "Object size, or append chunk size, e.g. 1KiB, 1MiB (default: ${DEFAULT-VALUE}).")
  int size;

  @Option(
      names = "--objects",
      description =
          "Objects in all, each owned by one connection (default: one per connection; get, head and"
              + " list: at least 100).")
  Integer objects;

  @Option(
      names = "--bucket",
      defaultValue = "osprey-bench",
      description = "Bucket, created if missing (default: ${DEFAULT-VALUE}).")
  String bucket;

  @Option(
      names = "--keep",
      description = "Keep the objects (and a bucket the bench created) at the end.")
  boolean keep;

  @Option(
      names = "--signature",
      defaultValue = "v1",
      description = "v1 or v4 (default: ${DEFAULT-VALUE}).")
  String signature;

  @Option(names = "--quiet", description = "No progress line.")
  boolean quiet;

  @Option(
      names = "--dir",
      defaultValue = ".",
      description = "baseline: where its temporary files go (default: the current directory).")
  Path dir;

  @Mixin ClientOptions client;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    String w = workload.toLowerCase(Locale.ROOT);
    if (!List.of("append", "put", "get", "head", "list", "mixed", "tail", "baseline").contains(w)
        || !List.of("v1", "v4").contains(signature.toLowerCase(Locale.ROOT))
        || concurrent < 1) {
      spec.commandLine()
          .getErr()
          .println(
              "bench: WORKLOAD is one of append, put, get, head, list, mixed, tail, baseline;"
                  + " --signature v1|v4; --output-format text|json; --concurrent >= 1");
      return ExitCode.USAGE;
    }
    BenchTarget target;
    try {
      ClientOptions.Target t = w.equals("baseline") ? anyKeys() : client.target();
      target =
          BenchTarget.of(
              t.endpoint(),
              new BenchTarget.Credentials(
                  t.accessKeyId(),
                  t.accessKeySecret(),
                  t.securityToken(),
                  signature,
                  client.region()));
    } catch (IOException | IllegalArgumentException e) {
      spec.commandLine().getErr().println("bench: " + e.getMessage());
      return ExitCode.SETUP_FAILED;
    }
    if (w.equals("baseline")) {
      return new Baseline(target, baselineSettings(), spec.commandLine()).run();
    }
    return runWorkload(w, target);
  }

  /** The baseline sends only anonymous requests: keys are used when found, not required. */
  private ClientOptions.Target anyKeys() {
    try {
      return client.target();
    } catch (IOException noKey) {
      return new ClientOptions.Target(client.endpointUrl(), "-", "-", null);
    }
  }

  private Baseline.Settings baselineSettings() {
    Duration each = duration == null ? Baseline.DEFAULT_LINE_DURATION : duration;
    return new Baseline.Settings(concurrent, each, dir, json(), progressOut());
  }

  private int runWorkload(String w, BenchTarget target) throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int n = objects != null ? objects : defaultObjects(w);
    if (w.equals("tail")) {
      n = concurrent; // one object per writer, read by its follower
    } else if (n < concurrent && (w.equals("append") || w.equals("mixed"))) {
      err.printf(
          "bench: %s gives each connection its own objects: --objects raised to %d%n",
          w, concurrent);
      n = concurrent;
    }
    String runId =
        Long.toString(System.currentTimeMillis(), 36)
            + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
    BenchPlan plan = new BenchPlan(bucket, "osprey-bench-" + runId + "/", concurrent, n, size);
    BucketSetup setup = BucketSetup.ensure(target, bucket);
    if (setup.error() != null) {
      err.println("bench: " + setup.error());
      return ExitCode.SETUP_FAILED;
    }
    List<Job> jobs = new ArrayList<>(concurrent);
    List<TailFollowerJob> followers = new ArrayList<>();
    for (int i = 0; i < concurrent; i++) {
      if (w.equals("tail")) {
        TailRun run = new TailRun();
        jobs.add(new AppendJob(new OssClient(target), plan, i, run));
        TailFollowerJob follower = new TailFollowerJob(new OssClient(target), plan, i, run);
        followers.add(follower);
        jobs.add(follower);
      } else {
        jobs.add(job(w, new OssClient(target), plan, i));
      }
    }
    LoadLoop.Measurement m =
        LoadLoop.run(
            w,
            jobs,
            new LoadLoop.Limits(
                duration == null ? DEFAULT_DURATION : duration,
                ops,
                !keep,
                progressOut() == null
                    ? null
                    : new Progress(progressOut(), Terminal.attached(), w)));
    if (setup.created() && !keep) {
      String left = BucketSetup.remove(target, bucket);
      if (left != null) {
        err.println("bench: " + left);
      }
    }
    int code = ExitCode.of(m);
    Report.RunInfo info =
        new Report.RunInfo(w, endpointText(target), signature.toLowerCase(Locale.ROOT), n, size);
    Report.Delivery delivery = followers.isEmpty() ? null : delivery(followers);
    out.print(
        json()
            ? Report.json(info, m, code, delivery) + "\n"
            : Report.text(info, m, code, delivery));
    out.flush();
    return code;
  }

  private static Report.Delivery delivery(List<TailFollowerJob> followers) {
    LatencyHistogram all = new LatencyHistogram();
    long first = 0;
    for (TailFollowerJob f : followers) {
      all.add(f.delivery());
      first += f.readerFirst();
    }
    return new Report.Delivery(all, first);
  }

  private static Job job(String w, OssClient c, BenchPlan plan, int writer) {
    return switch (w) {
      case "append" -> new AppendJob(c, plan, writer);
      case "put" -> new ObjectJob(c, plan, writer, ObjectJob.Mode.PUT);
      case "get" -> new ObjectJob(c, plan, writer, ObjectJob.Mode.GET);
      case "head" -> new ObjectJob(c, plan, writer, ObjectJob.Mode.HEAD);
      case "list" -> new ObjectJob(c, plan, writer, ObjectJob.Mode.LIST);
      default -> new MixedJob(c, plan, writer);
    };
  }

  private int defaultObjects(String w) {
    return switch (w) {
      case "get", "head", "list" -> Math.max(concurrent, ObjectJob.LIST_PAGE);
      default -> concurrent;
    };
  }

  private static String endpointText(BenchTarget t) {
    return "http://" + t.host() + ":" + t.port();
  }

  private boolean json() {
    return client.json();
  }

  private PrintWriter progressOut() {
    return quiet ? null : spec.commandLine().getErr();
  }
}
