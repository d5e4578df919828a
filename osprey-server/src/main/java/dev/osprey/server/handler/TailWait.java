package dev.osprey.server.handler;

import dev.osprey.server.tail.TailWaiters;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A waiting tail request that looks at its object again when woken: one look at a time, on a worker
 * thread, and a wake that arrives during a look makes another one follow, so no change is missed
 * and none is looked at twice at once.
 */
abstract class TailWait implements TailWaiters.Waiter {
  private static final int IDLE = 0;
  private static final int LOOKING = 1;
  private static final int LOOK_AGAIN = 2;

  private final Executor executor;
  private final AtomicInteger state = new AtomicInteger(IDLE);

  TailWait(Executor executor) {
    this.executor = executor;
  }

  @Override
  public final void wake() {
    if (state.getAndUpdate(s -> s == IDLE ? LOOKING : LOOK_AGAIN) == IDLE) {
      try {
        executor.execute(this::looks);
      } catch (RejectedExecutionException stopping) {
        state.set(IDLE); // the server is stopping; shutdown() answers
      }
    }
  }

  /** As {@link #wake}, looking on the calling thread when no look is under way. */
  final void lookNow() {
    if (state.getAndUpdate(s -> s == IDLE ? LOOKING : LOOK_AGAIN) == IDLE) {
      looks();
    }
  }

  private void looks() {
    do {
      state.set(LOOKING);
      try {
        look();
      } catch (RuntimeException e) {
        failed(e);
      }
    } while (!state.compareAndSet(LOOKING, IDLE));
  }

  /** Looks at the object and answers, or keeps waiting. */
  abstract void look();

  /** {@link #look} threw: end the request with {@code e}. */
  abstract void failed(RuntimeException e);
}
