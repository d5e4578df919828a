package dev.osprey.storage;

import dev.osprey.storage.postgres.PostgresProcess;
import java.nio.file.Path;

/** {@link LendingBodyTest} with its metadata in a real PostgreSQL. */
class PostgresLendingBodyTest extends LendingBodyTest {
  @Override
  protected MetadataStore openMetadata(Path dir) {
    return PostgresProcess.shared().storeFor(dir);
  }
}
