package dev.osprey.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PostgresSettingsTest {
  @Test
  void libpqUrisBecomeJdbcSettings() {
    PostgresSettings s =
        PostgresSettings.fromUri(
            "postgresql://osprey:p%40ss@db.example:6543/meta?schema=nodes&pool=12", "env", 32);
    assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/meta");
    assertThat(s.user()).isEqualTo("osprey");
    assertThat(s.password()).isEqualTo("p@ss"); // the URI's password wins over the environment's
    assertThat(s.schema()).isEqualTo("nodes");
    assertThat(s.poolSize()).isEqualTo(12);

    PostgresSettings env = PostgresSettings.fromUri("postgres://osprey@127.0.0.1/meta", "env", 32);
    assertThat(env.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1/meta");
    assertThat(env.password()).isEqualTo("env");
    assertThat(env.schema()).isNull();
    assertThat(env.poolSize()).isEqualTo(32);
  }

  @Test
  void thePasswordIsNeverShown() {
    PostgresSettings s = PostgresSettings.fromUri("postgresql://u:s3cret@h:1/d", null, 4);
    assertThat(s.toString()).doesNotContain("s3cret").contains("jdbc:postgresql://h:1/d");
    assertThatThrownBy(() -> PostgresSettings.fromUri("postgresql://u:s3cret@h:1/d b^d", null, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
  }

  @Test
  void otherSchemesAndMissingPartsAreRefused() {
    assertThatThrownBy(() -> PostgresSettings.fromUri("mysql://u@h/d", null, 4))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PostgresSettings.fromUri("postgresql://u@h", null, 4))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PostgresSettings.fromUri("postgresql://u@h/d?pool=x", null, 4))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PostgresSettings.fromUri("postgresql://u@h/d?pool=0", null, 4))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
