package dev.osprey.storage;

import dev.osprey.protocol.Limits;
import java.util.ArrayList;
import java.util.List;

/**
 * ListObjects over {@link MetadataStore} range scans (spec §3.5, §3.6). Objects and common prefixes
 * are merged in key order and both count toward {@code maxKeys}. After a common prefix, the scan
 * jumps past every key sharing it with one seek, so a folder of a million objects costs one step,
 * not a million.
 */
final class ObjectLister {
  private static final int SMALL_BATCH = 8;
  private static final int MAX_PAGE = Limits.LIST_PAGE;
  private final MetadataStore metadata;

  ObjectLister(MetadataStore metadata) {
    this.metadata = metadata;
  }

  ObjectListing list(ListObjectsCommand cmd) {
    String prefix = cmd.prefix() == null ? "" : cmd.prefix();
    String delimiter =
        cmd.delimiter() == null || cmd.delimiter().isEmpty() ? null : cmd.delimiter();
    String startAfter =
        cmd.startAfter() == null || cmd.startAfter().isEmpty() ? null : cmd.startAfter();
    int maxKeys = Math.clamp(cmd.maxKeys(), 1, MAX_PAGE);
    List<ObjectRecord> objects = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    String afterKey = startAfter; // exclusive cursor
    String atKey = null; // inclusive cursor, set after a jump past a common prefix
    String last = null;
    // With a delimiter, a batch may end early at a common prefix and the rest of it is wasted:
    // start small after
    // each jump and grow while plain objects keep coming.
    int batchSize = delimiter == null ? Integer.MAX_VALUE : SMALL_BATCH;
    while (true) {
      int want = Math.min(batchSize, maxKeys - objects.size() - prefixes.size() + 1);
      List<ObjectRecord> batch =
          atKey != null
              ? metadata.listObjectsFrom(cmd.bucket(), prefix, atKey, want)
              : metadata.listObjects(cmd.bucket(), prefix, afterKey, want);
      boolean jumped = false;
      for (ObjectRecord o : batch) {
        String common = delimiter == null ? null : commonPrefix(o.key(), prefix, delimiter);
        boolean counts =
            common == null || startAfter == null || Utf8Order.compare(common, startAfter) > 0;
        if (counts && objects.size() + prefixes.size() == maxKeys) {
          return new ObjectListing(objects, prefixes, true, last);
        }
        if (common == null) {
          objects.add(o);
          last = o.key();
          afterKey = o.key();
          atKey = null;
          continue;
        }
        if (counts) {
          prefixes.add(common);
          last = common;
        }
        atKey = Utf8Order.successorOfPrefix(common);
        if (atKey == null) {
          return new ObjectListing(objects, prefixes, false, null);
        }
        jumped = true;
        break;
      }
      if (!jumped && batch.size() < want) {
        return new ObjectListing(objects, prefixes, false, null);
      }
      batchSize = jumped ? SMALL_BATCH : Math.min(batchSize, Integer.MAX_VALUE / 2) * 2;
    }
  }

  /** The common prefix {@code key} rolls up into, or null when no delimiter follows the prefix. */
  static String commonPrefix(String key, String prefix, String delimiter) {
    int i = key.indexOf(delimiter, prefix.length());
    return i < 0 ? null : key.substring(0, i + delimiter.length());
  }
}
