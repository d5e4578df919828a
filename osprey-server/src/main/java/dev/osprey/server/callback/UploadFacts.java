package dev.osprey.server.callback;

/**
 * What a callback body's system variables tell about the stored object.
 *
 * @param bucket {@code ${bucket}}
 * @param key {@code ${object}}
 * @param etag {@code ${etag}}, without quotes
 * @param size {@code ${size}}
 * @param mimeType {@code ${mimeType}}: the object's Content-Type
 * @param crc64 {@code ${crc64}}, unsigned decimal
 * @param contentMd5 {@code ${contentMd5}}, base64, or null (multipart objects have none)
 * @param clientIp {@code ${clientIp}}, or null when unknown
 * @param requestId {@code ${reqId}}
 * @param operation {@code ${operation}}: PutObject, AppendObject, PostObject or
 *     CompleteMultipartUpload
 */
public record UploadFacts(
    String bucket,
    String key,
    String etag,
    long size,
    String mimeType,
    String crc64,
    String contentMd5,
    String clientIp,
    String requestId,
    String operation) {

  /** The facts of a stored object {@code o}, uploaded by {@code operation}. */
  public static UploadFacts of(
      dev.osprey.storage.ObjectRecord o, String clientIp, String requestId, String operation) {
    String type = o.attributes().contentType();
    return new UploadFacts(
        o.bucket(),
        o.key(),
        o.etag(),
        o.size(),
        type == null ? "application/octet-stream" : type,
        dev.osprey.protocol.Crc64.toUnsignedString(o.crc64()),
        o.contentMd5(),
        clientIp,
        requestId,
        operation);
  }
}
