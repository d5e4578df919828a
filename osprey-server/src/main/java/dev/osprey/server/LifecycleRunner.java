package dev.osprey.server;

import dev.osprey.storage.ObjectService;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a lifecycle pass ({@link ObjectService#applyLifecycle}) every interval on one low-priority
 * background thread; a failed pass is logged and the next one runs as planned (docs/lifecycle.md).
 */
final class LifecycleRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LifecycleRunner.class);

  private final ObjectService storage;
  private final Duration interval;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final Thread thread;

  LifecycleRunner(ObjectService storage, Duration interval) {
    this.storage = storage;
    this.interval = interval;
    this.thread =
        Thread.ofPlatform()
            .name("osprey-lifecycle")
            .daemon()
            .priority(Thread.MIN_PRIORITY)
            .start(this::run);
  }

  private void run() {
    try {
      while (!stop.await(interval.toMillis(), TimeUnit.MILLISECONDS)) {
        try {
          // Several nodes sharing the stores: one applies the rules per interval, the others skip.
          java.util.Optional<dev.osprey.storage.MetadataStore.BlobLock> lease =
              storage.metadata().tryLease("lifecycle");
          if (lease.isPresent()) {
            try (dev.osprey.storage.MetadataStore.BlobLock held = lease.get()) {
              storage.applyLifecycle();
            }
          }
        } catch (RuntimeException e) {
          LOG.warn("a lifecycle pass failed; the next runs in {}", interval, e);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the thread after the pass in progress, if any. */
  @Override
  public void close() {
    stop.countDown();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
