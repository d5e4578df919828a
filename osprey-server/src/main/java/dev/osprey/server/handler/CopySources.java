package dev.osprey.server.handler;

import dev.osprey.auth.Principal;
import dev.osprey.protocol.CannedAcl;
import dev.osprey.protocol.CopySource;
import dev.osprey.protocol.Headers;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.server.api.RequestContext;
import dev.osprey.storage.ObjectService;

/**
 * What CopyObject and UploadPartCopy share about their source: the authorizer checked the
 * destination only, since the source is named in a header; the {@code x-oss-copy-source-if-*}
 * conditions.
 */
final class CopySources {
  private static final String ACL_DENIED =
      "You have no right to access this object because of bucket acl.";

  private CopySources() {}

  /** An anonymous copy also needs the source to be publicly readable (spec §3.10, §6). */
  static void requireReadable(RequestContext ctx, ObjectService storage, CopySource source) {
    if (!(ctx.principal() instanceof Principal.Anonymous)) {
      return;
    }
    CannedAcl bucketAcl = storage.getBucket(source.bucket()).acl();
    CannedAcl objectAcl = storage.headObject(source.bucket(), source.key()).attributes().acl();
    CannedAcl effective = objectAcl == CannedAcl.DEFAULT ? bucketAcl : objectAcl;
    if (effective != CannedAcl.PUBLIC_READ && effective != CannedAcl.PUBLIC_READ_WRITE) {
      throw OssException.of(OssErrorCode.ACCESS_DENIED, ACL_DENIED);
    }
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
