package dev.osprey.storage;

import dev.osprey.protocol.Limits;
import java.util.ArrayList;
import java.util.List;

/**
 * ListObjectVersions over {@link MetadataStore#listVersions} range scans, with the delimiter rules
 * of {@link ObjectLister}: versions and common prefixes merged in key order, both counting toward
 * {@code maxKeys}, and one seek past every key under a common prefix.
 */
final class VersionLister {
  private static final int SMALL_BATCH = 8;
  private static final int MAX_PAGE = Limits.LIST_PAGE;
  private final MetadataStore metadata;

  VersionLister(MetadataStore metadata) {
    this.metadata = metadata;
  }

  VersionListing list(ListVersionsCommand cmd) {
    String prefix = cmd.prefix() == null ? "" : cmd.prefix();
    String delimiter =
        cmd.delimiter() == null || cmd.delimiter().isEmpty() ? null : cmd.delimiter();
    String keyMarker =
        cmd.keyMarker() == null || cmd.keyMarker().isEmpty() ? null : cmd.keyMarker();
    String versionMarker =
        cmd.versionIdMarker() == null || cmd.versionIdMarker().isEmpty()
            ? null
            : cmd.versionIdMarker();
    int maxKeys = Math.clamp(cmd.maxKeys(), 1, MAX_PAGE);
    Page page = new Page(maxKeys);
    VersionCursor cursor =
        keyMarker == null
            ? VersionCursor.start()
            : VersionCursor.afterVersion(keyMarker, versionMarker);
    int batchSize = delimiter == null ? Integer.MAX_VALUE : SMALL_BATCH;
    while (true) {
      int want = Math.min(batchSize, page.room() + 1);
      List<VersionEntry> batch = metadata.listVersions(cmd.bucket(), prefix, cursor, want);
      boolean jumped = false;
      for (VersionEntry e : batch) {
        String key = e.record().key();
        String common =
            delimiter == null ? null : ObjectLister.commonPrefix(key, prefix, delimiter);
        boolean counts =
            common == null || keyMarker == null || Utf8Order.compare(common, keyMarker) > 0;
        if (counts && page.full()) {
          return page.truncated();
        }
        if (common == null) {
          page.add(e);
          cursor = VersionCursor.afterVersion(key, e.record().version().id());
          continue;
        }
        if (counts) {
          page.addPrefix(common);
        }
        String next = Utf8Order.successorOfPrefix(common);
        if (next == null) {
          return page.complete();
        }
        cursor = VersionCursor.atKey(next);
        jumped = true;
        break;
      }
      if (!jumped && batch.size() < want) {
        return page.complete();
      }
      batchSize = jumped ? SMALL_BATCH : Math.min(batchSize, Integer.MAX_VALUE / 2) * 2;
    }
  }

  /** The rows gathered so far and what the last one was (for the next markers). */
  private static final class Page {
    private final int maxKeys;
    private final List<VersionEntry> versions = new ArrayList<>();
    private final List<String> prefixes = new ArrayList<>();
    private String lastKey;
    private String lastVersionId;

    Page(int maxKeys) {
      this.maxKeys = maxKeys;
    }

    int room() {
      return maxKeys - versions.size() - prefixes.size();
    }

    boolean full() {
      return room() == 0;
    }

    void add(VersionEntry e) {
      versions.add(e);
      lastKey = e.record().key();
      lastVersionId = e.record().version().id();
    }

    void addPrefix(String prefix) {
      prefixes.add(prefix);
      lastKey = prefix;
      lastVersionId = null;
    }

    VersionListing truncated() {
      return new VersionListing(versions, prefixes, true, lastKey, lastVersionId);
    }

    VersionListing complete() {
      return new VersionListing(versions, prefixes, false, null, null);
    }
  }
}
