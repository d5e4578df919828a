package dev.osprey.protocol.op;

/**
 * The {@code response-*} query parameters of GetObject (spec §2.5): each non-null field replaces
 * the matching response header on a 200/206. Only signed requests may use them.
 */
public record ResponseOverrides(
    String contentType,
    String contentLanguage,
    String expires,
    String cacheControl,
    String contentDisposition,
    String contentEncoding) {

  public static final ResponseOverrides NONE =
      new ResponseOverrides(null, null, null, null, null, null);

  public boolean isEmpty() {
    return this.equals(NONE);
  }
}
