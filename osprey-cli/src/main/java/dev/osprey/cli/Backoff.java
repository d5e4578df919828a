package dev.osprey.cli;

import java.time.Duration;

/**
 * Waits between attempts to reach a server that went away (a restart, a network blip): 100 ms,
 * doubling up to {@code max}, until {@code giveUpAfter} has passed since the first failure.
 */
final class Backoff {
  private static final Duration FIRST = Duration.ofMillis(100);
  private final Duration max;
  private final Duration giveUpAfter;
  private long failingSince = -1;
  private Duration next = FIRST;

  Backoff(Duration max, Duration giveUpAfter) {
    this.max = max;
    this.giveUpAfter = giveUpAfter;
  }

  /** Sleeps before the next attempt; false (without sleeping) once it is time to give up. */
  boolean pause() throws InterruptedException {
    long now = System.nanoTime();
    if (failingSince < 0) {
      failingSince = now;
    }
    if (now - failingSince >= giveUpAfter.toNanos()) {
      return false;
    }
    Thread.sleep(next.toMillis());
    next = next.multipliedBy(2).compareTo(max) > 0 ? max : next.multipliedBy(2);
    return true;
  }

  /** A request got through: the next failure starts a fresh round. */
  void reset() {
    failingSince = -1;
    next = FIRST;
  }
}
