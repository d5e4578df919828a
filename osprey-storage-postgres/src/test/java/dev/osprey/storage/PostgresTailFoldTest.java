package dev.osprey.storage;

import dev.osprey.storage.postgres.PostgresProcess;
import java.nio.file.Path;

/** {@link TailFoldTest} with its metadata in a real PostgreSQL. */
class PostgresTailFoldTest extends TailFoldTest {
  @Override
  protected MetadataStore openMetadata(Path dir) {
    return PostgresProcess.shared().storeFor(dir);
  }
}
