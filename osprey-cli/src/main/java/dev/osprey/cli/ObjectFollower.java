package dev.osprey.cli;

import com.aliyun.oss.ClientException;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSErrorCode;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.GetObjectRequest;
import com.aliyun.oss.model.OSSObject;
import com.aliyun.oss.model.ObjectMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.text.ParseException;
import java.time.Duration;

/**
 * Copies an object to a stream and, when following, keeps copying what gets appended, like {@code
 * tail -f}: each round reads the length with HEAD and fetches only the new range. Stops at the end
 * of the object (not following), when the object is sealed and fully copied, or when interrupted.
 */
public final class ObjectFollower {
  private final OSS oss;
  private final String bucket;
  private final String key;
  private final Duration pollInterval;
  private Duration retryFor = StreamAppender.DEFAULT_RETRY_FOR;

  public ObjectFollower(OSS oss, String bucket, String key, Duration pollInterval) {
    this.oss = oss;
    this.bucket = bucket;
    this.key = key;
    this.pollInterval = pollInterval;
  }

  /**
   * Returns the number of bytes copied. When following, an object that does not exist yet is waited
   * for (like {@code tail -F}), and a server that cannot be reached is retried with backoff for up
   * to {@link #retryFor}; the copy goes on from the last byte written, so a restart neither loses
   * nor repeats a byte.
   */
  public long copyTo(OutputStream out, boolean follow) throws IOException, InterruptedException {
    long[] position = {0};
    Backoff backoff = new Backoff(Duration.ofSeconds(5), retryFor);
    while (true) {
      ObjectMetadata m;
      try {
        m = oss.getObjectMetadata(bucket, key);
        long length = m.getContentLength();
        if (length < position[0]) {
          throw new IOException(
              "oss://"
                  + bucket
                  + "/"
                  + key
                  + " shrank from "
                  + position[0]
                  + " to "
                  + length
                  + " bytes: it was replaced");
        }
        if (length > position[0]) {
          copyRange(out, position, length - 1);
        }
        backoff.reset();
        if (!follow || sealed(m) && position[0] == length) {
          return position[0];
        }
      } catch (OSSException e) {
        if (!follow || !OSSErrorCode.NO_SUCH_KEY.equals(e.getErrorCode()) || position[0] > 0) {
          throw e;
        }
        // Not there yet: wait for it to be created, as tail -F does.
      } catch (ClientException e) {
        if (!follow || !backoff.pause()) {
          throw e;
        }
        continue;
      }
      Thread.sleep(pollInterval.toMillis());
    }
  }

  /** Sets how long to keep retrying while the server cannot be reached; returns this. */
  public ObjectFollower retryFor(Duration value) {
    this.retryFor = value;
    return this;
  }

  /** Copies {@code [position[0], last]}, advancing {@code position[0]} by every byte written. */
  private void copyRange(OutputStream out, long[] position, long last) throws IOException {
    GetObjectRequest get = new GetObjectRequest(bucket, key);
    get.setRange(position[0], last);
    try (OSSObject o = oss.getObject(get)) {
      InputStream in = o.getObjectContent();
      byte[] buf = new byte[64 * 1024];
      int n;
      while ((n = read(in, buf)) > 0) {
        out.write(buf, 0, n);
        position[0] += n;
      }
      out.flush();
    }
  }

  /**
   * A read of the response body; a connection cut mid-body becomes a {@link ClientException}, so
   * the caller retries from the last byte written (failures writing {@code out} are not retried).
   */
  private int read(InputStream in, byte[] buf) {
    try {
      return in.read(buf);
    } catch (IOException e) {
      throw new ClientException("reading oss://" + bucket + "/" + key + ": " + e.getMessage(), e);
    }
  }

  private static boolean sealed(ObjectMetadata m) throws IOException {
    try {
      return m.getSealedTime() != null;
    } catch (ParseException e) {
      throw new IOException("unreadable x-oss-sealed-time", e);
    }
  }
}
