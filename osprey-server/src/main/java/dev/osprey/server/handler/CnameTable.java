package dev.osprey.server.handler;

import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.route.CnameLookup;
import dev.osprey.protocol.xml.CnameBindings;
import dev.osprey.storage.BucketListing;
import dev.osprey.storage.BucketRecord;
import dev.osprey.storage.ObjectService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Custom domains and the buckets they are bound to: those given on the command line ({@code --cname
 * domain=bucket}, fixed for the server's life) and those bound by PutCname, which each bucket keeps
 * in its {@value CnameBindings#CONFIG_NAME} configuration and which are read back when the server
 * starts. The router asks this table for every request, so lookups are a map read; changes are rare
 * and made one at a time, which keeps a domain bound to one bucket only.
 */
public final class CnameTable implements CnameLookup {
  private final ObjectService storage;
  private final Map<String, String> fixed;
  private final Instant started;
  private final Map<String, String> bound = new ConcurrentHashMap<>();
  private final ReentrantLock changes = new ReentrantLock();

  private CnameTable(ObjectService storage, Map<String, String> fixed, Instant started) {
    this.storage = storage;
    this.fixed = Map.copyOf(fixed);
    this.started = started;
  }

  /**
   * The table of {@code storage}'s buckets plus the {@code fixed} bindings (domain → bucket).
   *
   * @throws IllegalArgumentException when a fixed domain is not a valid host name
   */
  public static CnameTable load(ObjectService storage, Map<String, String> fixed, Instant now) {
    for (String domain : fixed.keySet()) {
      try {
        CnameBindings.validDomain(domain);
      } catch (OssException e) {
        throw new IllegalArgumentException("not a domain name: " + domain, e);
      }
    }
    CnameTable table = new CnameTable(storage, fixed, now);
    String marker = null;
    BucketListing page;
    do {
      page = storage.listBuckets(null, marker, 1000);
      for (BucketRecord b : page.buckets()) {
        for (CnameBindings.Binding binding : stored(b).bindings()) {
          table.bound.put(binding.domain(), b.name());
        }
        marker = b.name();
      }
    } while (page.truncated());
    return table;
  }

  @Override
  public String bucketFor(String host) {
    String bucket = fixed.get(host);
    return bucket != null ? bucket : bound.get(host);
  }

  /** Binds {@code domain} to {@code bucket}; CnameAlreadyExists when another bucket has it. */
  void bind(String bucket, String domain, Instant now) {
    changes.lock();
    try {
      BucketRecord record = storage.getBucket(bucket);
      String owner = bucketFor(domain);
      if (owner != null && !owner.equals(bucket) && exists(owner)) {
        throw OssException.of(OssErrorCode.CNAME_ALREADY_EXISTS).detail("Domain", domain);
      }
      if (bucket.equals(fixed.get(domain))) {
        return;
      }
      storage.putBucketConfig(
          bucket, CnameBindings.CONFIG_NAME, stored(record).with(domain, now).toXml());
      bound.put(domain, bucket);
    } finally {
      changes.unlock();
    }
  }

  /** Unbinds {@code domain} from {@code bucket}; nothing happens when it was not bound there. */
  void unbind(String bucket, String domain) {
    changes.lock();
    try {
      CnameBindings current = stored(storage.getBucket(bucket));
      if (current.contains(domain)) {
        storage.putBucketConfig(bucket, CnameBindings.CONFIG_NAME, current.without(domain).toXml());
      }
      bound.remove(domain, bucket);
    } finally {
      changes.unlock();
    }
  }

  /**
   * {@code bucket} was deleted: its PutCname bindings go with it (a new bucket of the same name
   * starts with none, as the stored configuration is gone too). Command-line bindings stay.
   */
  void bucketDeleted(String bucket) {
    changes.lock();
    try {
      bound.values().removeIf(bucket::equals);
    } finally {
      changes.unlock();
    }
  }

  /**
   * Another node changed {@code bucket} ({@code null}: maybe any bucket): its PutCname bindings are
   * read again from storage. Runs on the change feed's thread, never on a request's.
   */
  public void refresh(String bucket) {
    changes.lock();
    try {
      if (bucket == null) {
        bound.clear();
        String marker = null;
        BucketListing page;
        do {
          page = storage.listBuckets(null, marker, 1000);
          for (BucketRecord b : page.buckets()) {
            for (CnameBindings.Binding binding : stored(b).bindings()) {
              bound.put(binding.domain(), b.name());
            }
            marker = b.name();
          }
        } while (page.truncated());
        return;
      }
      bound.values().removeIf(bucket::equals);
      BucketRecord record;
      try {
        record = storage.getBucket(bucket);
      } catch (OssException e) {
        return; // deleted: its bindings went with it
      }
      for (CnameBindings.Binding binding : stored(record).bindings()) {
        bound.put(binding.domain(), bucket);
      }
    } finally {
      changes.unlock();
    }
  }

  /** The domains bound to {@code bucket}: command-line ones first, then PutCname's. */
  CnameBindings list(String bucket) {
    List<CnameBindings.Binding> all = new ArrayList<>();
    fixed.entrySet().stream()
        .filter(e -> e.getValue().equals(bucket))
        .map(e -> new CnameBindings.Binding(e.getKey(), started, true))
        .sorted((a, b) -> a.domain().compareTo(b.domain()))
        .forEach(all::add);
    all.addAll(stored(storage.getBucket(bucket)).bindings());
    return new CnameBindings(all);
  }

  private boolean exists(String bucket) {
    try {
      storage.getBucket(bucket);
      return true;
    } catch (OssException e) {
      if (e.code() == OssErrorCode.NO_SUCH_BUCKET) {
        return false;
      }
      throw e;
    }
  }

  private static CnameBindings stored(BucketRecord bucket) {
    return CnameBindings.parseStored(bucket.config(CnameBindings.CONFIG_NAME));
  }
}
