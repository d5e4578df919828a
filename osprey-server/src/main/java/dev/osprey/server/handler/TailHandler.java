package dev.osprey.server.handler;

import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.op.ObjectOperation.GetObject;
import dev.osprey.protocol.op.TailRead;
import dev.osprey.server.api.ConnectionWatch;
import dev.osprey.server.api.OssResponse;
import dev.osprey.server.api.RequestContext;
import dev.osprey.server.tail.TailWaiters;
import dev.osprey.storage.ObjectRecord;
import dev.osprey.storage.ObjectRef;
import dev.osprey.storage.ObjectService;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;

/**
 * Osprey's live tail (docs/append.md, "Live tail"): a GetObject with {@link TailRead#POSITION}
 * answers the bytes from that position as soon as they are acknowledged, holding the request while
 * there are none; as Server-Sent Events ({@link TailEvents}) when asked. Every answer carries
 * {@link #HEADER}, which a plain OSS server never sends: that is how clients know to fall back to
 * polling. Authorization is the GetObject's, already passed.
 */
final class TailHandler {
  /** The response header naming how a tail request ended; its presence proves tail support. */
  static final String HEADER = "x-osprey-tail";

  private final ObjectService storage;
  private final TailWaiters waiters;
  private final Executor executor;

  TailHandler(ObjectService storage, TailWaiters waiters, Executor executor) {
    this.storage = storage;
    this.waiters = waiters;
    this.executor = executor;
  }

  CompletableFuture<OssResponse> tail(RequestContext ctx, GetObject op) {
    ObjectRef ref = new ObjectRef(op.bucket(), op.key());
    boolean mayReadTags = ObjectHandler.mayReadTags(ctx);
    if (op.tail().events()) {
      return CompletableFuture.completedFuture(
          new TailEvents(storage, waiters, executor, ref, op.tail().position()).respond());
    }
    return new LongPoll(ref, op.tail(), mayReadTags).start(ctx.request().connection());
  }

  static OssException tooManyWaiters(TailWaiters waiters) {
    return OssException.of(
            OssErrorCode.SERVICE_UNAVAILABLE,
            "Too many live tail requests are waiting (at most " + waiters.maxWaiters() + ").")
        .header(HEADER, "busy");
  }

  /** One long-polled request: answered once, by whichever look or timeout comes first. */
  private final class LongPoll extends TailWait {
    private final ObjectRef ref;
    private final TailRead tail;
    private final boolean mayReadTags;
    private final CompletableFuture<OssResponse> answer = new CompletableFuture<>();
    private String generation; // blob id of the object first seen, null before
    private boolean seen;
    private volatile boolean timedOut;
    private volatile ScheduledFuture<?> timeout;
    private volatile Runnable forgetConnection = () -> {};

    LongPoll(ObjectRef ref, TailRead tail, boolean mayReadTags) {
      super(executor);
      this.ref = ref;
      this.tail = tail;
      this.mayReadTags = mayReadTags;
    }

    CompletableFuture<OssResponse> start(ConnectionWatch connection) {
      // Registered before the first look, so an append committed in between still wakes it.
      if (!waiters.add(ref, this)) {
        throw tooManyWaiters(waiters);
      }
      // A client that goes away gives its place back now, not at the timeout.
      forgetConnection =
          connection.onClose(
              () -> {
                if (done()) {
                  answer.cancel(false);
                }
              });
      timedOut = tail.maxWait().isZero();
      lookNow();
      if (!answer.isDone()) {
        timeout =
            waiters.schedule(
                () -> {
                  timedOut = true;
                  wake();
                },
                tail.maxWait());
        if (answer.isDone()) {
          timeout.cancel(false);
        }
      }
      return answer;
    }

    @Override
    void look() {
      if (answer.isDone()) {
        return;
      }
      TailLook l = TailLook.at(storage, ref, tail.position(), generation);
      switch (l.state()) {
        case BYTES -> answer(bytes(l.object(), l), l);
        case END -> answer(empty(l.object(), "end"), l);
        case REPLACED -> {
          if (!seen) {
            l.close();
            fail(
                OssException.of(OssErrorCode.INVALID_RANGE)
                    .detail("ActualObjectSize", Long.toString(l.object().size()))
                    .header(HEADER, "error"));
          } else {
            answer(empty(l.object(), "replaced"), l);
          }
        }
        case ABSENT -> {
          if (seen) {
            fail(OssException.of(OssErrorCode.NO_SUCH_KEY).header(HEADER, "deleted"));
          } else if (tail.position() > 0) {
            fail(OssException.of(OssErrorCode.NO_SUCH_KEY).header(HEADER, "error"));
          } else if (timedOut) {
            // Waited for an object that was never created.
            fail(OssException.of(OssErrorCode.NO_SUCH_KEY).header(HEADER, "timeout"));
          }
        }
        case WAIT -> {
          seen = true;
          generation = l.object().blobId();
          if (timedOut) {
            answer(empty(l.object(), "timeout"), l);
          } else {
            l.close();
          }
        }
      }
    }

    private OssResponse bytes(ObjectRecord o, TailLook l) {
      long from = tail.position();
      OssResponse r = OssResponse.status(206);
      ObjectHeaders.describe(r, o, mayReadTags);
      r.header("Content-Range", "bytes " + from + "-" + (o.size() - 1) + "/" + o.size());
      r.header(HEADER, "data");
      return r.body(new OssResponse.ObjectBody(l.open(), from, o.size() - from));
    }

    private OssResponse empty(ObjectRecord o, String outcome) {
      OssResponse r = OssResponse.ok();
      ObjectHeaders.describe(r, o, mayReadTags);
      r.header(HEADER, outcome);
      return r.body(new OssResponse.NoBody(0));
    }

    /** Answers with {@code r}; an object body keeps {@code l} open, anything else closes it. */
    private void answer(OssResponse r, TailLook l) {
      boolean keepsOpen = r.body() instanceof OssResponse.ObjectBody;
      if (done() && answer.complete(r)) {
        if (!keepsOpen) {
          l.close();
        }
      } else {
        l.close();
      }
    }

    private void fail(OssException e) {
      if (done()) {
        answer.completeExceptionally(e);
      }
    }

    /** Leaves the waiters; true for the one caller that gets to answer. */
    private boolean done() {
      if (answer.isDone()) {
        return false;
      }
      waiters.remove(ref, this);
      forgetConnection.run();
      ScheduledFuture<?> t = timeout;
      if (t != null) {
        t.cancel(false);
      }
      return true;
    }

    @Override
    void failed(RuntimeException e) {
      if (done()) {
        answer.completeExceptionally(e);
      }
    }

    @Override
    public void shutdown() {
      timedOut = true;
      wake();
    }
  }
}
