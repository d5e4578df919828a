package dev.osprey.storage;

/**
 * A ListMultipartUploads page request (spec §3.8).
 *
 * @param prefix keys must start with it (null: any)
 * @param delimiter keys with the delimiter after the prefix are rolled up into common prefixes
 *     (null: none)
 * @param keyMarker list after this key (null: from the start); see {@link
 *     MetadataStore#listUploads}
 * @param uploadIdMarker with {@code keyMarker}: list that key's uploads with a greater id first
 * @param maxUploads 1..1000: uploads plus common prefixes on the page
 */
public record ListUploadsCommand(
    String bucket,
    String prefix,
    String delimiter,
    String keyMarker,
    String uploadIdMarker,
    int maxUploads) {}
