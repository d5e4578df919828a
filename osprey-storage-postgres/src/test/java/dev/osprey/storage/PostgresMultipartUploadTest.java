package dev.osprey.storage;

import dev.osprey.storage.postgres.PostgresProcess;
import java.nio.file.Path;

/** {@link MultipartUploadTest} with its metadata in a real PostgreSQL. */
class PostgresMultipartUploadTest extends MultipartUploadTest {
  @Override
  protected MetadataStore openMetadata(Path dir) {
    return PostgresProcess.shared().storeFor(dir);
  }
}
