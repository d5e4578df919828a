package dev.osprey.server;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that run requests: platform threads, created on demand up to a bound and retired
 * after a minute idle.
 *
 * <p>Why not virtual threads: every RocksDB call is JNI, and a virtual thread blocked inside JNI
 * pins its carrier. These machines have two carriers, so at most two synced commits were ever in
 * flight, RocksDB's group commit had nothing to group, and every other request queued behind them
 * (docs/benchmarks.md: 64 writers at 7–11% of the server's cheapest answer). A platform thread
 * blocked in RocksDB holds only itself; and a small append does not even wait: it hands its batch
 * to the commit pipeline and the thread returns to the pool.
 *
 * <p>The bound keeps a flood of slow uploads from creating threads without limit: past it, requests
 * wait in a queue. Small bodies are read by the event loop before a request is handed over (see
 * {@code RequestHandler}), so a thread is held by a slow client only while it streams a large body.
 */
final class RequestWorkers {
  /** Enough for hundreds of concurrent requests; each idle thread costs only its reserved stack. */
  static final int DEFAULT_THREADS = 512;

  private RequestWorkers() {}

  static ExecutorService create(int threads) {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory());
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  private static ThreadFactory factory() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "osprey-request-" + n.getAndIncrement());
      t.setDaemon(true);
      return t;
    };
  }
}
