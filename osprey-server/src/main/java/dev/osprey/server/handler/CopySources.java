package dev.osprey.server.handler;

import dev.osprey.protocol.CopySource;
import dev.osprey.protocol.Headers;
import dev.osprey.server.api.RequestContext;

/**
 * What CopyObject and UploadPartCopy share about their source: read access to it (the authorizer
 * checked the destination only, since the source is named in a header) and the {@code
 * x-oss-copy-source-if-*} conditions.
 */
final class CopySources {
  private CopySources() {}

  /**
   * The caller must be allowed to read the source, judged as a GetObject of it (ACLs, bucket
   * policy, RAM policies): the authorizer only saw the destination (spec §3.2, §6).
   */
  static void requireReadable(RequestContext ctx, CopySource source) {
    ctx.requireRead(source.bucket(), source.key(), source.versionId());
  }

  /**
   * The four {@code x-oss-copy-source-if-*} headers under the names {@code Preconditions} reads:
   * the same rules as GET's conditions, with 412 and 304 (spec §3.2).
   */
  static Headers conditions(Headers h) {
    Headers out = new Headers();
    for (String name :
        new String[] {"if-match", "if-none-match", "if-modified-since", "if-unmodified-since"}) {
      String value = h.get("x-oss-copy-source-" + name);
      if (value != null) {
        out.add(name, value);
      }
    }
    return out;
  }
}
