package dev.osprey.storage.postgres;

import dev.osprey.storage.IdentityStoreConformanceTest;
import dev.osprey.storage.MetadataStore;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The identity conformance suite against a real PostgreSQL. */
class PostgresIdentityStoreTest extends IdentityStoreConformanceTest {
  private static final Map<Path, String> SCHEMAS = new ConcurrentHashMap<>();

  @Override
  protected MetadataStore open(Path dir) {
    PostgresProcess pg = PostgresProcess.shared();
    return PostgresMetadataStore.open(
        pg.settings(SCHEMAS.computeIfAbsent(dir, d -> pg.newSchema())));
  }
}
