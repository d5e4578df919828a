package dev.osprey.protocol.xml;

import java.util.List;

/**
 * What a listing found: the objects and common prefixes of one page, in key order.
 *
 * @param next where the next page starts: NextMarker (v1) or NextContinuationToken (v2); only used
 *     when {@code truncated}. A v2 token should use only URL-unreserved characters (e.g. base64url
 *     without padding): with {@code encoding-type=url} it is URL-encoded like the other fields
 *     (spec §3.6), and the Java SDK echoes it back without decoding it.
 */
public record ListPage(
    List<ObjectSummary> contents, List<String> commonPrefixes, boolean truncated, String next) {
  public ListPage {
    contents = List.copyOf(contents);
    commonPrefixes = List.copyOf(commonPrefixes);
  }
}
