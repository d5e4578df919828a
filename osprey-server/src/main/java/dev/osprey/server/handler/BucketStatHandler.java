package dev.osprey.server.handler;

import dev.osprey.protocol.ObjectType;
import dev.osprey.protocol.StorageClass;
import dev.osprey.protocol.op.BucketOperation.GetBucketStat;
import dev.osprey.protocol.xml.BucketStat;
import dev.osprey.server.api.OssResponse;
import dev.osprey.server.api.RequestContext;
import dev.osprey.storage.ListUploadsCommand;
import dev.osprey.storage.MetadataStore;
import dev.osprey.storage.ObjectRecord;
import dev.osprey.storage.ObjectService;
import dev.osprey.storage.UploadListing;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * GetBucketStat, counted when asked: one pass over the bucket's current objects and its pending
 * multipart uploads. OSS documents its numbers as not real-time; Osprey's are exact, at a cost that
 * grows with the bucket (docs/browsers.md).
 */
final class BucketStatHandler {
  private static final int PAGE = 1000;

  private final ObjectService storage;

  BucketStatHandler(ObjectService storage) {
    this.storage = storage;
  }

  /**
   * <a
   * href="https://www.alibabacloud.com/help/en/oss/developer-reference/getbucketstat">GetBucketStat</a>.
   */
  OssResponse getBucketStat(RequestContext ctx, GetBucketStat op) {
    storage.getBucket(op.bucket()); // NoSuchBucket
    MetadataStore metadata = storage.metadata();
    Map<StorageClass, BucketStat.Usage> perClass = new EnumMap<>(StorageClass.class);
    long bytes = 0;
    long objects = 0;
    long appendable = 0;
    long newest = 0;
    String after = null;
    while (true) {
      List<ObjectRecord> page = metadata.listObjects(op.bucket(), null, after, PAGE);
      for (ObjectRecord o : page) {
        if (o.isDeleteMarker()) {
          continue;
        }
        objects++;
        bytes += o.size();
        appendable += o.type() == ObjectType.APPENDABLE ? 1 : 0;
        newest = Math.max(newest, o.lastModified().getEpochSecond());
        perClass.merge(
            o.attributes().storageClass(),
            BucketStat.Usage.NONE.plus(o.size()),
            (sum, one) -> sum.plus(one.storage()));
      }
      if (page.size() < PAGE) {
        break;
      }
      after = page.get(page.size() - 1).key();
    }
    BucketStat stat =
        new BucketStat(bytes, objects, uploads(op.bucket()), newest, appendable, perClass);
    return OssResponse.xml(stat.toXml());
  }

  private long uploads(String bucket) {
    long count = 0;
    String keyMarker = null;
    String idMarker = null;
    while (true) {
      UploadListing page =
          storage.listMultipartUploads(
              new ListUploadsCommand(bucket, null, null, keyMarker, idMarker, PAGE));
      count += page.uploads().size();
      if (!page.truncated()) {
        return count;
      }
      keyMarker = page.nextKeyMarker();
      idMarker = page.nextUploadIdMarker();
    }
  }
}
