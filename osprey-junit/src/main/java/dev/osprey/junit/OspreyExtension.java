package dev.osprey.junit;

import com.aliyun.oss.OSS;
import dev.osprey.server.OspreyServer;
import dev.osprey.storage.SyncMode;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link OspreyTest}: an in-process Osprey on an ephemeral port of
 * 127.0.0.1, data in a temporary directory, {@link SyncMode#NEVER} unless asked otherwise, one per
 * test class or one per test run. It resolves parameters of these types:
 *
 * <ul>
 *   <li>{@link OSS}: a ready client signed with the root key (V1), shared by the scope's tests and
 *       shut down with the server; do not shut it down yourself;
 *   <li>{@link OspreyConnection}: the endpoint and the root key, to build clients of your own;
 *   <li>{@link OspreyServer}: the server itself (e.g. its {@code config()});
 *   <li>{@code @}{@link OspreyBucket} {@code String}: a fresh bucket for the current test.
 * </ul>
 *
 * <p>As a field, for settings in code or access without parameters:
 *
 * <pre>{@code
 * class ArchiveTest {
 *   @RegisterExtension
 *   static final OspreyExtension osprey = OspreyExtension.perClass();   // or .shared()
 *
 *   @Test
 *   void archives(@OspreyBucket String bucket) {
 *     new Archiver(osprey.endpoint(), osprey.accessKeyId(), osprey.accessKeySecret()).run(bucket);
 *     assertThat(osprey.client().listObjects(bucket).getObjectSummaries()).hasSize(3);
 *   }
 * }
 * }</pre>
 *
 * <p><b>Parallel execution.</b> Safe with JUnit's parallel mode, classes and methods alike: a
 * server is started once per scope however many threads ask for it (the store's atomic {@code
 * getOrComputeIfAbsent}), the client is thread-safe, and each test's bucket has a name no other
 * test gets. The field accessors ({@link #client()}, {@link #endpoint()}, ...) answer for the
 * server this extension instance started last, which is exact for a static field of the class that
 * runs it; where one instance serves several classes at once (a field inherited by classes that run
 * in parallel), inject parameters instead.
 */
public final class OspreyExtension
    implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {
  private static final Namespace NAMESPACE = Namespace.create(OspreyExtension.class);
  private static final AtomicLong BUCKETS = new AtomicLong();

  /** Settings given in code; null when they come from the class's {@link OspreyTest}. */
  private final Settings configured;

  private volatile RunningOsprey last;

  private record Settings(OspreyScope scope, SyncMode sync) {}

  /** The extension as {@link OspreyTest} registers it: settings from the annotation. */
  public OspreyExtension() {
    this.configured = null;
  }

  private OspreyExtension(Settings settings) {
    this.configured = settings;
  }

  /** A server of the test class's own ({@link OspreyScope#CLASS}), sync mode NEVER. */
  public static OspreyExtension perClass() {
    return new OspreyExtension(new Settings(OspreyScope.CLASS, SyncMode.NEVER));
  }

  /** The test run's shared server ({@link OspreyScope#JVM}), sync mode NEVER. */
  public static OspreyExtension shared() {
    return new OspreyExtension(new Settings(OspreyScope.JVM, SyncMode.NEVER));
  }

  /**
   * The same extension with another sync mode ({@link SyncMode#ALWAYS}: fsync as in production).
   */
  public OspreyExtension sync(SyncMode mode) {
    Objects.requireNonNull(mode, "mode");
    return new OspreyExtension(new Settings(settings().scope(), mode));
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    osprey(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    // Instance fields are registered after beforeAll: this is where their server starts.
    osprey(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    if (parameter.isAnnotated(OspreyBucket.class)) {
      return type == String.class;
    }
    return type == OSS.class || type == OspreyConnection.class || type == OspreyServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    RunningOsprey osprey = osprey(context);
    Class<?> type = parameter.getParameter().getType();
    if (parameter.isAnnotated(OspreyBucket.class)) {
      return bucket(context, osprey);
    }
    if (type == OSS.class) {
      return osprey.client();
    }
    if (type == OspreyConnection.class) {
      return osprey.connection();
    }
    return osprey.server();
  }

  /** The shared client of the server this extension started last. */
  public OSS client() {
    return running().client();
  }

  /** The endpoint and root key of the server this extension started last. */
  public OspreyConnection connection() {
    return running().connection();
  }

  /** {@code http://127.0.0.1:<port>} of the server this extension started last. */
  public String endpoint() {
    return connection().endpoint();
  }

  public String accessKeyId() {
    return connection().accessKeyId();
  }

  public String accessKeySecret() {
    return connection().accessKeySecret();
  }

  /** The server this extension started last. */
  public OspreyServer server() {
    return running().server();
  }

  private RunningOsprey running() {
    RunningOsprey r = last;
    if (r == null) {
      throw new IllegalStateException(
          "Osprey is not started yet: it starts before the first test of the class");
    }
    return r;
  }

  /** The server of this context's scope, started by whichever thread asks first. */
  private RunningOsprey osprey(ExtensionContext context) {
    Settings s = configured != null ? configured : fromAnnotation(context);
    ExtensionContext owner = s.scope() == OspreyScope.JVM ? context.getRoot() : outerClass(context);
    String key = s.scope() + "/" + s.sync();
    RunningOsprey r =
        owner
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(key, k -> RunningOsprey.start(s.sync()), RunningOsprey.class);
    last = r;
    return r;
  }

  private Settings settings() {
    return configured != null ? configured : new Settings(OspreyScope.CLASS, SyncMode.NEVER);
  }

  private static Settings fromAnnotation(ExtensionContext context) {
    Optional<OspreyTest> a = Optional.empty();
    for (ExtensionContext c = context; a.isEmpty() && c != null; c = c.getParent().orElse(null)) {
      a = c.getTestClass().flatMap(t -> AnnotationSupport.findAnnotation(t, OspreyTest.class));
    }
    return a.map(t -> new Settings(t.scope(), t.sync()))
        .orElse(new Settings(OspreyScope.CLASS, SyncMode.NEVER));
  }

  /** The outermost class context: a {@code @Nested} class shares its enclosing class's server. */
  private static ExtensionContext outerClass(ExtensionContext context) {
    ExtensionContext owner = context;
    for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
      if (c.getTestClass().isPresent()) {
        owner = c;
      }
    }
    return owner;
  }

  /** The current test's bucket, created on first use: one per test, never shared. */
  private static String bucket(ExtensionContext context, RunningOsprey osprey) {
    ExtensionContext test =
        context.getTestMethod().isPresent()
            ? context
            : context
                .getParent()
                .orElseThrow(() -> new ParameterResolutionException("@OspreyBucket is per test"));
    if (test.getTestMethod().isEmpty()) {
      throw new ParameterResolutionException(
          "@OspreyBucket names a bucket of one test: ask for it in a test, @BeforeEach or"
              + " @AfterEach method");
    }
    return test.getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            "bucket",
            k -> {
              String name = bucketName(test);
              osprey.client().createBucket(name);
              return name;
            },
            String.class);
  }

  /**
   * {@code <method>-<n>-<random>}, lower-case, within OSS's bucket-name rules (3-63 of a-z, 0-9 and
   * '-', starting and ending with a letter or digit): readable in a failure, unique in a run.
   */
  static String bucketName(ExtensionContext test) {
    String method =
        test.getRequiredTestMethod()
            .getName()
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("^-+|-+$", "");
    String tail =
        "-" + BUCKETS.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6);
    String head = method.isEmpty() ? "t" : method;
    head = head.substring(0, Math.min(head.length(), 63 - tail.length()));
    return head + tail;
  }
}
