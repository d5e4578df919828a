package dev.osprey.server.tail;

import dev.osprey.storage.ObjectRef;
import dev.osprey.storage.StorageListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live tail's waiting requests, by object. Storage tells it of every durable object change
 * ({@link StorageListener#objectChanged}, on the thread that completed the commit) and it wakes the
 * waiters of that object, which look at the object again on a worker thread: a waiting request
 * holds no thread, only its place here. The number of waiters is bounded ({@link
 * #DEFAULT_MAX_WAITERS}); one timer thread runs their timeouts and keep-alives.
 */
public final class TailWaiters implements StorageListener, AutoCloseable {
  /** How many tail requests may wait at once, server-wide, unless configured otherwise. */
  public static final int DEFAULT_MAX_WAITERS = 4096;

  /** A waiting tail request. */
  public interface Waiter {
    /** Its object changed: look again. Called on a commit's thread: hand the work elsewhere. */
    void wake();

    /** The server is stopping: answer now. */
    void shutdown();
  }

  private final int maxWaiters;
  private final ConcurrentHashMap<ObjectRef, Set<Waiter>> byObject = new ConcurrentHashMap<>();
  private final AtomicInteger waiting = new AtomicInteger();
  private final ScheduledThreadPoolExecutor timer;
  private volatile boolean closed;

  public TailWaiters(int maxWaiters) {
    if (maxWaiters < 0) {
      throw new IllegalArgumentException("maxWaiters must not be negative");
    }
    this.maxWaiters = maxWaiters;
    timer =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = Executors.defaultThreadFactory().newThread(r);
              t.setName("osprey-tail-timer");
              t.setDaemon(true);
              return t;
            });
    timer.setRemoveOnCancelPolicy(true);
  }

  /** Registers {@code waiter} for changes of {@code object}; false when the limit is reached. */
  public boolean add(ObjectRef object, Waiter waiter) {
    if (closed) {
      return false;
    }
    if (waiting.incrementAndGet() > maxWaiters) {
      waiting.decrementAndGet();
      return false;
    }
    byObject.compute(
        object,
        (k, set) -> {
          Set<Waiter> s = set == null ? ConcurrentHashMap.newKeySet() : set;
          s.add(waiter);
          return s;
        });
    return true;
  }

  /** Forgets {@code waiter}; only the first call for a registered waiter counts. */
  public void remove(ObjectRef object, Waiter waiter) {
    boolean[] removed = new boolean[1];
    byObject.computeIfPresent(
        object,
        (k, set) -> {
          removed[0] = set.remove(waiter);
          return set.isEmpty() ? null : set;
        });
    if (removed[0]) {
      waiting.decrementAndGet();
    }
  }

  /** Runs {@code task} after {@code delay} on the timer thread (it must only hand work over). */
  public ScheduledFuture<?> schedule(Runnable task, Duration delay) {
    return timer.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Runs {@code task} every {@code period} on the timer thread until cancelled. */
  public ScheduledFuture<?> every(Runnable task, Duration period) {
    return timer.scheduleAtFixedRate(
        task, period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Requests waiting right now. */
  public int waiting() {
    return waiting.get();
  }

  public int maxWaiters() {
    return maxWaiters;
  }

  @Override
  public void objectChanged(ObjectRef object) {
    Set<Waiter> set = byObject.get(object);
    if (set != null) {
      for (Waiter w : set) {
        w.wake();
      }
    }
  }

  /** Answers every waiter now and takes no more: the server is stopping. */
  @Override
  public void close() {
    closed = true;
    List<Waiter> all = new ArrayList<>();
    byObject.values().forEach(all::addAll);
    all.forEach(Waiter::shutdown);
    timer.shutdownNow();
  }
}
