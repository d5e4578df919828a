package dev.osprey.junit;

/** How long an extension's Osprey lives, and who shares it. */
public enum OspreyScope {
  /**
   * One server for the test class (its {@code @Nested} classes included), started before its first
   * test and stopped after its last.
   */
  CLASS,
  /**
   * One server for the whole test run, shared by every class that asks for this scope with the same
   * sync mode: started by the first, stopped when the run ends. Classes keep out of each other's
   * way with buckets of their own ({@link OspreyBucket}).
   */
  JVM
}
