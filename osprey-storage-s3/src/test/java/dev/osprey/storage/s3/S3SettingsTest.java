package dev.osprey.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code --data s3://...} form. */
class S3SettingsTest {
  @Test
  void bucketEndpointAndRegion() {
    S3Settings s = S3Settings.parse("s3://data?endpoint=http://127.0.0.1:9000&region=eu-west-1");
    assertThat(s.bucket()).isEqualTo("data");
    assertThat(s.prefix()).isEmpty();
    assertThat(s.endpoint()).isEqualTo(Optional.of(URI.create("http://127.0.0.1:9000")));
    assertThat(s.region()).isEqualTo("eu-west-1");
  }

  @Test
  void regionDefaultsToUsEast1AndAPathIsAPrefix() {
    S3Settings s = S3Settings.parse("s3://data/osprey/node?endpoint=http%3A%2F%2Fs3.local%3A80");
    assertThat(s.region()).isEqualTo("us-east-1");
    assertThat(s.prefix()).isEqualTo("osprey/node/");
    assertThat(s.endpoint()).contains(URI.create("http://s3.local:80"));
  }

  @Test
  void noEndpointMeansAwsItself() {
    assertThat(S3Settings.parse("s3://data").endpoint()).isEmpty();
  }

  @Test
  void badFormsAreRefusedClearly() {
    assertThatThrownBy(() -> S3Settings.parse("http://data"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("s3://BUCKET");
    assertThatThrownBy(() -> S3Settings.parse("s3://data?endpont=x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("endpont");
    assertThatThrownBy(() -> new S3Settings.Sizes(1 << 20, 5 << 20, 10))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
