package dev.osprey.client;

import com.aliyun.oss.ClientException;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSErrorCode;
import com.aliyun.oss.OSSException;
import dev.osprey.client.OssStreamException.Reason;
import java.io.IOException;
import java.time.Duration;

/**
 * A {@link GrowthWatch} that HEADs the object: when nothing is new it waits {@code minInterval},
 * doubling while nothing changes up to {@code maxInterval}, and goes back to {@code minInterval} as
 * soon as bytes arrive. While the server cannot be reached it backs off by the {@link RetryPolicy}
 * and fails once that gives up.
 */
final class PollingWatch implements GrowthWatch {
  private final OSS oss;
  private final String bucket;
  private final String key;
  private final Duration minInterval;
  private final Duration maxInterval;
  private final RetryPolicy retry;
  private final Object sleeper = new Object();
  private boolean awake;

  PollingWatch(OSS oss, String bucket, String key, ObjectFollower.Polling polling) {
    this.oss = oss;
    this.bucket = bucket;
    this.key = key;
    this.minInterval = polling.minInterval();
    this.maxInterval = polling.maxInterval();
    this.retry = polling.retry();
  }

  @Override
  public ObjectState awaitBeyond(long position, boolean follow) throws IOException {
    Backoff unreachable = new Backoff(retry);
    Duration idle = minInterval;
    while (true) {
      ObjectState s;
      try {
        s = ObjectState.of(oss.getObjectMetadata(bucket, key));
        unreachable.reset();
      } catch (OSSException e) {
        if (!follow || !OSSErrorCode.NO_SUCH_KEY.equals(e.getErrorCode())) {
          throw new OssStreamException(
              Reason.REFUSED,
              "cannot read " + uri() + ": " + e.getErrorCode() + ": " + e.getErrorMessage(),
              e);
        }
        s = null;
      } catch (ClientException e) {
        if (!follow || !unreachable.pause()) {
          throw new OssStreamException(
              Reason.UNREACHABLE,
              "cannot reach the server for " + uri() + ": " + e.getErrorMessage(),
              e);
        }
        continue;
      }
      // Wait for an object not created yet (like tail -F), or for bytes past an unsealed end.
      boolean waitMore =
          follow && (s == null ? position == 0 : s.length() == position && !s.sealed());
      if (!waitMore || !sleep(idle)) {
        return s;
      }
      Duration doubled = idle.multipliedBy(2);
      idle = doubled.compareTo(maxInterval) > 0 ? maxInterval : doubled;
    }
  }

  private String uri() {
    return "oss://" + bucket + "/" + key;
  }

  /** Waits {@code d}; false when woken up early by {@link #wakeUp()}. */
  private boolean sleep(Duration d) throws IOException {
    long until = System.nanoTime() + d.toNanos();
    synchronized (sleeper) {
      try {
        while (!awake) {
          long left = until - System.nanoTime();
          if (left <= 0) {
            return true;
          }
          sleeper.wait(Math.max(1, left / 1_000_000));
        }
        awake = false;
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new OssStreamException(Reason.CLOSED, "interrupted while following", e);
      }
    }
  }

  @Override
  public void wakeUp() {
    synchronized (sleeper) {
      awake = true;
      sleeper.notifyAll();
    }
  }
}
