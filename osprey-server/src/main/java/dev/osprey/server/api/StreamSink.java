package dev.osprey.server.api;

/**
 * Where a {@link OssResponse.StreamBody} writes, from any thread. Each {@link #send} goes out as
 * one chunk, whole and in the order of the calls; after {@link #end} or a closed connection, sends
 * are dropped.
 */
public interface StreamSink {
  /** Sends {@code bytes} as one chunk now (flushed). */
  void send(byte[] bytes);

  /** Ends the response; the connection then serves its next request (or closes). */
  void end();

  /** False once the response ended or the connection closed. */
  boolean isOpen();

  /**
   * Runs {@code action} once, when the response ends or the connection closes (at once if it
   * already has).
   */
  void onClose(Runnable action);
}
