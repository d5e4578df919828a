package dev.osprey.server.handler;

import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.op.TailRead;
import dev.osprey.server.api.OssResponse;
import dev.osprey.server.api.StreamSink;
import dev.osprey.server.tail.TailWaiters;
import dev.osprey.storage.ObjectRecord;
import dev.osprey.storage.ObjectRef;
import dev.osprey.storage.ObjectSegment;
import dev.osprey.storage.ObjectService;
import dev.osprey.storage.OpenObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

/**
 * The live tail as Server-Sent Events, for browsers: one {@code append} event per run of new bytes
 * (at most {@link #EVENT_BYTES} each) with its position and the bytes in base64, an {@code end}
 * event when the object is sealed (and read), deleted or replaced, a comment every {@link #PING}
 * while idle. Each event's id is the position after it, so a browser's {@code EventSource} that
 * reconnects sends it back as {@code Last-Event-ID} and resumes exactly there. The stream holds a
 * waiter's place for its whole life, at most {@link TailRead#MAX_STREAM}.
 */
final class TailEvents extends TailWait implements Consumer<StreamSink> {
  /** The most bytes one event carries. */
  static final int EVENT_BYTES = 48 * 1024;

  /** Keep-alive comments while nothing happens: proxies and dead connections notice. */
  static final Duration PING = Duration.ofSeconds(15);

  private final ObjectService storage;
  private final TailWaiters waiters;
  private final ObjectRef ref;
  private long position;
  private String generation;
  private boolean seen;
  private volatile StreamSink sink;
  private volatile boolean stopped;
  private ScheduledFuture<?> ping;
  private ScheduledFuture<?> lifetime;

  TailEvents(
      ObjectService storage, TailWaiters waiters, Executor executor, ObjectRef ref, long position) {
    super(executor);
    this.storage = storage;
    this.waiters = waiters;
    this.ref = ref;
    this.position = position;
  }

  /**
   * The response: an error when there is nothing to stream (no object past position 0, a position
   * past the end), else the stream, its waiter registered.
   */
  OssResponse respond() {
    TailLook first = TailLook.at(storage, ref, position, null);
    first.close();
    if (first.state() == TailLook.State.ABSENT && position > 0) {
      throw OssException.of(OssErrorCode.NO_SUCH_KEY).header(TailHandler.HEADER, "error");
    }
    if (first.state() == TailLook.State.REPLACED) {
      throw OssException.of(OssErrorCode.INVALID_RANGE)
          .detail("ActualObjectSize", Long.toString(first.object().size()))
          .header(TailHandler.HEADER, "error");
    }
    if (!waiters.add(ref, this)) {
      throw TailHandler.tooManyWaiters(waiters);
    }
    return OssResponse.ok()
        .header("Cache-Control", "no-cache")
        .header("X-Accel-Buffering", "no")
        .header(TailHandler.HEADER, "events")
        .body(new OssResponse.StreamBody("text/event-stream", this));
  }

  /** The head is sent: start streaming. */
  @Override
  public void accept(StreamSink s) {
    sink = s;
    s.onClose(this::stop);
    s.send("retry: 1000\n\n".getBytes(StandardCharsets.US_ASCII));
    ping = waiters.every(() -> s.send(": ping\n\n".getBytes(StandardCharsets.US_ASCII)), PING);
    lifetime = waiters.schedule(s::end, TailRead.MAX_STREAM);
    wake();
  }

  @Override
  void look() {
    StreamSink s = sink;
    if (stopped || s == null || !s.isOpen()) {
      return;
    }
    TailLook l = TailLook.at(storage, ref, position, generation);
    try {
      switch (l.state()) {
        case BYTES -> {
          seen = true;
          generation = l.object().blobId();
          send(s, l.open());
          if (!grows(l.object())) {
            end(s, "sealed");
          }
        }
        case END -> end(s, "sealed");
        case REPLACED -> end(s, "replaced");
        case ABSENT -> {
          if (seen || position > 0) {
            end(s, "deleted");
          }
        }
        case WAIT -> {
          seen = true;
          generation = l.object().blobId();
        }
      }
    } finally {
      l.close();
    }
  }

  private static boolean grows(ObjectRecord o) {
    return o.type() == dev.osprey.protocol.ObjectType.APPENDABLE && o.sealedTime() == null;
  }

  /** Sends {@code [position, size)} of {@code open} as events of at most {@link #EVENT_BYTES}. */
  private void send(StreamSink s, OpenObject open) {
    long end = open.object().size();
    while (position < end && s.isOpen()) {
      int n = (int) Math.min(EVENT_BYTES, end - position);
      byte[] bytes = read(open, position, n);
      long next = position + n;
      String event =
          "event: append\nid: "
              + next
              + "\ndata: {\"position\":"
              + position
              + ",\"next\":"
              + next
              + ",\"size\":"
              + end
              + ",\"bytes\":\""
              + Base64.getEncoder().encodeToString(bytes)
              + "\"}\n\n";
      s.send(event.getBytes(StandardCharsets.US_ASCII));
      position = next;
    }
  }

  private void end(StreamSink s, String reason) {
    String event =
        "event: end\nid: "
            + position
            + "\ndata: {\"position\":"
            + position
            + ",\"reason\":\""
            + reason
            + "\"}\n\n";
    s.send(event.getBytes(StandardCharsets.US_ASCII));
    s.end();
  }

  private static byte[] read(OpenObject open, long offset, int length) {
    ByteBuffer out = ByteBuffer.allocate(length);
    try {
      for (ObjectSegment segment : open.segments(offset, length)) {
        switch (segment) {
          case ObjectSegment.BytesSegment b -> out.put(b.bytes().duplicate());
          case ObjectSegment.FileSegment f -> {
            try (ReadableByteChannel in = f.blob().read(f.offset(), f.length())) {
              long left = f.length();
              while (left > 0) {
                int r = in.read(out);
                if (r < 0) {
                  throw new IOException("the blob ended early");
                }
                left -= r;
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.array();
  }

  /** The response ended or the connection closed: leave the waiters. */
  private void stop() {
    stopped = true;
    waiters.remove(ref, this);
    if (ping != null) {
      ping.cancel(false);
    }
    if (lifetime != null) {
      lifetime.cancel(false);
    }
  }

  @Override
  void failed(RuntimeException e) {
    StreamSink s = sink;
    if (s != null) {
      end(s, "error");
    }
  }

  @Override
  public void shutdown() {
    StreamSink s = sink;
    if (s != null) {
      s.end();
    } else {
      waiters.remove(ref, this);
    }
  }
}
