package dev.osprey.storage;

/**
 * An UploadPart as the storage layer sees it (spec §3.8).
 *
 * @param partNumber 1..10000 (the router checked the range)
 * @param contentLength declared body length, or -1 when the body is chunked
 * @param contentMd5 base64 Content-MD5 to verify against the body, or null
 */
public record UploadPartCommand(
    String bucket,
    String key,
    String uploadId,
    int partNumber,
    long contentLength,
    String contentMd5) {}
