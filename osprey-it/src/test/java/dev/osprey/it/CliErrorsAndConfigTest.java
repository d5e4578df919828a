package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Errors a person can read, exit codes, and ossutil configuration profiles. */
class CliErrorsAndConfigTest {
  @TempDir Path tmp;
  private OSS oss;
  private String bucket;

  @BeforeEach
  void setUp() {
    oss = Clients.shared("V1");
    bucket = Buckets.unique("clierr");
  }

  @AfterEach
  void tearDown() {
    oss.shutdown();
  }

  @Test
  void aServerErrorIsOneLineWithCodeRequestIdAndAHint() {
    Cli.Result r = Cli.run("ls", "oss://" + bucket);

    assertThat(r.code()).isEqualTo(4);
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err())
        .startsWith("osprey ls: NoSuchBucket: ")
        .contains("RequestId ")
        .contains("osprey mb oss://BUCKET")
        .doesNotContain("Exception");
  }

  @Test
  void debugAddsTheStackTrace() {
    Cli.Result r = Cli.run("stat", "oss://" + bucket + "/k", "--debug");

    assertThat(r.code()).isEqualTo(4);
    assertThat(r.err()).contains("NoSuchBucket").contains("OSSException").contains("\tat ");
  }

  @Test
  void anUnreachableServerSaysSoOnOneLine() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Cli.Result r =
        Cli.bare(
            "ls",
            "--endpoint",
            "http://127.0.0.1:" + port,
            "--access-key-id",
            "id",
            "--access-key-secret",
            "secret");

    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains("cannot reach the server").contains("--endpoint");
    assertThat(r.err()).doesNotContain("\tat ");
  }

  @Test
  void aBadUrlIsAUsageError() {
    Cli.Result r = Cli.run("stat", "s3://b/k");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("expected oss://").doesNotContain("\tat ");
  }

  @Test
  void aProfileOfTheOssutilConfigFileGivesEndpointAndKeys() throws Exception {
    oss.createBucket(bucket);
    Path config =
        Files.writeString(
            tmp.resolve("ossutilconfig"),
            """
            # ossutil 2.0 style
            [default]
            accessKeyId = wrong
            accessKeySecret = wrong

            [profile Local]
            access-key-id = %s
            access_key_secret = %s
            endpoint = %s
            region = cn-hangzhou
            """
                .formatted(
                    SharedServer.ACCESS_KEY_ID,
                    SharedServer.ACCESS_KEY_SECRET,
                    SharedServer.get().endpoint()));

    Cli.Result ok =
        Cli.bare(
            "ls",
            "--config-file",
            config.toString(),
            "--profile",
            "local",
            "--data",
            tmp.toString());
    assertThat(ok.code()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("oss://" + bucket);

    Cli.Result wrongKey =
        Cli.bare(
            "ls",
            "--config-file",
            config.toString(),
            "--endpoint",
            SharedServer.get().endpoint(),
            "--data",
            tmp.toString());
    assertThat(wrongKey.code()).isEqualTo(1);
    assertThat(wrongKey.err()).contains("InvalidAccessKeyId");

    Cli.Result missing =
        Cli.bare(
            "ls",
            "--config-file",
            config.toString(),
            "--profile",
            "nope",
            "--data",
            tmp.toString());
    assertThat(missing.code()).isEqualTo(3);
    assertThat(missing.err()).contains("Profile nope is not in");
  }

  @Test
  void flagsWinOverTheProfile() throws Exception {
    Path config =
        Files.writeString(
            tmp.resolve("cfg"),
            "[default]\nendpoint = http://127.0.0.1:1\naccessKeyId=x\naccessKeySecret=y\n");

    Cli.Result r = Cli.run("ls", "--config-file", config.toString());

    assertThat(r.code()).as(r.err()).isZero();
  }
}
