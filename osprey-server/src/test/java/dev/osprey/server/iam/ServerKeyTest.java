package dev.osprey.server.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerKeyTest {
  @TempDir Path dir;

  @Test
  void sealsSecretsThatOnlyThisKeyAndContextOpen() throws Exception {
    ServerKey key = ServerKey.loadOrCreate(dir);
    String sealed = key.seal("s3cret", "LTAI1");
    assertThat(sealed).doesNotContain("s3cret");
    assertThat(key.seal("s3cret", "LTAI1")).as("random nonce").isNotEqualTo(sealed);
    assertThat(ServerKey.loadOrCreate(dir).open(sealed, "LTAI1")).isEqualTo("s3cret");
    assertThatThrownBy(() -> key.open(sealed, "LTAI2"))
        .isInstanceOf(IllegalArgumentException.class);

    byte[] raw = Base64.getDecoder().decode(sealed);
    raw[raw.length - 1] ^= 1;
    String tampered = Base64.getEncoder().encodeToString(raw);
    assertThatThrownBy(() -> key.open(tampered, "LTAI1"))
        .isInstanceOf(IllegalArgumentException.class);

    Path other = Files.createDirectory(dir.resolve("other"));
    assertThatThrownBy(() -> ServerKey.loadOrCreate(other).open(sealed, "LTAI1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve(ServerKey.FILE_NAME))))
        .isEqualTo("rw-------");
  }
}
