package dev.osprey.storage.s3;

import dev.osprey.storage.DataStore;
import dev.osprey.storage.DataStoreConformanceTest;
import java.nio.file.Path;
import java.time.Duration;

/** The whole DataStore contract, against a real S3 server (S3Mock) the test starts. */
class S3DataStoreConformanceTest extends DataStoreConformanceTest {
  @Override
  protected DataStore open(Path dir) {
    // One prefix per test directory: a reopen in the same test finds the same blobs.
    return S3DataStore.open(
        S3MockServer.shared()
            .settings("conformance/" + dir.getFileName() + "/")
            .withDeleteDelay(Duration.ofMinutes(1)));
  }
}
