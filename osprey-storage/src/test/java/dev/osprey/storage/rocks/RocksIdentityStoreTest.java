package dev.osprey.storage.rocks;

import dev.osprey.storage.IdentityStoreConformanceTest;
import dev.osprey.storage.MetadataStore;
import java.nio.file.Path;

class RocksIdentityStoreTest extends IdentityStoreConformanceTest {
  @Override
  protected MetadataStore open(Path dir) {
    return RocksMetadataStore.open(dir);
  }
}
