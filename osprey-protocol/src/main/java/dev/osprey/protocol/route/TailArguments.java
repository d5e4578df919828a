package dev.osprey.protocol.route;

import dev.osprey.protocol.OssException;
import dev.osprey.protocol.op.TailRead;
import java.time.Duration;
import java.util.regex.Pattern;

/** Reads the live tail's query parameters of a GET ({@link TailRead}); checked here, once. */
final class TailArguments {
  private static final Pattern LAST_EVENT_ID = Pattern.compile("[0-9]{1,18}");

  private TailArguments() {}

  /** The tail the request asks for, or null when it names no {@link TailRead#POSITION}. */
  static TailRead of(ObjectRoutes.Request r) {
    QueryArguments args = r.args();
    if (!args.has(TailRead.POSITION)) {
      return null;
    }
    if (args.has("versionId")) {
      // A version never grows: there is nothing to wait for.
      throw OssException.invalidArgument(
          "The live tail reads the current object; it cannot name a version.",
          TailRead.POSITION,
          args.string(TailRead.POSITION));
    }
    long position = args.nonNegative(TailRead.POSITION);
    Duration wait = TailRead.DEFAULT_WAIT;
    if (args.has(TailRead.WAIT)) {
      long seconds = args.nonNegative(TailRead.WAIT);
      if (seconds > TailRead.MAX_WAIT.toSeconds()) {
        throw OssException.invalidArgument(
            TailRead.WAIT + " must be at most " + TailRead.MAX_WAIT.toSeconds() + " seconds.",
            TailRead.WAIT,
            args.string(TailRead.WAIT));
      }
      wait = Duration.ofSeconds(seconds);
    }
    String format = args.string(TailRead.FORMAT);
    if (format != null && !format.equals("sse")) {
      throw OssException.invalidArgument(
          TailRead.FORMAT + " must be sse.", TailRead.FORMAT, format);
    }
    String accept = r.headers().get("accept");
    boolean events = format != null || (accept != null && accept.contains("text/event-stream"));
    String lastEvent = r.headers().get("last-event-id");
    if (events && lastEvent != null && LAST_EVENT_ID.matcher(lastEvent).matches()) {
      // A reconnecting EventSource: each event's id is the position after it.
      position = Long.parseLong(lastEvent);
    }
    return new TailRead(position, wait, events);
  }
}
