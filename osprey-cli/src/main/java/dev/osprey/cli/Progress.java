package dev.osprey.cli;

import com.aliyun.oss.event.ProgressEvent;
import com.aliyun.oss.event.ProgressEventType;
import com.aliyun.oss.event.ProgressListener;
import java.io.PrintStream;

/**
 * A one-line progress bar on standard error, redrawn in place. Only for a terminal: {@link #of}
 * gives none when the output is piped or redirected, so logs and scripts see no control characters.
 */
final class Progress implements ProgressListener {
  private static final int WIDTH = 30;
  private final String label;
  private final PrintStream err;
  private long total;
  private long done;
  private int lastPercent = -1;

  private Progress(String label, long total, PrintStream err) {
    this.label = label;
    this.total = total;
    this.err = err;
  }

  /** A bar for a transfer of {@code total} bytes, or null when not on a terminal. */
  static Progress of(String label, long total) {
    return System.console() == null ? null : new Progress(label, total, System.err);
  }

  @Override
  public synchronized void progressChanged(ProgressEvent e) {
    ProgressEventType t = e.getEventType();
    if (t == ProgressEventType.REQUEST_CONTENT_LENGTH_EVENT
        || t == ProgressEventType.RESPONSE_CONTENT_LENGTH_EVENT) {
      total = Math.max(total, e.getBytes());
    } else if (t == ProgressEventType.REQUEST_BYTE_TRANSFER_EVENT
        || t == ProgressEventType.RESPONSE_BYTE_TRANSFER_EVENT) {
      done += e.getBytes();
      draw();
    } else if (t == ProgressEventType.TRANSFER_COMPLETED_EVENT) {
      done = total;
      draw();
      err.println();
    }
  }

  private void draw() {
    int percent = total <= 0 ? 100 : (int) Math.min(100, done * 100 / total);
    if (percent == lastPercent) {
      return;
    }
    lastPercent = percent;
    int filled = percent * WIDTH / 100;
    err.print(
        "\r"
            + label
            + " ["
            + "#".repeat(filled)
            + " ".repeat(WIDTH - filled)
            + "] "
            + percent
            + "% ");
    err.flush();
  }
}
