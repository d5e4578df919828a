package dev.osprey.cli.bench;

import java.io.IOException;

/**
 * The bench's bucket: created when missing (and then removed at the end), used as it is when it
 * exists and is the caller's.
 *
 * @param created whether this run created it
 * @param error why the bucket cannot be used, or null
 */
record BucketSetup(boolean created, String error) {

  static BucketSetup ensure(BenchTarget target, String bucket) {
    try (OssClient c = new OssClient(target)) {
      Response r = c.createBucket(bucket);
      if (r.status == 200) {
        return new BucketSetup(true, null);
      }
      String code = r.ossCode();
      if (r.status == 409 && code.equals("BucketAlreadyExists")) {
        // Ours or someone else's: a listing tells.
        Response list = c.list(bucket, "", 1);
        if (list.status == 200) {
          return new BucketSetup(false, null);
        }
        return new BucketSetup(
            false,
            "bucket "
                + bucket
                + " exists and is not readable: HTTP "
                + list.status
                + " "
                + list.ossCode());
      }
      return new BucketSetup(
          false, "cannot create bucket " + bucket + ": HTTP " + r.status + " " + code);
    } catch (IOException e) {
      return new BucketSetup(false, "cannot reach the endpoint: " + e);
    }
  }

  /** Deletes the bucket; returns why it could not be, or null. */
  static String remove(BenchTarget target, String bucket) {
    try (OssClient c = new OssClient(target)) {
      Response r = c.deleteBucket(bucket);
      return r.status == 204
          ? null
          : "bucket " + bucket + " left in place: HTTP " + r.status + " " + r.ossCode();
    } catch (IOException e) {
      return "bucket " + bucket + " left in place: " + e;
    }
  }
}
