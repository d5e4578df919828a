package dev.osprey.server.handler;

import dev.osprey.protocol.Limits;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.op.ObjectOperation.RestoreObject;
import dev.osprey.protocol.xml.RestoreRequest;
import dev.osprey.server.api.OssResponse;
import dev.osprey.server.api.RequestContext;
import dev.osprey.storage.ObjectRecord;
import dev.osprey.storage.ObjectService;
import dev.osprey.storage.RestoreResult;
import java.time.Duration;

/**
 * <a
 * href="https://www.alibabacloud.com/help/en/oss/developer-reference/restoreobject">RestoreObject</a>
 * (docs/storage-classes.md): 202 when a restore starts, 200 when a restored object's restored state
 * is extended, 409 RestoreAlreadyInProgress while one runs.
 */
final class RestoreHandler {
  private final ObjectService storage;
  private final Duration delay;

  /**
   * @param delay how long a restore takes before the object is readable (zero: at once)
   */
  RestoreHandler(ObjectService storage, Duration delay) {
    this.storage = storage;
    this.delay = delay;
  }

  OssResponse restoreObject(RequestContext ctx, RestoreObject op) {
    // NoSuchKey/NoSuchVersion and the class (which decides the body's rules) before the body
    ObjectRecord o = storage.headObject(op.bucket(), op.key(), op.versionId());
    RestoreRequest request =
        RestoreRequest.parse(
            ctx.readSmallBody(Limits.XML_BODY_BYTES, OssErrorCode.MALFORMED_XML),
            o.attributes().storageClass());
    RestoreResult done =
        storage.restoreObject(op.bucket(), op.key(), op.versionId(), request.days(), delay);
    return ObjectHeaders.versionId(OssResponse.status(done.started() ? 202 : 200), done.object());
  }
}
