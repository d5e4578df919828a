package dev.osprey.storage;

/**
 * What a RestoreObject did.
 *
 * @param started whether it started a restore (OSS answers 202) rather than extending a restored
 *     state (200)
 * @param object the record with its new restore state
 */
public record RestoreResult(boolean started, ObjectRecord object) {}
