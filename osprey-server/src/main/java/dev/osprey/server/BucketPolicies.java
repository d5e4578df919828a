package dev.osprey.server;

import dev.osprey.auth.policy.PolicyDocument;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parsed bucket policies, keyed by their text: every request by a non-root caller consults the
 * bucket's policy, and parsing up to 16 KB of JSON each time would be wasted work. Keyed by the
 * text itself, a changed policy is simply a new entry, so the cache can never serve a stale one.
 */
final class BucketPolicies {
  private static final int MAX_ENTRIES = 1024;

  private final Map<String, PolicyDocument> parsed =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PolicyDocument> eldest) {
          return size() > MAX_ENTRIES;
        }
      };

  synchronized PolicyDocument parse(String text) {
    return parsed.computeIfAbsent(
        text, t -> PolicyDocument.parse(t, PolicyDocument.Kind.BUCKET_POLICY));
  }
}
