package dev.osprey.storage;

import dev.osprey.protocol.ObjectType;
import dev.osprey.protocol.StorageClass;
import dev.osprey.protocol.xml.LifecycleConfiguration;
import dev.osprey.protocol.xml.LifecycleConfiguration.Rule;
import dev.osprey.protocol.xml.LifecycleConfiguration.Transition;
import dev.osprey.protocol.xml.LifecycleConfiguration.When;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Applies the buckets' lifecycle rules (docs/lifecycle.md): one pass walks every bucket that has a
 * configuration, its current objects, its versions and its multipart uploads, and acts where a rule
 * is due by the service's clock (tests set the clock and run a pass; nothing waits for days). Each
 * action re-checks its condition inside the commit it makes, so a write racing the pass wins.
 */
final class LifecycleSweeper {
  private static final int PAGE = 1000;
  private static final Duration DAY = Duration.ofDays(1);

  private final ObjectService service;
  private final MetadataStore metadata;
  private final Clock clock;
  private final Consumer<ObjectRecord> release;

  /**
   * @param release frees the blob of a record no longer stored, as the service does for every
   *     replaced generation
   */
  LifecycleSweeper(
      ObjectService service, MetadataStore metadata, Clock clock, Consumer<ObjectRecord> release) {
    this.service = service;
    this.metadata = metadata;
    this.clock = clock;
    this.release = release;
  }

  /** What one pass did. */
  record Sweep(int expired, int transitioned, int versionsRemoved, int uploadsAborted) {}

  private static final class Counts {
    int expired;
    int transitioned;
    int versionsRemoved;
    int uploadsAborted;
  }

  Sweep sweepOnce() {
    Instant now = clock.instant();
    Counts counts = new Counts();
    String marker = null;
    while (true) {
      List<BucketRecord> page = metadata.listBuckets(null, marker, PAGE);
      for (BucketRecord b : page) {
        if (b.lifecycle() != null) {
          sweep(b, rulesOf(b), now, counts);
        }
      }
      if (page.size() < PAGE) {
        break;
      }
      marker = page.getLast().name();
    }
    return new Sweep(
        counts.expired, counts.transitioned, counts.versionsRemoved, counts.uploadsAborted);
  }

  private static List<Rule> rulesOf(BucketRecord b) {
    return LifecycleConfiguration.parse(b.lifecycle().getBytes(StandardCharsets.UTF_8)).rules();
  }

  private void sweep(BucketRecord bucket, List<Rule> rules, Instant now, Counts counts) {
    String after = null;
    while (true) {
      List<ObjectRecord> page = metadata.listObjects(bucket.name(), null, after, PAGE);
      for (ObjectRecord o : page) {
        current(o, rules, now, counts);
      }
      if (page.size() < PAGE) {
        break;
      }
      after = page.getLast().key();
    }
    if (bucket.versioning().versioned() || hasVersionRules(rules)) {
      versions(bucket.name(), rules, now, counts);
    }
    uploads(bucket.name(), rules, now, counts);
  }

  /** Expiration first (the object goes), else the coldest transition that is due. */
  private void current(ObjectRecord o, List<Rule> rules, Instant now, Counts counts) {
    for (Rule r : rules) {
      if (r.appliesTo(o.key(), o.attributes().tags())
          && r.expiration() != null
          && due(r.expiration(), o.lastModified(), now)) {
        expire(o);
        counts.expired++;
        return;
      }
    }
    StorageClass target = coldestDue(o, rules, now);
    if (target != null) {
      ObjectChange c =
          metadata.updateObject(
              o.bucket(),
              o.key(),
              cur -> cur.map(x -> sameGeneration(x, o) ? withClass(x, target) : x));
      if (c.after().map(x -> x.attributes().storageClass() == target).orElse(false)) {
        counts.transitioned++;
      }
    }
  }

  /**
   * Deletes the object as DeleteObject does (a delete marker in a versioned bucket), unless it
   * changed since it was listed.
   */
  private void expire(ObjectRecord o) {
    Instant at = clock.instant();
    ObjectChange c =
        metadata.updateObject(
            o.bucket(),
            o.key(),
            cur ->
                cur.isPresent() && sameGeneration(cur.get(), o)
                    ? Optional.of(ObjectRecord.deleteMarker(o.bucket(), o.key(), at))
                    : cur);
    c.released().forEach(release);
  }

  private void versions(String bucket, List<Rule> rules, Instant now, Counts counts) {
    VersionCursor from = VersionCursor.start();
    ObjectRecord newer = null; // the next newer version of the same key, in listing order
    ObjectRecord lonelyMarker = null; // a latest delete marker, until a version of its key shows
    while (true) {
      List<VersionEntry> page = metadata.listVersions(bucket, null, from, PAGE);
      for (VersionEntry e : page) {
        ObjectRecord v = e.record();
        if (lonelyMarker != null && !lonelyMarker.key().equals(v.key())) {
          removeMarker(lonelyMarker, counts);
        }
        lonelyMarker = null;
        if (e.latest()) {
          if (v.isDeleteMarker() && expiredMarkerRule(v, rules)) {
            lonelyMarker = v;
          }
        } else if (newer != null && newer.key().equals(v.key()) && !v.isDeleteMarker()) {
          previous(v, newer.lastModified(), rules, now, counts);
        }
        newer = v;
      }
      if (page.size() < PAGE) {
        break;
      }
      ObjectRecord last = page.getLast().record();
      from = VersionCursor.afterVersion(last.key(), last.version().id());
    }
    if (lonelyMarker != null) {
      removeMarker(lonelyMarker, counts);
    }
  }

  /** ExpiredObjectDeleteMarker: a delete marker with no version left behind it goes. */
  private void removeMarker(ObjectRecord marker, Counts counts) {
    metadata.deleteObjectVersion(marker.bucket(), marker.key(), marker.version().id());
    counts.versionsRemoved++;
  }

  /** A previous version, noncurrent since {@code since}: expire it, or move it colder. */
  private void previous(ObjectRecord v, Instant since, List<Rule> rules, Instant now, Counts c) {
    for (Rule r : rules) {
      if (r.appliesTo(v.key(), v.attributes().tags())
          && r.noncurrentExpirationDays() != null
          && !since.plus(DAY.multipliedBy(r.noncurrentExpirationDays())).isAfter(now)) {
        ObjectChange done = metadata.deleteObjectVersion(v.bucket(), v.key(), v.version().id());
        done.released().forEach(release);
        c.versionsRemoved++;
        return;
      }
    }
    StorageClass target = null;
    for (Rule r : rules) {
      if (!r.appliesTo(v.key(), v.attributes().tags())) {
        continue;
      }
      for (Transition t : r.noncurrentTransitions()) {
        if (due(t.when(), since, now) && allowed(v, t.storageClass()) && colder(t, target, v)) {
          target = t.storageClass();
        }
      }
    }
    if (target != null) {
      StorageClass to = target;
      metadata.updateObjectVersion(
          v.bucket(), v.key(), v.version().id(), cur -> cur.map(x -> withClass(x, to)));
      c.transitioned++;
    }
  }

  private boolean expiredMarkerRule(ObjectRecord marker, List<Rule> rules) {
    for (Rule r : rules) {
      if (r.expiredObjectDeleteMarker() && r.appliesTo(marker.key(), Map.of())) {
        return true;
      }
    }
    return false;
  }

  private void uploads(String bucket, List<Rule> rules, Instant now, Counts counts) {
    boolean any = rules.stream().anyMatch(r -> r.enabled() && r.abortMultipartUpload() != null);
    if (!any) {
      return;
    }
    String keyMarker = null;
    String idMarker = null;
    while (true) {
      List<UploadRecord> page = metadata.listUploads(bucket, null, keyMarker, idMarker, PAGE);
      for (UploadRecord u : page) {
        for (Rule r : rules) {
          if (r.appliesTo(u.key(), Map.of())
              && r.abortMultipartUpload() != null
              && due(r.abortMultipartUpload(), u.initiated(), now)) {
            try {
              service.abortMultipartUpload(bucket, u.key(), u.uploadId());
              counts.uploadsAborted++;
            } catch (dev.osprey.protocol.OssException gone) {
              // completed or aborted meanwhile
            }
            break;
          }
        }
      }
      if (page.size() < PAGE) {
        return;
      }
      keyMarker = page.getLast().key();
      idMarker = page.getLast().uploadId();
    }
  }

  /**
   * The coldest storage class a due transition moves the object to, or null. Spec §1.10: an
   * appendable object not sealed may go to IA or Archive only; symlinks are not transitioned.
   */
  private static StorageClass coldestDue(ObjectRecord o, List<Rule> rules, Instant now) {
    StorageClass target = null;
    for (Rule r : rules) {
      if (!r.appliesTo(o.key(), o.attributes().tags())) {
        continue;
      }
      for (Transition t : r.transitions()) {
        if (due(t.when(), o.lastModified(), now)
            && allowed(o, t.storageClass())
            && colder(t, target, o)) {
          target = t.storageClass();
        }
      }
    }
    return target;
  }

  private static boolean allowed(ObjectRecord o, StorageClass to) {
    if (o.type() == ObjectType.SYMLINK) {
      return false;
    }
    boolean cold = to == StorageClass.COLD_ARCHIVE || to == StorageClass.DEEP_COLD_ARCHIVE;
    return !(o.type() == ObjectType.APPENDABLE && o.sealedTime() == null && cold);
  }

  /** Whether {@code t} moves colder than both the object's class and the best target so far. */
  private static boolean colder(Transition t, StorageClass best, ObjectRecord o) {
    int to = t.storageClass().ordinal();
    return to > o.attributes().storageClass().ordinal() && (best == null || to > best.ordinal());
  }

  /** Days after {@code since}, or {@code since} before the rule's date. */
  private static boolean due(When when, Instant since, Instant now) {
    if (when.before() != null) {
      return since.isBefore(when.before());
    }
    return !since.plus(DAY.multipliedBy(when.days())).isAfter(now);
  }

  private static boolean hasVersionRules(List<Rule> rules) {
    return rules.stream()
        .anyMatch(
            r ->
                r.noncurrentExpirationDays() != null
                    || !r.noncurrentTransitions().isEmpty()
                    || r.expiredObjectDeleteMarker());
  }

  private static boolean sameGeneration(ObjectRecord a, ObjectRecord b) {
    return java.util.Objects.equals(a.blobId(), b.blobId())
        && a.lastModified().equals(b.lastModified());
  }

  /** The object moved to class {@code sc}; a restored state does not survive the move. */
  private static ObjectRecord withClass(ObjectRecord o, StorageClass sc) {
    ObjectAttributes a = o.attributes();
    return o.withRestore(null)
        .withAttributes(
            new ObjectAttributes(
                a.contentType(),
                a.cacheControl(),
                a.contentDisposition(),
                a.contentEncoding(),
                a.contentLanguage(),
                a.expires(),
                a.userMetadata(),
                a.acl(),
                sc,
                a.tags()));
  }
}
