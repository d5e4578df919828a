package dev.osprey.cli;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.DeleteObjectsRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes every object under a prefix with DeleteObjects, up to 1,000 keys a request (the OSS
 * limit), in quiet mode so the answer stays small.
 */
final class BatchDelete {
  private final OSS oss;
  private final String bucket;
  private final boolean dryRun;

  BatchDelete(OSS oss, String bucket, boolean dryRun) {
    this.oss = oss;
    this.bucket = bucket;
    this.dryRun = dryRun;
  }

  /** Deletes (or, on a dry run, names) the objects under {@code where}; returns how many. */
  long deleteUnder(OssUri where, Output out) {
    List<String> batch = new ArrayList<>();
    long[] n = {0};
    Listing.forEach(
        oss,
        where,
        0,
        s -> {
          batch.add(s.getKey());
          n[0]++;
          if (batch.size() == Listing.PAGE) {
            flush(batch, out);
          }
        });
    flush(batch, out);
    return n[0];
  }

  private void flush(List<String> batch, Output out) {
    if (!batch.isEmpty() && !dryRun) {
      DeleteObjectsRequest req = new DeleteObjectsRequest(bucket);
      req.setKeys(new ArrayList<>(batch));
      req.setQuiet(true);
      oss.deleteObjects(req);
    }
    for (String key : batch) {
      out.text((dryRun ? "Would delete " : "Deleted ") + new OssUri(bucket, key));
    }
    batch.clear();
  }
}
