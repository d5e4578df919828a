package dev.osprey.protocol.xml;

import dev.osprey.protocol.StorageClass;
import java.util.EnumMap;
import java.util.Map;

/**
 * The GetBucketStat body, {@code <BucketStat>}: totals, then storage and object count per storage
 * class, in the element names the Java SDK's BucketStat parser reads. Osprey keeps no cold copies,
 * so each class's "real" storage equals its storage.
 *
 * @param lastModifiedTime seconds since the epoch of the newest object (0 for an empty bucket)
 * @param perClass storage bytes and object count per class; absent classes count as zero
 */
public record BucketStat(
    long storage,
    long objectCount,
    long multipartUploadCount,
    long lastModifiedTime,
    long appendableObjectCount,
    Map<StorageClass, Usage> perClass) {

  /** Bytes and objects of one storage class. */
  public record Usage(long storage, long objectCount) {
    public static final Usage NONE = new Usage(0, 0);

    public Usage plus(long bytes) {
      return new Usage(storage + bytes, objectCount + 1);
    }
  }

  public BucketStat {
    perClass = perClass.isEmpty() ? Map.of() : new EnumMap<>(perClass);
  }

  public String toXml() {
    XmlWriter w =
        XmlWriter.document("BucketStat")
            .element("Storage", storage)
            .element("ObjectCount", objectCount)
            .element("MultipartUploadCount", multipartUploadCount)
            .element("LiveChannelCount", 0)
            .element("LastModifiedTime", lastModifiedTime);
    usage(w, "Standard", StorageClass.STANDARD, false);
    usage(w, "InfrequentAccess", StorageClass.IA, true);
    usage(w, "Archive", StorageClass.ARCHIVE, true);
    usage(w, "ColdArchive", StorageClass.COLD_ARCHIVE, true);
    usage(w, "DeepColdArchive", StorageClass.DEEP_COLD_ARCHIVE, true);
    return w.element("AppendableObjectCount", appendableObjectCount).toXml();
  }

  private void usage(XmlWriter w, String prefix, StorageClass sc, boolean withReal) {
    Usage u = perClass.getOrDefault(sc, Usage.NONE);
    w.element(prefix + "Storage", u.storage());
    if (withReal) {
      w.element(prefix + "RealStorage", u.storage());
    }
    w.element(prefix + "ObjectCount", u.objectCount());
  }
}
