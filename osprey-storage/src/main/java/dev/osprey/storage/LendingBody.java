package dev.osprey.storage;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A request body that can lend the bytes it has already received, so they reach the checksums and
 * the blob file where they are: not copied into an array first, and, when they sit in a direct
 * buffer (as the server's network buffers do), not copied again by the JDK into a temporary direct
 * buffer for the file write. {@link BodyCopier} uses it when the body it is given offers it, and an
 * ordinary {@link java.io.InputStream} otherwise.
 */
public interface LendingBody {
  /**
   * Passes the next received bytes to {@code borrower}, waiting for some if none are there yet.
   *
   * @return how many bytes were lent, or -1 at the end of the body
   */
  long lend(Borrower borrower) throws IOException;

  /** Uses lent bytes. */
  @FunctionalInterface
  interface Borrower {
    /**
     * Uses the bytes between the buffer's position and limit. The buffer is valid during the call
     * only: its bytes go back to the network's pool afterwards and must not be kept.
     */
    void use(ByteBuffer bytes) throws IOException;
  }
}
