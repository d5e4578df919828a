package dev.osprey.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one profile of an ossutil 2.0 configuration file ({@code ~/.ossutilconfig}): INI sections
 * {@code [default]} (also spelt {@code [profile default]}) and {@code [profile NAME]}, {@code
 * key=value} lines, {@code #} comments. Section and key names are case-insensitive and a key may be
 * written accessKeyId, accesskeyid, access-key-id or access_key_id, as ossutil accepts.
 */
final class OssutilConfig {
  /** The settings of one profile; any of them may be null. */
  record Profile(
      String accessKeyId, String accessKeySecret, String token, String endpoint, String region) {
    static final Profile EMPTY = new Profile(null, null, null, null, null);
  }

  private static final long MAX_BYTES = 1 << 20;

  private OssutilConfig() {}

  /**
   * The profile {@code name} of {@code file}; an empty profile when the file is absent, unless
   * {@code required} (the user named the file or profile), when absence is an error.
   */
  static Profile read(Path file, String name, boolean required) throws IOException {
    if (!Files.isRegularFile(file)) {
      if (required) {
        throw new IOException("Configuration file " + file + " does not exist.");
      }
      return Profile.EMPTY;
    }
    if (Files.size(file) > MAX_BYTES) {
      throw new IOException("Configuration file " + file + " is larger than 1 MiB.");
    }
    Map<String, Map<String, String>> sections =
        parse(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
    Map<String, String> s = sections.get(name.strip().toLowerCase(Locale.ROOT));
    if (s == null) {
      if (required) {
        throw new IOException("Profile " + name + " is not in " + file + ".");
      }
      return Profile.EMPTY;
    }
    return new Profile(
        s.get("accesskeyid"),
        s.get("accesskeysecret"),
        s.getOrDefault("ststoken", s.get("securitytoken")),
        s.get("endpoint"),
        s.get("region"));
  }

  /** Section name (the profile's name) to its keys, both normalized. */
  static Map<String, Map<String, String>> parse(String text) {
    Map<String, Map<String, String>> sections = new HashMap<>();
    Map<String, String> current = null;
    for (String raw : text.split("\\R")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        String section = line.substring(1, line.length() - 1).strip();
        String lower = section.toLowerCase(Locale.ROOT);
        // [buckets ...] sections hold per-bucket settings this client does not use.
        current =
            lower.startsWith("profile ")
                ? sections.computeIfAbsent(
                    section.substring("profile ".length()).strip().toLowerCase(Locale.ROOT),
                    k -> new HashMap<>())
                : lower.equals("default")
                    ? sections.computeIfAbsent("default", k -> new HashMap<>())
                    : null;
        continue;
      }
      int eq = line.indexOf('=');
      if (current != null && eq > 0) {
        current.put(normalize(line.substring(0, eq)), line.substring(eq + 1).strip());
      }
    }
    return sections;
  }

  private static String normalize(String key) {
    return key.strip().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
  }
}
