package dev.osprey.protocol;

import java.nio.charset.StandardCharsets;

/** Object key rules (spec §0): 1–1023 bytes of UTF-8, not starting with {@code /} or {@code \}. */
public final class ObjectKeys {
  private ObjectKeys() {}

  /**
   * Throws InvalidObjectName (with a {@code Key} detail) unless {@code key} is a valid object key.
   */
  public static void validate(String key) {
    if (key == null || key.isEmpty()) {
      throw OssException.of(OssErrorCode.INVALID_OBJECT_NAME, "The object name must not be empty.");
    }
    if (key.getBytes(StandardCharsets.UTF_8).length > Limits.KEY_BYTES) {
      // The message is the one the Java SDK's integration tests expect (spec §0).
      throw OssException.of(
          OssErrorCode.INVALID_OBJECT_NAME, "The Length of Object name must be less than 1024.");
    }
    char first = key.charAt(0);
    if (first == '/' || first == '\\') {
      throw OssException.of(
              OssErrorCode.INVALID_OBJECT_NAME, "The object name must not start with '/' or '\\'.")
          .detail("Key", key);
    }
  }
}
