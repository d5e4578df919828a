package dev.osprey.storage.rocks;

import dev.osprey.storage.MetadataStore;
import dev.osprey.storage.MetadataStoreConformanceTest;
import java.nio.file.Path;

class RocksMetadataStoreTest extends MetadataStoreConformanceTest {
  @Override
  protected MetadataStore open(Path dir) {
    return RocksMetadataStore.open(dir);
  }
}
