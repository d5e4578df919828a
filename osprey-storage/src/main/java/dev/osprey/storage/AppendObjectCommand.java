package dev.osprey.storage;

/**
 * An AppendObject as the storage layer sees it.
 *
 * @param position where the writer believes the object ends
 * @param contentLength declared body length, or -1 when chunked
 * @param contentMd5 base64 Content-MD5 of this body, or null
 * @param createAttributes attributes applied only when this append creates the object (spec §1.3)
 */
public record AppendObjectCommand(
    String bucket,
    String key,
    long position,
    long contentLength,
    String contentMd5,
    ObjectAttributes createAttributes) {}
