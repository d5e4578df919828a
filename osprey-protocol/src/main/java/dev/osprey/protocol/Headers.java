package dev.osprey.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Request headers as plain values: names folded to lower case, sorted (which is what V1 and V4
 * canonicalization want), each with every value in arrival order. Free of any HTTP library so
 * protocol code stays pure.
 */
public final class Headers {
  private final SortedMap<String, List<String>> values = new TreeMap<>();

  public static Headers of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("names and values must pair up");
    }
    Headers h = new Headers();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      h.add(namesAndValues[i], namesAndValues[i + 1]);
    }
    return h;
  }

  public Headers add(String name, String value) {
    values.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>(1)).add(value);
    return this;
  }

  /** The first value of the header, or {@code null}. */
  public String get(String name) {
    List<String> v = values.get(name.toLowerCase(Locale.ROOT));
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  public List<String> getAll(String name) {
    List<String> v = values.get(name.toLowerCase(Locale.ROOT));
    return v == null ? List.of() : Collections.unmodifiableList(v);
  }

  public boolean contains(String name) {
    return values.containsKey(name.toLowerCase(Locale.ROOT));
  }

  /** All headers, lower-case names in sorted order. */
  public SortedMap<String, List<String>> asMap() {
    return Collections.unmodifiableSortedMap(values);
  }

  /** Headers whose (lower-case) name starts with {@code prefix}, sorted by name. */
  public SortedMap<String, List<String>> withPrefix(String prefix) {
    String p = prefix.toLowerCase(Locale.ROOT);
    // Every name starting with p sorts between p and p + '\uffff'.
    return Collections.unmodifiableSortedMap(values.subMap(p, p + '\uffff'));
  }

  @Override
  public String toString() {
    // Never print values: Authorization and security tokens are secrets.
    return "Headers" + values.keySet();
  }
}
