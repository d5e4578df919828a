package dev.osprey.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConsoleForwarderTest {
  @Test
  void stripsThePrefixKeepingPathAndQueryAsSent() {
    assertThat(ConsoleForwarder.rewrite("/console/oss")).isEqualTo("/");
    assertThat(ConsoleForwarder.rewrite("/console/oss/")).isEqualTo("/");
    assertThat(ConsoleForwarder.rewrite("/console/oss?max-keys=1")).isEqualTo("/?max-keys=1");
    assertThat(ConsoleForwarder.rewrite("/console/oss/b/")).isEqualTo("/b/");
    assertThat(ConsoleForwarder.rewrite("/console/oss/b/dir/a%20b.txt?tagging"))
        .isEqualTo("/b/dir/a%20b.txt?tagging");
    assertThat(
            ConsoleForwarder.rewrite("/console/oss/b/k?x-osprey-tail=7&x-osprey-tail-format=sse"))
        .isEqualTo("/b/k?x-osprey-tail=7&x-osprey-tail-format=sse");
  }

  @Test
  void leavesEverythingElseToTheListener() {
    assertThat(ConsoleForwarder.rewrite("/console/")).isNull();
    assertThat(ConsoleForwarder.rewrite("/console/app.js")).isNull();
    assertThat(ConsoleForwarder.rewrite("/console/ossx")).isNull();
    assertThat(ConsoleForwarder.rewrite("/console/oss.js")).isNull();
    assertThat(ConsoleForwarder.rewrite("/admin/users")).isNull();
    assertThat(ConsoleForwarder.rewrite("/metrics")).isNull();
    assertThat(ConsoleForwarder.rewrite("http://x/console/oss/b/")).isNull();
  }
}
