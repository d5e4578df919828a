package dev.osprey.storage;

import dev.osprey.storage.postgres.PostgresProcess;
import java.nio.file.Path;

/** {@link AppendObjectTest} with its metadata in a real PostgreSQL. */
class PostgresAppendObjectTest extends AppendObjectTest {
  @Override
  protected MetadataStore openMetadata(Path dir) {
    return PostgresProcess.shared().storeFor(dir);
  }
}
