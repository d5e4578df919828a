package dev.osprey.cli;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.AbortMultipartUploadRequest;
import com.aliyun.oss.model.ListMultipartUploadsRequest;
import com.aliyun.oss.model.MultipartUpload;
import com.aliyun.oss.model.MultipartUploadListing;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code osprey rb oss://bucket [--force]}: deletes a bucket. OSS refuses a bucket that holds
 * objects or unfinished multipart uploads (BucketNotEmpty); {@code --force} deletes them first.
 */
@Command(
    name = "rb",
    mixinStandardHelpOptions = true,
    description = "Deletes a bucket; with --force, its objects and unfinished uploads too.")
final class RbCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "oss://BUCKET")
  String target;

  @Option(
      names = {"-f", "--force"},
      description = "Delete the bucket's objects and multipart uploads first.")
  boolean force;

  @Option(names = "--dry-run", description = "Say what would be done, and do nothing.")
  boolean dryRun;

  @Mixin ClientOptions client;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    OssUri uri = OssUri.parseLocation(target);
    if (!uri.key().isEmpty()) {
      throw new IllegalArgumentException("expected oss://bucket, got " + target);
    }
    Output out = new Output(spec, client);
    OSS oss = client.connect();
    try {
      long objects = 0;
      long uploads = 0;
      if (force) {
        objects = new BatchDelete(oss, uri.bucket(), dryRun).deleteUnder(uri, out);
        uploads = abortUploads(oss, uri.bucket());
      }
      if (dryRun) {
        oss.getBucketInfo(uri.bucket());
      } else {
        oss.deleteBucket(uri.bucket());
      }
      out.text((dryRun ? "Would delete " : "Deleted ") + "oss://" + uri.bucket());
      out.document(
          Map.of(
              "bucket", uri.bucket(),
              "deletedObjects", objects,
              "abortedUploads", uploads,
              "dryRun", dryRun));
      return ExitCodes.OK;
    } finally {
      oss.shutdown();
    }
  }

  private long abortUploads(OSS oss, String bucket) {
    long n = 0;
    String keyMarker = null;
    String idMarker = null;
    MultipartUploadListing page;
    do {
      ListMultipartUploadsRequest req = new ListMultipartUploadsRequest(bucket);
      req.setKeyMarker(keyMarker);
      req.setUploadIdMarker(idMarker);
      page = oss.listMultipartUploads(req);
      for (MultipartUpload u : page.getMultipartUploads()) {
        if (!dryRun) {
          oss.abortMultipartUpload(
              new AbortMultipartUploadRequest(bucket, u.getKey(), u.getUploadId()));
        }
        n++;
      }
      keyMarker = page.getNextKeyMarker();
      idMarker = page.getNextUploadIdMarker();
    } while (page.isTruncated());
    return n;
  }
}
