package dev.osprey.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osprey.protocol.CannedAcl;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.StorageClass;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** RestoreObject and the readable state of archived objects, below the HTTP layer. */
class RestoreObjectTest extends ServiceTestBase {
  private static final Duration DELAY = Duration.ofHours(1);

  private static ObjectAttributes inClass(StorageClass sc) {
    return new ObjectAttributes(null, null, null, null, null, null, null, null, sc, null);
  }

  private ObjectRecord putIn(String key, String content, StorageClass sc) {
    byte[] b = bytes(content);
    return service.putObject(
        new PutObjectCommand(BUCKET, key, b.length, null, inClass(sc), false), body(b));
  }

  @Test
  void anArchivedObjectOpensOnlyWhileRestored() throws IOException {
    putIn("frozen", "cold bytes", StorageClass.ARCHIVE);
    assertOssError(() -> content("frozen"), OssErrorCode.INVALID_OBJECT_STATE);

    Instant asked = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    RestoreResult started = service.restoreObject(BUCKET, "frozen", null, 2, DELAY);
    assertThat(started.started()).isTrue();
    assertThat(started.object().restore().readyAt()).isEqualTo(asked.plus(DELAY));
    assertThat(service.headObject(BUCKET, "frozen").restore())
        .isEqualTo(started.object().restore());
    assertOssError(() -> content("frozen"), OssErrorCode.INVALID_OBJECT_STATE);
    assertOssError(
        () -> service.restoreObject(BUCKET, "frozen", null, 2, DELAY),
        OssErrorCode.RESTORE_ALREADY_IN_PROGRESS);

    clock.advance(DELAY);
    assertThat(content("frozen")).isEqualTo("cold bytes");
    try (OpenObject open = service.openObject(BUCKET, "frozen")) {
      assertThat(open.object().restore()).isEqualTo(started.object().restore());
    }

    clock.advance(Duration.ofDays(2));
    assertOssError(() -> content("frozen"), OssErrorCode.INVALID_OBJECT_STATE);
    assertThat(service.restoreObject(BUCKET, "frozen", null, 1, DELAY).started()).isTrue();
  }

  @Test
  void theRestoreStateSurvivesAReopen() throws IOException {
    putIn("kept", "kept bytes", StorageClass.COLD_ARCHIVE);
    RestoreResult started = service.restoreObject(BUCKET, "kept", null, 3, Duration.ZERO);
    reopen();
    assertThat(service.headObject(BUCKET, "kept").restore()).isEqualTo(started.object().restore());
    assertThat(content("kept")).isEqualTo("kept bytes");
  }

  @Test
  void anArchivedAppendableObjectIsReadFromItsTailOnceRestored() throws IOException {
    byte[] first = bytes("ab");
    service.appendObject(
        new AppendObjectCommand(
            BUCKET, "log", 0, first.length, null, inClass(StorageClass.ARCHIVE)),
        body(first));
    append("log", 2, "cd");
    assertOssError(() -> content("log"), OssErrorCode.INVALID_OBJECT_STATE);
    service.restoreObject(BUCKET, "log", null, 1, Duration.ZERO);
    assertThat(content("log")).isEqualTo("abcd");
    append("log", 4, "ef");
    assertThat(service.headObject(BUCKET, "log").restore())
        .as("an append keeps the restored state")
        .isNotNull();
    assertThat(content("log")).isEqualTo("abcdef");
    service.sealAppendObject(BUCKET, "log", 6);
    assertThat(content("log")).as("sealing keeps the restored state").isEqualTo("abcdef");
  }

  @Test
  void classesThatNeedNoRestoreRefuseOne() {
    putIn("standard", "s", StorageClass.STANDARD);
    putIn("ia", "i", StorageClass.IA);
    assertOssError(
        () -> service.restoreObject(BUCKET, "standard", null, 1, DELAY),
        OssErrorCode.OPERATION_NOT_SUPPORTED);
    assertOssError(
        () -> service.restoreObject(BUCKET, "ia", null, 1, DELAY),
        OssErrorCode.OPERATION_NOT_SUPPORTED);
    assertOssError(
        () -> service.restoreObject(BUCKET, "absent", null, 1, DELAY), OssErrorCode.NO_SUCH_KEY);
    assertThat(service.headObject(BUCKET, "ia").attributes().acl()).isEqualTo(CannedAcl.DEFAULT);
  }
}
