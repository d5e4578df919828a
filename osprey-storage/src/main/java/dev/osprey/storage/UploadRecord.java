package dev.osprey.storage;

import java.time.Instant;

/**
 * A multipart upload in progress (spec §3.8): what InitiateMultipartUpload fixed for the object it
 * will become.
 *
 * @param uploadId 32 upper-case hex characters; the first 12 are the initiation time in
 *     milliseconds, so one key's uploads list in the order they were started
 * @param initiated when InitiateMultipartUpload ran
 * @param attributes content headers, user metadata, ACL, storage class and tags of the object to be
 */
public record UploadRecord(
    String bucket, String key, String uploadId, Instant initiated, ObjectAttributes attributes) {}
