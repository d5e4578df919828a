package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code osprey server --data s3://...} refuses a malformed URI or an S3 it cannot reach. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class S3DataRefusalTest {
  @TempDir Path tmp;

  @Test
  void anUnknownParameterIsNamed() {
    Cli.Result r =
        Cli.bare(
            "server",
            "--address",
            "127.0.0.1:0",
            "--admin-address",
            "off",
            "--metadata-dir",
            tmp.resolve("meta").toString(),
            "--data",
            "s3://bucket?endpont=http://127.0.0.1:1");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--data").contains("endpont");
  }

  @Test
  void anUnreachableS3IsNamedAndTheServerDoesNotStart() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    Cli.Result r =
        Cli.bare(
            "server",
            "--address",
            "127.0.0.1:0",
            "--admin-address",
            "off",
            "--metadata-dir",
            tmp.resolve("meta").toString(),
            "--data",
            "s3://bucket?endpoint=http://127.0.0.1:" + closed);
    assertThat(r.code()).isNotZero();
    assertThat(r.err()).contains("S3 bucket s3://bucket");
  }
}
