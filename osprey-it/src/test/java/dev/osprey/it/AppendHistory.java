package dev.osprey.it;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Every answer racing appenders got, and the check that they are linearizable: as if each append
 * took effect at one instant between its request and its answer, on an object whose length only
 * grows by the appends that were acknowledged (ARCHITECTURE invariant 2, spec §1.2).
 *
 * <p>Per object, the check asks that
 *
 * <ul>
 *   <li>the acknowledged appends form one chain: sorted by position, each starts where the one
 *       before ended (no two at one position, no gap), and each answered the position it ended at;
 *   <li>each acknowledged append was answered after its predecessor in the chain was sent (it
 *       cannot have taken effect before the append it builds on started);
 *   <li>every {@code 409 PositionNotEqualToLength} reports, in {@code x-oss-next-append-position},
 *       a length of that chain other than the position it was sent with, one that was current at
 *       some instant of the request: the append that made it had been sent before the 409 was
 *       answered, and the one that ended it had not been answered before the 409 was sent;
 *   <li>no other answer came back;
 *   <li>the object's bytes are exactly the acknowledged payloads, in chain order;
 *   <li>every read saw a length of that chain (never part of an append), current at some instant of
 *       the read: not an append that had not yet been sent, not missing one acknowledged before the
 *       read was sent; the bytes it saw, when it read them, are the acknowledged payloads up to
 *       that length (so no byte it saw changed later); and a read sent after another was answered
 *       saw no shorter object.
 * </ul>
 *
 * <p>A 409 whose client could not see the length it reported (the Java SDK does not expose {@code
 * x-oss-next-append-position} on an error) is recorded with {@code nextPosition} -1 and checked for
 * its code only.
 */
final class AppendHistory {
  /**
   * One request and its answer; times are {@link System#nanoTime()} just before sending and just
   * after the answer was read.
   */
  record Attempt(
      int object,
      long position,
      byte[] payload,
      long sentNanos,
      long answeredNanos,
      Answer answer) {}

  /** What the server said: the status, the OSS error code (null on success) and the position. */
  record Answer(int status, String code, long nextPosition) {}

  /**
   * One read of an object that succeeded: the length it reported and, for a GET, the bytes it
   * returned (null for a HEAD); times as for {@link Attempt}.
   */
  record Read(int object, long length, byte[] content, long sentNanos, long answeredNanos) {}

  private final ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Read> reads = new ConcurrentLinkedQueue<>();

  void record(Attempt a) {
    attempts.add(a);
  }

  void record(Read r) {
    reads.add(r);
  }

  int reads() {
    return reads.size();
  }

  int size() {
    return attempts.size();
  }

  long acknowledged() {
    return attempts.stream().filter(a -> a.answer().status() == 200).count();
  }

  long conflicts() {
    return attempts.stream().filter(a -> a.answer().status() == 409).count();
  }

  /** What the check found wrong with {@code object}'s history, given its final bytes; none: []. */
  List<String> violations(int object, byte[] finalContent) {
    List<String> problems = new ArrayList<>();
    List<Attempt> winners = new ArrayList<>();
    List<Attempt> conflicts = new ArrayList<>();
    for (Attempt a : attempts) {
      if (a.object() != object) {
        continue;
      }
      if (a.answer().status() == 200) {
        winners.add(a);
      } else if (a.answer().status() == 409
          && "PositionNotEqualToLength".equals(a.answer().code())) {
        conflicts.add(a);
      } else {
        problems.add("unexpected answer " + a.answer() + " to an append at " + a.position());
      }
    }
    winners.sort(Comparator.comparingLong(Attempt::position));
    // lengths.get(k) is the object's length after k acknowledged appends
    List<Long> lengths = new ArrayList<>(List.of(0L));
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    for (int i = 0; i < winners.size(); i++) {
      Attempt w = winners.get(i);
      long end = w.position() + w.payload().length;
      if (w.position() != lengths.getLast()) {
        problems.add(
            "acknowledged append at "
                + w.position()
                + " but the chain ends at "
                + lengths.getLast());
      }
      if (w.answer().nextPosition() != end) {
        problems.add("append at " + w.position() + " answered " + w.answer().nextPosition());
      }
      if (i > 0 && w.answeredNanos() < winners.get(i - 1).sentNanos()) {
        problems.add("append at " + w.position() + " answered before its predecessor was sent");
      }
      lengths.add(end);
      expected.writeBytes(w.payload());
    }
    Map<Long, Integer> indexOf = new HashMap<>();
    for (int k = 0; k < lengths.size(); k++) {
      indexOf.put(lengths.get(k), k);
    }
    for (Attempt c : conflicts) {
      String why = c.answer().nextPosition() < 0 ? null : conflictViolation(c, indexOf, winners);
      if (why != null) {
        problems.add(why);
      }
    }
    byte[] acknowledged = expected.toByteArray();
    problems.addAll(readViolations(object, indexOf, winners, acknowledged));
    if (!java.util.Arrays.equals(acknowledged, finalContent)) {
      problems.add(
          "final content ("
              + finalContent.length
              + " bytes) is not the acknowledged payloads in order ("
              + expected.size()
              + " bytes)");
    }
    return problems;
  }

  private List<String> readViolations(
      int object, Map<Long, Integer> indexOf, List<Attempt> winners, byte[] acknowledged) {
    List<String> problems = new ArrayList<>();
    List<Read> mine = new ArrayList<>();
    for (Read r : reads) {
      if (r.object() == object) {
        mine.add(r);
      }
    }
    for (Read r : mine) {
      Integer k = indexOf.get(r.length());
      if (k == null) {
        problems.add("a read saw length " + r.length() + ", never the object's length");
        continue;
      }
      if (r.content() != null
          && (r.content().length != r.length()
              || !java.util.Arrays.equals(
                  r.content(), 0, r.content().length, acknowledged, 0, (int) r.length()))) {
        problems.add(
            "a read of " + r.length() + " bytes saw other bytes than the acknowledged ones");
      }
      if (k > 0 && winners.get(k - 1).sentNanos() > r.answeredNanos()) {
        problems.add("a read saw length " + r.length() + " before the append making it was sent");
      }
      if (k < winners.size() && winners.get(k).answeredNanos() < r.sentNanos()) {
        problems.add(
            "a read saw length " + r.length() + " after the append past it had been acknowledged");
      }
    }
    // Real-time order among reads: sweep them by sending time, knowing the longest length seen by
    // the reads answered before.
    List<Read> bySent = new ArrayList<>(mine);
    bySent.sort(Comparator.comparingLong(Read::sentNanos));
    List<Read> byAnswered = new ArrayList<>(mine);
    byAnswered.sort(Comparator.comparingLong(Read::answeredNanos));
    long longestBefore = -1;
    int done = 0;
    for (Read r : bySent) {
      while (done < byAnswered.size() && byAnswered.get(done).answeredNanos() < r.sentNanos()) {
        longestBefore = Math.max(longestBefore, byAnswered.get(done).length());
        done++;
      }
      if (r.length() < longestBefore) {
        problems.add(
            "a read saw length "
                + r.length()
                + " after an earlier read had been answered "
                + longestBefore);
      }
    }
    return problems;
  }

  private static String conflictViolation(
      Attempt c, Map<Long, Integer> indexOf, List<Attempt> winners) {
    long reported = c.answer().nextPosition();
    Integer k = indexOf.get(reported);
    if (k == null) {
      return "409 at " + c.position() + " reported " + reported + ", never the object's length";
    }
    if (reported == c.position()) {
      return "409 at " + c.position() + " reported that very position as the length";
    }
    if (k > 0 && winners.get(k - 1).sentNanos() > c.answeredNanos()) {
      return "409 at " + c.position() + " reported " + reported + " before any append made it";
    }
    if (k < winners.size() && winners.get(k).answeredNanos() < c.sentNanos()) {
      return "409 at " + c.position() + " reported " + reported + " after it had grown past it";
    }
    return null;
  }
}
