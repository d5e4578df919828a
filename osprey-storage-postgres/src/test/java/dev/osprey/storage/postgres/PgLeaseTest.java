package dev.osprey.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osprey.storage.MetadataStore;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Leases of background work between two store instances over one database (what two nodes are): one
 * holder at a time per piece of work, pieces independent, free again once released.
 */
class PgLeaseTest {
  @Test
  void oneHolderPerPieceOfWorkAcrossStores() {
    PostgresProcess pg = PostgresProcess.shared();
    PostgresSettings settings = pg.settings(pg.newSchema());
    try (PostgresMetadataStore a = PostgresMetadataStore.open(settings);
        PostgresMetadataStore b = PostgresMetadataStore.open(settings)) {
      Optional<MetadataStore.BlobLock> first = a.tryLease("lifecycle");
      assertThat(first).isPresent();
      assertThat(b.tryLease("lifecycle")).as("held by the other store").isEmpty();
      Optional<MetadataStore.BlobLock> orphans = b.tryLease("orphans");
      assertThat(orphans).as("another piece of work").isPresent();
      orphans.get().close();
      first.get().close();
      Optional<MetadataStore.BlobLock> second = b.tryLease("lifecycle");
      assertThat(second).as("released by the first store").isPresent();
      assertThat(a.tryLease("lifecycle")).isEmpty();
      second.get().close();
      // The blob lock of an object is free once its holder closes it, from either store.
      a.lockBlob("bucket", "key").close();
      b.lockBlob("bucket", "key").close();
    }
  }
}
