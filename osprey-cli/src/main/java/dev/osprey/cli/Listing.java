package dev.osprey.cli;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.ListObjectsV2Request;
import com.aliyun.oss.model.ListObjectsV2Result;
import com.aliyun.oss.model.OSSObjectSummary;
import java.util.function.Consumer;

/** Walks every object under a prefix, page by page (ListObjectsV2), without holding them all. */
final class Listing {
  static final int PAGE = 1000;

  private Listing() {}

  /** Hands each object under {@code prefix} to {@code each}, at most {@code limit} (≤ 0: all). */
  static long forEach(OSS oss, OssUri where, long limit, Consumer<OSSObjectSummary> each) {
    String token = null;
    long seen = 0;
    do {
      ListObjectsV2Request req = new ListObjectsV2Request(where.bucket());
      req.setPrefix(where.key());
      req.setMaxKeys(PAGE);
      req.setContinuationToken(token);
      ListObjectsV2Result page = oss.listObjectsV2(req);
      for (OSSObjectSummary s : page.getObjectSummaries()) {
        if (limit > 0 && seen >= limit) {
          return seen;
        }
        each.accept(s);
        seen++;
      }
      token = page.isTruncated() ? page.getNextContinuationToken() : null;
    } while (token != null);
    return seen;
  }
}
