package dev.osprey.storage;

import java.time.Instant;

/**
 * One uploaded part of a multipart upload; its bytes are a blob of their own until the upload is
 * completed or aborted.
 *
 * @param partNumber 1..10000
 * @param size bytes in the part
 * @param etag upper-case hex MD5 of the part, without quotes
 * @param crc64 CRC-64/XZ of the part alone
 * @param lastModified when this part (number) was last uploaded
 * @param blobId the blob holding the part's bytes
 */
public record PartRecord(
    String uploadId,
    int partNumber,
    long size,
    String etag,
    long crc64,
    Instant lastModified,
    String blobId) {}
