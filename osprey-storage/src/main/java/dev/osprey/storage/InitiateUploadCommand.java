package dev.osprey.storage;

/**
 * An InitiateMultipartUpload as the storage layer sees it (spec §3.8).
 *
 * @param attributes what the completed object will carry (content headers, metadata, ACL, storage
 *     class, tags)
 * @param forbidOverwrite {@code x-oss-forbid-overwrite: true}: FileAlreadyExists if the key exists
 */
public record InitiateUploadCommand(
    String bucket, String key, ObjectAttributes attributes, boolean forbidOverwrite) {}
