package dev.osprey.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How long to keep trying while the server cannot be reached (a restart, a dropped connection, a
 * timeout): the first wait is {@code firstPause}, each next one doubles up to {@code maxPause}, and
 * after {@code giveUpAfter} of failures in a row the operation fails.
 *
 * @param firstPause the wait after the first failure
 * @param maxPause the longest wait between two attempts
 * @param giveUpAfter how long failures may go on before giving up; {@link Duration#ZERO} gives up
 *     at the first failure
 */
public record RetryPolicy(Duration firstPause, Duration maxPause, Duration giveUpAfter) {
  /** 100 ms doubling up to 5 s, for 5 minutes: long enough for a server to restart. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofMinutes(5));

  /** Checks that every duration is given and none is negative. */
  public RetryPolicy {
    Objects.requireNonNull(firstPause, "firstPause");
    Objects.requireNonNull(maxPause, "maxPause");
    Objects.requireNonNull(giveUpAfter, "giveUpAfter");
    if (firstPause.isNegative() || maxPause.isNegative() || giveUpAfter.isNegative()) {
      throw new IllegalArgumentException("retry durations must not be negative");
    }
  }

  /** The default pauses, giving up after {@code giveUpAfter}. */
  public static RetryPolicy retryFor(Duration giveUpAfter) {
    return new RetryPolicy(DEFAULT.firstPause, DEFAULT.maxPause, giveUpAfter);
  }
}
