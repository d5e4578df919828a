package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code osprey --version} names the version and the commit; {@code osprey completion} works. */
class CliVersionAndCompletionTest {

  @Test
  void versionNamesTheBuildAndItsCommit() {
    Cli.Result r = Cli.bare("--version");
    assertThat(r.code()).isZero();
    // The commit is git describe's (a hash, "-dirty" for uncommitted changes) or "unknown" when
    // built outside a git checkout.
    assertThat(r.out())
        .containsPattern("osprey 0\\.1\\.0-SNAPSHOT \\(commit ([0-9a-f]{7,40}(-dirty)?|unknown)\\)")
        .contains("Java " + System.getProperty("java.version"));
  }

  @Test
  void bashCompletionKnowsCommandsAndTheirOptions() {
    Cli.Result r = Cli.bare("completion", "bash");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("complete -F")
        .contains("osprey")
        .contains("mb")
        .contains("presign")
        .contains("--access-log")
        .contains("--output-format");
  }

  @Test
  void anotherShellIsAUsageError() {
    Cli.Result r = Cli.bare("completion", "fish");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("bash or zsh");
  }
}
