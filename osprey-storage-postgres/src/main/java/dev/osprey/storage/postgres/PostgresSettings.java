package dev.osprey.storage.postgres;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Where the metadata database is: a JDBC URL, the user and password (never logged: {@link
 * #toString} leaves the password out), an optional schema and the pool size.
 */
public record PostgresSettings(
    String jdbcUrl, String user, String password, String schema, int poolSize) {

  public PostgresSettings {
    if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("not a PostgreSQL JDBC URL");
    }
    if (poolSize < 1) {
      throw new IllegalArgumentException("the pool needs at least one connection");
    }
  }

  /**
   * Parses libpq's URI form {@code postgresql://USER[:PASSWORD]@HOST[:PORT]/DB[?schema=S&pool=N]}
   * (also {@code postgres://}); a password in the URI wins over {@code fallbackPassword} (e.g. from
   * the environment, PGPASSWORD).
   */
  public static PostgresSettings fromUri(String uri, String fallbackPassword, int poolSize) {
    URI u;
    try {
      u = new URI(uri);
    } catch (java.net.URISyntaxException e) {
      // The message would quote the URI, password and all: say where, not what.
      throw new IllegalArgumentException("malformed metadata URI (at index " + e.getIndex() + ")");
    }
    if (!"postgresql".equals(u.getScheme()) && !"postgres".equals(u.getScheme())) {
      throw new IllegalArgumentException("a metadata URI starts with postgresql://");
    }
    if (u.getHost() == null || u.getPath() == null || u.getPath().length() < 2) {
      throw new IllegalArgumentException("a metadata URI names a host and a database");
    }
    String user = null;
    String password = fallbackPassword;
    if (u.getRawUserInfo() != null) {
      String info = u.getRawUserInfo();
      int colon = info.indexOf(':');
      user = decode(colon < 0 ? info : info.substring(0, colon));
      if (colon >= 0) {
        password = decode(info.substring(colon + 1));
      }
    }
    String schema = null;
    if (u.getRawQuery() != null) {
      for (String pair : u.getRawQuery().split("&")) {
        if (pair.startsWith("schema=")) {
          schema = decode(pair.substring("schema=".length()));
        } else if (pair.startsWith("pool=")) {
          try {
            poolSize = Integer.parseInt(pair.substring("pool=".length()));
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("pool= takes a number of connections");
          }
        }
      }
    }
    String jdbc =
        "jdbc:postgresql://"
            + u.getHost()
            + (u.getPort() > 0 ? ":" + u.getPort() : "")
            + u.getRawPath();
    return new PostgresSettings(jdbc, user, password, schema, poolSize);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "PostgresSettings[jdbcUrl="
        + jdbcUrl
        + ", user="
        + user
        + ", schema="
        + schema
        + ", poolSize="
        + poolSize
        + "]";
  }
}
