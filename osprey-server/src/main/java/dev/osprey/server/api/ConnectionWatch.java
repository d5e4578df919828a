package dev.osprey.server.api;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells work held for a request that its client went away: a long-polled live tail read gives its
 * waiter's place back at once instead of holding it until its timeout. One per connection; each
 * request registers what to run and forgets it when answered, so a kept-alive connection
 * accumulates nothing.
 */
public final class ConnectionWatch {
  /** For requests with no connection to watch (in-process callers): it never closes. */
  public static final ConnectionWatch NEVER = new ConnectionWatch(false);

  private final boolean watched;
  private final Set<Runnable> actions = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  public ConnectionWatch() {
    this(true);
  }

  private ConnectionWatch(boolean watched) {
    this.watched = watched;
  }

  /**
   * Runs {@code action} once when the connection closes (at once if it has); the returned handle
   * forgets it.
   */
  public Runnable onClose(Runnable action) {
    if (!watched) {
      return () -> {};
    }
    actions.add(action);
    if (closed && actions.remove(action)) {
      action.run();
    }
    return () -> actions.remove(action);
  }

  /** The connection closed: runs every registered action once. */
  public void closed() {
    closed = true;
    for (Runnable a : actions) {
      if (actions.remove(a)) {
        a.run();
      }
    }
  }
}
