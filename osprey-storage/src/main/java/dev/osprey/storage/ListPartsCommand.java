package dev.osprey.storage;

/**
 * A ListParts page request (spec §3.8).
 *
 * @param partNumberMarker list parts with greater numbers (0: from the first)
 * @param maxParts 1..1000
 */
public record ListPartsCommand(
    String bucket, String key, String uploadId, int partNumberMarker, int maxParts) {}
