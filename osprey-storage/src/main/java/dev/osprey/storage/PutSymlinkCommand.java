package dev.osprey.storage;

/**
 * A PutSymlink as the storage layer sees it.
 *
 * @param key the symlink's own key
 * @param target the key of the object it points to, in the same bucket
 * @param attributes the link's own content headers, user metadata, ACL, storage class and tags
 * @param forbidOverwrite {@code x-oss-forbid-overwrite: true}: FileAlreadyExists if the key exists
 */
public record PutSymlinkCommand(
    String bucket,
    String key,
    String target,
    ObjectAttributes attributes,
    boolean forbidOverwrite) {}
