package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The checker itself, on histories written by hand: a correct one passes, and each kind of wrong
 * answer or read is found. Times are plain numbers in the order events happened.
 */
class AppendHistoryTest {
  private static final byte[] A = bytes("aaa");
  private static final byte[] B = bytes("bb");

  /** Two acknowledged appends, A (sent 1, answered 2) then B (sent 3, answered 4). */
  private static AppendHistory twoAppends() {
    AppendHistory h = new AppendHistory();
    h.record(new AppendHistory.Attempt(0, 0, A, 1, 2, ok(3)));
    h.record(new AppendHistory.Attempt(0, 3, B, 3, 4, ok(5)));
    return h;
  }

  @Test
  void aCorrectHistoryHasNoViolations() {
    AppendHistory h = twoAppends();
    h.record(new AppendHistory.Attempt(0, 0, B, 2, 5, new AppendHistory.Answer(409, CODE, 3)));
    h.record(new AppendHistory.Read(0, 3, bytes("aaa"), 2, 3));
    h.record(new AppendHistory.Read(0, 5, null, 5, 6));
    assertThat(h.violations(0, bytes("aaabb"))).isEmpty();
  }

  @Test
  void aReadOfPartOfAnAppendIsFound() {
    AppendHistory h = twoAppends();
    h.record(new AppendHistory.Read(0, 4, bytes("aaab"), 3, 4));
    assertThat(h.violations(0, bytes("aaabb"))).singleElement().asString().contains("length 4");
  }

  @Test
  void aReadOfBytesThatWereNotAcknowledgedIsFound() {
    AppendHistory h = twoAppends();
    h.record(new AppendHistory.Read(0, 3, bytes("aXa"), 2, 3));
    assertThat(h.violations(0, bytes("aaabb"))).singleElement().asString().contains("other bytes");
  }

  @Test
  void aStaleReadIsFound() {
    AppendHistory h = twoAppends();
    // sent at 5, after B was acknowledged at 4, yet it sees only A
    h.record(new AppendHistory.Read(0, 3, bytes("aaa"), 5, 6));
    assertThat(h.violations(0, bytes("aaabb")))
        .singleElement()
        .asString()
        .contains("after the append past it");
  }

  @Test
  void aReadFromTheFutureIsFound() {
    AppendHistory h = twoAppends();
    // answered at 2, before B was sent at 3, yet it sees B
    h.record(new AppendHistory.Read(0, 5, bytes("aaabb"), 1, 2));
    assertThat(h.violations(0, bytes("aaabb")))
        .singleElement()
        .asString()
        .contains("before the append making it was sent");
  }

  @Test
  void readsOutOfRealTimeOrderAreFound() {
    AppendHistory h = new AppendHistory();
    h.record(new AppendHistory.Attempt(0, 0, A, 1, 10, ok(3)));
    // the first read sees A and is answered at 4; the second is sent at 5 and sees nothing
    h.record(new AppendHistory.Read(0, 3, bytes("aaa"), 2, 4));
    h.record(new AppendHistory.Read(0, 0, new byte[0], 5, 6));
    assertThat(h.violations(0, bytes("aaa")))
        .singleElement()
        .asString()
        .contains("after an earlier read");
  }

  @Test
  void aGapInTheChainAndALostAppendAreFound() {
    AppendHistory h = new AppendHistory();
    h.record(new AppendHistory.Attempt(0, 0, A, 1, 2, ok(3)));
    h.record(new AppendHistory.Attempt(0, 4, B, 3, 4, ok(6)));
    assertThat(h.violations(0, bytes("aaa")))
        .anySatisfy(v -> assertThat(v).contains("chain ends at 3"))
        .anySatisfy(v -> assertThat(v).contains("final content"));
  }

  private static final String CODE = "PositionNotEqualToLength";

  private static AppendHistory.Answer ok(long next) {
    return new AppendHistory.Answer(200, null, next);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
