package dev.osprey.cli;

import com.aliyun.oss.OSS;
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

  public ObjectFollower(OSS oss, String bucket, String key, Duration pollInterval) {
    this.oss = oss;
    this.bucket = bucket;
    this.key = key;
    this.pollInterval = pollInterval;
  }

  /** Returns the number of bytes copied. */
  public long copyTo(OutputStream out, boolean follow) throws IOException, InterruptedException {
    long position = 0;
    while (true) {
      ObjectMetadata m = oss.getObjectMetadata(bucket, key);
      long length = m.getContentLength();
      if (length < position) {
        throw new IOException(
            "oss://"
                + bucket
                + "/"
                + key
                + " shrank from "
                + position
                + " to "
                + length
                + " bytes: it was replaced");
      }
      if (length > position) {
        position += copyRange(out, position, length - 1);
      }
      if (!follow || sealed(m) && position == length) {
        return position;
      }
      Thread.sleep(pollInterval.toMillis());
    }
  }

  private long copyRange(OutputStream out, long first, long last) throws IOException {
    GetObjectRequest get = new GetObjectRequest(bucket, key);
    get.setRange(first, last);
    try (OSSObject o = oss.getObject(get);
        InputStream in = o.getObjectContent()) {
      long n = in.transferTo(out);
      out.flush();
      return n;
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
