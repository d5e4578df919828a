package dev.osprey.protocol.route;

import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;

/**
 * The 405 answer for a method that makes no sense for the addressed resource (spec §4.1 details).
 */
final class MethodNotAllowed {
  static final String SERVICE = "Service";
  static final String BUCKET = "Bucket";
  static final String OBJECT = "Object";

  private MethodNotAllowed() {}

  static OssException of(String method, String resourceType) {
    return OssException.of(OssErrorCode.METHOD_NOT_ALLOWED)
        .detail("Method", method)
        .detail("ResourceType", resourceType);
  }
}
