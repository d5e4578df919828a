package dev.osprey.server.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The web console's files (HTML, CSS, plain JavaScript, an SVG icon), read once from the server's
 * resources and served on the operators' listener under {@code /console/}. Nothing is fetched from
 * elsewhere: the page works without internet.
 *
 * <p>Every answer carries a strict Content-Security-Policy (scripts, styles and requests from this
 * origin only, no inline script or style, no framing), {@code nosniff} and no referrer. Assets are
 * revalidated on each load ({@code no-cache} with a strong ETag): the names are not versioned, so a
 * server upgrade must never leave an old script in a browser's cache beside a new page.
 */
public final class ConsoleAssets {
  /** The console's root path; {@code /console} alone is redirected here. */
  public static final String ROOT = "/console/";

  static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
          + "connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "svg", "image/svg+xml");

  /** The files shipped, relative to {@link #ROOT}. */
  private static final String[] FILES = {
    "index.html", "console.css", "sign.js", "oss.js", "charts.js", "app.js", "icon.svg"
  };

  /** An answer: status, headers and body (empty for 301 and 304). */
  public record Answer(int status, Map<String, String> headers, byte[] body) {}

  private record Asset(String type, String etag, byte[] bytes) {}

  private final Map<String, Asset> assets = new LinkedHashMap<>();

  private ConsoleAssets() {}

  /** Reads every file from the classpath; fails when one is missing (a broken build). */
  public static ConsoleAssets load() {
    ConsoleAssets a = new ConsoleAssets();
    for (String name : FILES) {
      try (InputStream in = ConsoleAssets.class.getResourceAsStream(name)) {
        if (in == null) {
          throw new IllegalStateException("Console asset missing from the build: " + name);
        }
        byte[] bytes = in.readAllBytes();
        String ext = name.substring(name.lastIndexOf('.') + 1);
        a.assets.put(name, new Asset(TYPES.get(ext), etag(bytes), bytes));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return a;
  }

  /** Whether {@code path} (no query) is the console's. */
  public static boolean owns(String path) {
    return path.equals("/console") || path.startsWith(ROOT);
  }

  /**
   * The answer to a GET or HEAD of {@code path} (no query).
   *
   * @param ifNoneMatch the request's {@code If-None-Match}, or null
   */
  public Answer get(String path, String ifNoneMatch) {
    if (path.equals("/console")) {
      Map<String, String> h = securityHeaders();
      h.put("Location", ROOT);
      return new Answer(301, h, new byte[0]);
    }
    String name = path.substring(ROOT.length());
    Asset asset = assets.get(name.isEmpty() ? "index.html" : name);
    if (asset == null) {
      Map<String, String> h = securityHeaders();
      h.put("Content-Type", "text/plain; charset=utf-8");
      h.put("Cache-Control", "no-store");
      return new Answer(
          404, h, "No such console page.\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    Map<String, String> h = securityHeaders();
    h.put("Content-Type", asset.type());
    h.put("Cache-Control", "no-cache");
    h.put("ETag", asset.etag());
    if (asset.etag().equals(ifNoneMatch)) {
      return new Answer(304, h, new byte[0]);
    }
    return new Answer(200, h, asset.bytes());
  }

  private static Map<String, String> securityHeaders() {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Content-Security-Policy", CSP);
    h.put("X-Content-Type-Options", "nosniff");
    h.put("Referrer-Policy", "no-referrer");
    h.put("X-Frame-Options", "DENY");
    h.put("Cross-Origin-Opener-Policy", "same-origin");
    return h;
  }

  private static String etag(byte[] bytes) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
      return "\"" + HexFormat.of().formatHex(d, 0, 16) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
