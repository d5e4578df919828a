package dev.osprey.protocol.xml;

import dev.osprey.protocol.OssException;
import dev.osprey.protocol.UrlEncoding;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the {@code x-oss-tagging} request header of PutObject, AppendObject, CopyObject and
 * InitiateMultipartUpload: {@code k1=v1&k2=v2}, keys and values URL-encoded, a pair without {@code
 * =} meaning an empty value (spec §1.9). {@code +} is a literal plus, as everywhere in Osprey's URL
 * decoding: the SDKs encode spaces as {@code %20}. Any fault (bad encoding, duplicate key, tag
 * limits of §3.9) → InvalidArgument with the message OSS uses.
 */
public final class TaggingHeader {
  public static final String HEADER = "x-oss-tagging";

  static final String MESSAGE =
      "The header 'x-oss-tagging' shall be encoded as UTF-8 then URLEncoded URL query parameters"
          + " without tag name duplicates.";

  private TaggingHeader() {}

  /** The tags of {@code header}; {@link Tagging#EMPTY} for null or empty. */
  public static Tagging parse(String header) {
    if (header == null || header.isEmpty()) {
      return Tagging.EMPTY;
    }
    List<Tag> tags = new ArrayList<>();
    for (String pair : header.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq), header);
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1), header);
      tags.add(new Tag(key, value));
    }
    if (TagRules.violation(tags) != null) {
      throw invalid(header);
    }
    return new Tagging(tags);
  }

  private static String decode(String s, String header) {
    try {
      return UrlEncoding.decode(s);
    } catch (IllegalArgumentException e) {
      throw invalid(header);
    }
  }

  private static OssException invalid(String header) {
    return OssException.invalidArgument(MESSAGE, HEADER, header);
  }
}
