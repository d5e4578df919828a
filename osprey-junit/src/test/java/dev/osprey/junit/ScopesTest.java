package dev.osprey.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.osprey.server.OspreyServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Per-class and per-run servers, checked from outside: sample classes (nested here, so the build
 * does not run them on its own) run in a JUnit launch of their own with parallel execution, and
 * record which server each test saw.
 */
class ScopesTest {
  /** Endpoint each sample class saw, by class name; two entries per class (two tests each). */
  static final Map<String, List<String>> SEEN = new ConcurrentHashMap<>();

  @Test
  void sharedClassesShareOneServerAndEveryOtherClassHasItsOwnAllStoppedAfterTheRun()
      throws Exception {
    TestExecutionSummary summary = run(SharedA.class, SharedB.class, OwnA.class, OwnB.class);

    assertThat(summary.getTotalFailureCount()).as(failures(summary)).isZero();
    assertThat(summary.getTestsSucceededCount()).isEqualTo(8);
    String shared = only("SharedA");
    assertThat(only("SharedB")).isEqualTo(shared);
    assertThat(List.of(only("OwnA"), only("OwnB"), shared)).doesNotHaveDuplicates();
    for (String endpoint : List.of(shared, only("OwnA"), only("OwnB"))) {
      assertThat(listening(endpoint)).as(endpoint + " stopped after the run").isFalse();
    }
  }

  private static String only(String sample) {
    List<String> endpoints = SEEN.get(sample);
    assertThat(endpoints).as(sample).hasSize(2).containsOnly(endpoints.get(0));
    return endpoints.get(0);
  }

  static TestExecutionSummary run(Class<?>... classes) {
    LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request();
    for (Class<?> c : classes) {
      request.selectors(selectClass(c));
    }
    LauncherDiscoveryRequest r =
        request
            .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
            .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
            .configurationParameter(
                "junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
            .build();
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    launcher.execute(r, listener);
    return listener.getSummary();
  }

  static String failures(TestExecutionSummary summary) {
    StringBuilder b = new StringBuilder();
    summary
        .getFailures()
        .forEach(
            f ->
                b.append(f.getTestIdentifier().getDisplayName())
                    .append(": ")
                    .append(f.getException())
                    .append('\n'));
    return b.toString();
  }

  private static boolean listening(String endpoint) {
    URI uri = URI.create(endpoint);
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 1000);
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  private static void saw(Class<?> sample, OspreyServer server) {
    SEEN.computeIfAbsent(
            sample.getSimpleName(), k -> new java.util.concurrent.CopyOnWriteArrayList<>())
        .add(server.endpoint());
  }

  @OspreyTest(scope = OspreyScope.JVM)
  static class SharedA {
    @Test
    void one(OspreyServer server) {
      saw(SharedA.class, server);
    }

    @Test
    void two(OspreyServer server) {
      saw(SharedA.class, server);
    }
  }

  static class SharedB {
    @RegisterExtension static final OspreyExtension osprey = OspreyExtension.shared();

    @Test
    void one(OspreyServer server) {
      saw(SharedB.class, server);
    }

    @Test
    void two(OspreyServer server) {
      saw(SharedB.class, server);
    }
  }

  @OspreyTest
  static class OwnA {
    @Test
    void one(OspreyServer server) {
      saw(OwnA.class, server);
    }

    @Test
    void two(OspreyServer server) {
      saw(OwnA.class, server);
    }
  }

  @OspreyTest
  static class OwnB {
    @Test
    void one(OspreyServer server) {
      saw(OwnB.class, server);
    }

    @Test
    void two(OspreyServer server) {
      saw(OwnB.class, server);
    }
  }
}
