package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osprey.server.OspreyServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code osprey server} refuses a taken port or a data directory in use with one line naming it,
 * and creates nothing first.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CliServerRefusalTest {
  @TempDir Path tmp;

  @Test
  void aTakenMainPortIsNamedAndNoDataDirectoryIsCreated() throws Exception {
    Path data = tmp.resolve("fresh");
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Cli.Result r =
          Cli.bare(
              "server",
              "--address",
              "127.0.0.1:" + taken.getLocalPort(),
              "--admin-address",
              "off",
              "--data",
              data.toString());

      assertThat(r.code()).isEqualTo(3);
      assertThat(r.err().lines()).hasSize(1);
      assertThat(r.err())
          .contains("port " + taken.getLocalPort())
          .contains("already in use")
          .contains("--address");
    }
    assertThat(data).doesNotExist();
  }

  @Test
  void aTakenAdminPortIsNamedAndNoDataDirectoryIsCreated() throws Exception {
    Path data = tmp.resolve("fresh");
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Cli.Result r =
          Cli.bare(
              "server",
              "--address",
              "127.0.0.1:0",
              "--admin-address",
              "127.0.0.1:" + taken.getLocalPort(),
              "--data",
              data.toString());

      assertThat(r.code()).isEqualTo(3);
      assertThat(r.err().lines()).hasSize(1);
      assertThat(r.err()).contains("port " + taken.getLocalPort()).contains("(admin)");
    }
    assertThat(data).doesNotExist();
  }

  @Test
  void aDataDirectoryInUseIsNamed() throws Exception {
    Path data = tmp.resolve("used");
    try (OspreyServer running = OspreyServer.builder().port(0).dataDir(data).build().start()) {
      assertThat(running.endpoint()).isNotNull();
      long filesBefore;
      try (var files = Files.list(data)) {
        filesBefore = files.count();
      }

      Cli.Result r =
          Cli.bare(
              "server",
              "--address",
              "127.0.0.1:0",
              "--admin-address",
              "off",
              "--data",
              data.toString());

      assertThat(r.code()).isEqualTo(3);
      assertThat(r.err().lines()).hasSize(1);
      assertThat(r.err()).contains("data directory " + data.toAbsolutePath()).contains("in use");
      try (var files = Files.list(data)) {
        assertThat(files.count()).isEqualTo(filesBefore);
      }
    }
  }
}
