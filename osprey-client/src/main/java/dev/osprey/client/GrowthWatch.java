package dev.osprey.client;

import java.io.IOException;

/**
 * How an {@link ObjectFollower} learns, by polling, that its object grew past the position it has
 * read to: {@link PollingWatch} (HEAD, then wait, with backoff while nothing changes). Against
 * Osprey the follower uses the live tail ({@link LiveTail}) instead, which brings the bytes
 * themselves; this watch serves servers without it and objects not created yet.
 */
interface GrowthWatch {
  /**
   * Returns the object's state once it holds bytes past {@code position}, or at once when there is
   * nothing to wait for: not following, the object is sealed, shorter than {@code position}, or
   * absent after bytes were read from it. While following, an object that does not exist yet is
   * waited for (like {@code tail -F}). Returns null for an absent object.
   *
   * @param position how far the follower has read
   * @param follow whether to wait for bytes that are not there yet
   * @throws OssStreamException when the server refuses the request (not following: {@code
   *     NoSuchKey} too) or cannot be reached for as long as the retry policy allows
   */
  ObjectState awaitBeyond(long position, boolean follow) throws IOException;

  /** Ends a wait in progress from another thread; the watch returns its last state at once. */
  void wakeUp();
}
