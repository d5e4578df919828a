package dev.osprey.storage;

import java.util.Optional;

/**
 * A pure function from the current object (if any) to the new one (empty: delete). See {@link
 * MetadataStore#updateObject}.
 */
@FunctionalInterface
public interface ObjectMutation {
  Optional<ObjectRecord> apply(Optional<ObjectRecord> current);
}
