package dev.osprey.storage.postgres;

import dev.osprey.storage.MetadataStore;
import dev.osprey.storage.MetadataStoreConformanceTest;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;

/** The whole metadata conformance suite against a real PostgreSQL (one schema per test). */
class PostgresMetadataStoreTest extends MetadataStoreConformanceTest {
  private static final Map<Path, String> SCHEMAS = new ConcurrentHashMap<>();
  private MetadataStore peer;

  @Override
  protected MetadataStore open(Path dir) {
    PostgresProcess pg = PostgresProcess.shared();
    String schema = SCHEMAS.computeIfAbsent(dir, d -> pg.newSchema());
    return PostgresMetadataStore.open(pg.settings(schema));
  }

  /** A second store instance over the same schema: another node. */
  @Override
  protected MetadataStore peer() {
    if (peer == null) {
      peer = open(dir);
    }
    return peer;
  }

  @AfterEach
  void closePeer() {
    if (peer != null) {
      peer.close();
      peer = null;
    }
  }
}
