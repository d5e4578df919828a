package dev.osprey.storage;

import dev.osprey.protocol.HttpDates;
import java.time.Duration;
import java.time.Instant;

/**
 * Where a RestoreObject of an archived object stands (docs/storage-classes.md): restoring until
 * {@code readyAt}, then restored (readable) until {@code expiresAt}, then frozen again as if never
 * restored. Both instants are judged by the server's clock when asked, so nothing runs when a
 * restore completes or expires.
 *
 * @param readyAt when the restore completes
 * @param expiresAt when the restored state ends; after {@code readyAt}
 */
public record RestoreState(Instant readyAt, Instant expiresAt) {

  public RestoreState {
    if (!expiresAt.isAfter(readyAt)) {
      throw new IllegalArgumentException("a restore must expire after it completes");
    }
  }

  /** A restore asked for at {@code now} that takes {@code delay} and then lasts {@code days}. */
  public static RestoreState started(Instant now, Duration delay, int days) {
    Instant ready = now.plus(delay);
    return new RestoreState(ready, ready.plus(Duration.ofDays(days)));
  }

  /** Whether the restore is still running at {@code now}. */
  public boolean ongoing(Instant now) {
    return now.isBefore(readyAt);
  }

  /** Whether the object is in the restored (readable) state at {@code now}. */
  public boolean restored(Instant now) {
    return !ongoing(now) && now.isBefore(expiresAt);
  }

  /** Whether the restore is over: the object is frozen again. */
  public boolean expired(Instant now) {
    return !now.isBefore(expiresAt);
  }

  /**
   * The restored state extended by a RestoreObject at {@code now} asking for {@code days}: it lasts
   * until {@code now + days}, never less than it already would.
   */
  public RestoreState extendedTo(Instant now, int days) {
    Instant asked = now.plus(Duration.ofDays(days));
    return asked.isAfter(expiresAt) ? new RestoreState(readyAt, asked) : this;
  }

  /**
   * The {@code x-oss-restore} header (and listings' {@code RestoreInfo}) at {@code now}: {@code
   * ongoing-request="true"} while restoring, {@code ongoing-request="false", expiry-date="<RFC
   * 1123>"} once restored, null once expired.
   */
  public String header(Instant now) {
    if (ongoing(now)) {
      return "ongoing-request=\"true\"";
    }
    if (restored(now)) {
      return "ongoing-request=\"false\", expiry-date=\""
          + HttpDates.formatRfc1123(expiresAt)
          + "\"";
    }
    return null;
  }
}
