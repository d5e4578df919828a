package dev.osprey.protocol;

import java.util.Collections;
import java.util.List;

/**
 * The query string, percent-decoded, in arrival order. A parameter written without {@code =}
 * ({@code ?append}) has a null value; one written with an empty value ({@code ?append=}, as ali-oss
 * sends) has {@code ""}. Most callers treat both alike; V1 canonicalization does too (spec §9b).
 * {@code +} is kept literally (SDKs encode spaces as {@code %20}).
 */
public final class QueryParams {
  /** One parameter; {@code value} is null when the parameter had no {@code =}. */
  public record Param(String name, String value) {}

  private final List<Param> params;

  public QueryParams(List<Param> params) {
    this.params = List.copyOf(params);
  }

  public static final QueryParams EMPTY = new QueryParams(List.of());

  public List<Param> all() {
    return Collections.unmodifiableList(params);
  }

  public boolean has(String name) {
    for (Param p : params) {
      if (p.name().equals(name)) {
        return true;
      }
    }
    return false;
  }

  /** The first value of {@code name}: null if absent or written without a value. */
  public String get(String name) {
    for (Param p : params) {
      if (p.name().equals(name)) {
        return p.value();
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return "QueryParams" + params.stream().map(Param::name).toList();
  }
}
