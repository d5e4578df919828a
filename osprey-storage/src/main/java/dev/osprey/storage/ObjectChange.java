package dev.osprey.storage;

import java.util.Optional;

/** The outcome of {@link MetadataStore#updateObject}: the record before and after. */
public record ObjectChange(Optional<ObjectRecord> before, Optional<ObjectRecord> after) {}
