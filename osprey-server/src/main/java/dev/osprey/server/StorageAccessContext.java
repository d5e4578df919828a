package dev.osprey.server;

import dev.osprey.auth.AccessContext;
import dev.osprey.protocol.CannedAcl;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.op.ObjectOperation.GetObject;
import dev.osprey.protocol.route.RoutedRequest;
import dev.osprey.storage.ObjectService;

/**
 * The ACLs an authorization decision may need, read from storage only when the authorizer asks
 * (root never does).
 */
final class StorageAccessContext implements AccessContext {
  private final ObjectService storage;
  private final RoutedRequest routed;

  StorageAccessContext(ObjectService storage, RoutedRequest routed) {
    this.storage = storage;
    this.routed = routed;
  }

  @Override
  public CannedAcl bucketAcl() {
    return storage.getBucket(routed.bucket()).acl();
  }

  @Override
  public CannedAcl objectAcl() {
    if (routed.key() == null) {
      return CannedAcl.DEFAULT;
    }
    try {
      return storage.headObject(routed.bucket(), routed.key()).attributes().acl();
    } catch (OssException e) {
      if (e.code() == OssErrorCode.NO_SUCH_KEY) {
        return CannedAcl.DEFAULT;
      }
      throw e;
    }
  }

  @Override
  public boolean hasResponseOverrides() {
    return routed.operation() instanceof GetObject get && !get.overrides().isEmpty();
  }
}
