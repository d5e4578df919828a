package dev.osprey.storage;

import dev.osprey.storage.postgres.PostgresProcess;
import java.nio.file.Path;

/** {@link ConcurrentAppendTest} with its metadata in a real PostgreSQL. */
class PostgresConcurrentAppendTest extends ConcurrentAppendTest {
  @Override
  protected MetadataStore openMetadata(Path dir) {
    return PostgresProcess.shared().storeFor(dir);
  }
}
