package dev.osprey.storage;

/** Names an object: a bucket and a key. */
public record ObjectRef(String bucket, String key) {}
