package dev.osprey.cli.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs jobs, one platform thread each, in a closed loop: all prepare, then all step until the
 * duration has passed or the operation budget is spent, then each verifies and cleans up. Only the
 * steps are timed; the threads' own CPU time over the steps is measured as the client's cost.
 */
final class LoadLoop {
  /**
   * @param duration how long to step
   * @param ops the operation budget over all threads, 0 for none
   * @param cleanup whether jobs remove their objects at the end
   * @param progress the live line, or null
   */
  record Limits(Duration duration, long ops, boolean cleanup, Progress progress) {}

  /** What a run measured. {@code setupErrors} are failures outside the timed steps. */
  record Measurement(
      String name,
      int threads,
      long elapsedNanos,
      Tally total,
      long processCpuNanos,
      List<String> setupErrors) {
    double opsPerSecond() {
      return elapsedNanos == 0 ? 0 : total.ops.get() * 1e9 / elapsedNanos;
    }

    double megabytesPerSecond() {
      return elapsedNanos == 0 ? 0 : total.bytes.get() * 1e3 / elapsedNanos;
    }
  }

  private LoadLoop() {}

  static Measurement run(String name, List<? extends Job> jobs, Limits limits)
      throws InterruptedException {
    int n = jobs.size();
    List<Tally> tallies = new ArrayList<>(n);
    List<String> setupErrors = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch prepared = new CountDownLatch(n);
    CountDownLatch go = new CountDownLatch(1);
    CountDownLatch stepped = new CountDownLatch(n);
    CountDownLatch finished = new CountDownLatch(n);
    AtomicLong budget = new AtomicLong(limits.ops() > 0 ? limits.ops() : Long.MAX_VALUE);
    long[] deadline = new long[1];
    List<Thread> threads = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Tally tally = new Tally();
      tallies.add(tally);
      Job job = jobs.get(i);
      Worker w =
          new Worker(job, tally, new Gates(prepared, go, stepped, finished), budget, deadline);
      w.setupErrors = setupErrors;
      w.cleanup = limits.cleanup();
      Thread t = new Thread(w, name + "-" + i);
      t.setDaemon(true);
      threads.add(t);
    }
    threads.forEach(Thread::start);
    prepared.await();
    long cpu0 = ProcessCpu.nanos();
    long start = System.nanoTime();
    deadline[0] = start + limits.duration().toNanos();
    go.countDown();
    Progress progress = limits.progress();
    while (!stepped.await(progressWait(progress, start), TimeUnit.NANOSECONDS)) {
      if (progress != null) {
        progress.tick(tallies, System.nanoTime() - start);
      }
    }
    long elapsed = System.nanoTime() - start;
    long cpu = ProcessCpu.nanos() - cpu0;
    if (progress != null) {
      progress.done();
    }
    finished.await();
    Tally total = new Tally();
    tallies.forEach(total::add);
    return new Measurement(name, n, elapsed, total, cpu, List.copyOf(setupErrors));
  }

  private static long progressWait(Progress progress, long start) {
    if (progress == null) {
      return TimeUnit.MILLISECONDS.toNanos(200);
    }
    long sinceStart = System.nanoTime() - start;
    long second = TimeUnit.SECONDS.toNanos(1);
    return second - sinceStart % second;
  }

  private record Gates(
      CountDownLatch prepared,
      CountDownLatch go,
      CountDownLatch stepped,
      CountDownLatch finished) {}

  private static final class Worker implements Runnable {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final Job job;
    private final Tally tally;
    private final Gates gates;
    private final AtomicLong budget;
    private final long[] deadline;
    List<String> setupErrors;
    boolean cleanup;

    Worker(Job job, Tally tally, Gates gates, AtomicLong budget, long[] deadline) {
      this.job = job;
      this.tally = tally;
      this.gates = gates;
      this.budget = budget;
      this.deadline = deadline;
    }

    @Override
    public void run() {
      boolean ready = false;
      boolean stepsDone = false;
      try {
        try {
          job.prepare();
          ready = true;
        } catch (Exception e) {
          setupErrors.add("prepare: " + describe(e));
        } finally {
          gates.prepared().countDown();
        }
        gates.go().await();
        if (ready) {
          steps();
        }
        stepsDone = true;
        gates.stepped().countDown();
        if (ready) {
          finish();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        if (!stepsDone) {
          gates.stepped().countDown();
        }
        job.close();
        gates.finished().countDown();
      }
    }

    private void steps() {
      long cpu0 = THREADS.getCurrentThreadCpuTime();
      long end = deadline[0];
      while (System.nanoTime() < end && budget.getAndDecrement() > 0) {
        try {
          job.step(tally);
        } catch (Exception e) {
          tally.error("IO " + e.getClass().getSimpleName());
          try {
            job.recover();
          } catch (Exception again) {
            // the next step reconnects; its own failure is counted then
          }
        }
      }
      tally.cpuNanos = THREADS.getCurrentThreadCpuTime() - cpu0;
    }

    private void finish() {
      try {
        job.verify(tally);
      } catch (Exception e) {
        tally.checkFailed("verify: " + describe(e));
      }
      if (cleanup) {
        try {
          job.cleanup();
        } catch (Exception e) {
          setupErrors.add("cleanup: " + describe(e));
        }
      }
    }

    private static String describe(Exception e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }
}
