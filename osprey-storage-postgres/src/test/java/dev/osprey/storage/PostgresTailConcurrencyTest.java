package dev.osprey.storage;

import dev.osprey.storage.postgres.PostgresProcess;
import java.nio.file.Path;

/** {@link TailConcurrencyTest} with its metadata in a real PostgreSQL. */
class PostgresTailConcurrencyTest extends TailConcurrencyTest {
  @Override
  protected MetadataStore openMetadata(Path dir) {
    return PostgresProcess.shared().storeFor(dir);
  }
}
