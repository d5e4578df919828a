package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.AppendObjectRequest;
import com.aliyun.oss.model.SetObjectTaggingRequest;
import com.aliyun.oss.model.TagSet;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code osprey stat|seal|presign} against a live server. */
class CliObjectCommandsTest {
  @TempDir Path tmp;
  private OSS oss;
  private String bucket;

  @BeforeEach
  void setUp() {
    oss = Clients.shared("V1");
    bucket = Buckets.unique("cliobj");
    oss.createBucket(bucket);
  }

  @AfterEach
  void tearDown() {
    oss.shutdown();
  }

  @Test
  void statShowsTypeNextPositionCrcAndTags() {
    append("log", 0, "hello");
    TagSet tags = new TagSet();
    tags.setTag("team", "ops");
    oss.setObjectTagging(new SetObjectTaggingRequest(bucket, "log", tags));

    Cli.Result stat = Cli.run("stat", "oss://" + bucket + "/log");

    assertThat(stat.code()).as(stat.err()).isZero();
    assertThat(stat.out())
        .containsPattern("(?i)x-oss-object-type\\s+: Appendable")
        .containsPattern("(?i)x-oss-next-append-position\\s+: 5")
        .containsPattern("(?i)x-oss-hash-crc64ecma\\s+: \\d+")
        .containsPattern("Tags\\s+: \\{team=ops\\}");
  }

  @Test
  void sealStopsAppendsAndStatShowsTheSealedTime() throws Exception {
    append("log", 0, "hello");

    Cli.Result dry = Cli.run("seal", "--dry-run", "oss://" + bucket + "/log");
    assertThat(dry.out()).contains("Would seal");
    assertThat(Cli.run("stat", "oss://" + bucket + "/log").out())
        .doesNotContainIgnoringCase("sealed-time");

    Cli.Result seal = Cli.run("seal", "oss://" + bucket + "/log");
    assertThat(seal.code()).as(seal.err()).isZero();
    assertThat(seal.out()).contains("Sealed oss://" + bucket + "/log at 5");
    Cli.Result stat = Cli.run("stat", "oss://" + bucket + "/log", "--output-format", "json");
    assertThat(stat.out()).containsIgnoringCase("\"x-oss-sealed-time\":");
    Cli.Result appendAfter =
        Cli.run(
            "append",
            "oss://" + bucket + "/log",
            Files.writeString(tmp.resolve("more"), "more").toString());
    assertThat(appendAfter.code()).isEqualTo(1);
    assertThat(appendAfter.err().lines()).hasSize(1);
  }

  @Test
  void presignedV1AndV4UrlsFetchTheObject() throws Exception {
    oss.putObject(
        bucket, "p.txt", new ByteArrayInputStream("shared".getBytes(StandardCharsets.UTF_8)));

    for (String version : new String[] {"v1", "v4"}) {
      Cli.Result p =
          Cli.run(
              "presign",
              "oss://" + bucket + "/p.txt",
              "--sign-version",
              version,
              "--expires-duration",
              "10m");
      assertThat(p.code()).as(p.err()).isZero();
      String url = p.out().strip();
      assertThat(url)
          .contains(version.equals("v4") ? "x-oss-signature-version=OSS4-HMAC-SHA256" : "Expires=");
      HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
      assertThat(c.getResponseCode()).as(version).isEqualTo(200);
      try (InputStream in = c.getInputStream()) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("shared");
      }
    }
  }

  @Test
  void presignRefusesAV4ExpiryBeyondSevenDays() {
    Cli.Result p =
        Cli.run(
            "presign",
            "oss://" + bucket + "/k",
            "--sign-version",
            "v4",
            "--expires-duration",
            "169h");

    assertThat(p.code()).isEqualTo(2);
    assertThat(p.err()).contains("168h");
  }

  private void append(String key, long position, String text) {
    AppendObjectRequest req =
        new AppendObjectRequest(
            bucket, key, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    req.setPosition(position);
    oss.appendObject(req);
  }
}
