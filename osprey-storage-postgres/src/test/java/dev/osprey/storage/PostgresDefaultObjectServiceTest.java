package dev.osprey.storage;

import dev.osprey.storage.postgres.PostgresProcess;
import java.nio.file.Path;

/** {@link DefaultObjectServiceTest} with its metadata in a real PostgreSQL. */
class PostgresDefaultObjectServiceTest extends DefaultObjectServiceTest {
  @Override
  protected MetadataStore openMetadata(Path dir) {
    return PostgresProcess.shared().storeFor(dir);
  }
}
