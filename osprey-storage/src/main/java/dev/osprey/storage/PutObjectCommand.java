package dev.osprey.storage;

/**
 * A PutObject as the storage layer sees it.
 *
 * @param contentLength declared body length, or -1 when the body is chunked
 * @param contentMd5 base64 Content-MD5 to verify against the body, or null
 * @param forbidOverwrite {@code x-oss-forbid-overwrite: true}: FileAlreadyExists if the key exists
 */
public record PutObjectCommand(
    String bucket,
    String key,
    long contentLength,
    String contentMd5,
    ObjectAttributes attributes,
    boolean forbidOverwrite) {}
