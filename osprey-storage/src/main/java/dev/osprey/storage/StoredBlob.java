package dev.osprey.storage;

import java.time.Instant;

/**
 * A blob as the {@link DataStore} lists it, for the orphan collector.
 *
 * @param blobId the blob's id
 * @param lastModified when its bytes last changed (creation or the latest write)
 */
public record StoredBlob(String blobId, Instant lastModified) {}
