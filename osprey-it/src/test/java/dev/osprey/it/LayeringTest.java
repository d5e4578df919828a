package dev.osprey.it;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.osprey.cli.OspreyCli;
import dev.osprey.storage.EmbeddedStorage;
import dev.osprey.storage.rocks.RecordCodec;
import dev.osprey.storage.rocks.UploadCodec;
import java.util.regex.Pattern;

/**
 * The module and package rules of docs/architecture.md ("Layering rules"), checked on the main
 * classes of every module on this module's class path (no test classes, no test-jars). A known
 * break of an intended rule is named here as an exception, with the reason in the doc; nothing else
 * is tolerated.
 */
@AnalyzeClasses(packages = "dev.osprey", importOptions = LayeringTest.MainClassesOnly.class)
class LayeringTest {

  /** osprey-storage: the root package and its own subpackages, not the backend modules. */
  private static final DescribedPredicate<JavaClass> STORAGE_CORE =
      resideInAPackage("dev.osprey.storage..")
          .and(not(resideInAnyPackage("dev.osprey.storage.postgres..", "dev.osprey.storage.s3..")))
          .as("osprey-storage");

  /** Each module's packages, and which modules it may use (its Maven dependencies, as intended). */
  @ArchTest
  static final ArchRule modulesDependOnlyOnWhatTheArchitectureAllows =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .withOptionalLayers(true)
          .layer("protocol")
          .definedBy("dev.osprey.protocol..")
          .layer("auth")
          .definedBy("dev.osprey.auth..")
          .layer("storage")
          .definedBy(STORAGE_CORE)
          .layer("storage-postgres")
          .definedBy("dev.osprey.storage.postgres..")
          .layer("storage-s3")
          .definedBy("dev.osprey.storage.s3..")
          .layer("server")
          .definedBy("dev.osprey.server..")
          .layer("client")
          .definedBy("dev.osprey.client..")
          .layer("junit")
          .definedBy("dev.osprey.junit..")
          .layer("cli")
          .definedBy("dev.osprey.cli..")
          .layer("bench")
          .definedBy("dev.osprey.bench..")
          .whereLayer("protocol")
          .mayNotAccessAnyLayer()
          .whereLayer("auth")
          .mayOnlyAccessLayers("protocol")
          .whereLayer("storage")
          .mayOnlyAccessLayers("protocol")
          .whereLayer("storage-postgres")
          .mayOnlyAccessLayers("storage", "protocol")
          .whereLayer("storage-s3")
          .mayOnlyAccessLayers("storage", "protocol")
          .whereLayer("server")
          .mayOnlyAccessLayers("protocol", "auth", "storage", "storage-postgres", "storage-s3")
          .whereLayer("client")
          .mayNotAccessAnyLayer()
          .whereLayer("junit")
          .mayOnlyAccessLayers("server", "storage", "auth", "protocol")
          .whereLayer("bench")
          .mayOnlyAccessLayers("server", "storage", "auth", "protocol", "client")
          .whereLayer("server")
          .mayOnlyBeAccessedByLayers("cli", "junit", "bench");

  /** Netty is the server's transport: only its http/ package (both listeners) sees it. */
  @ArchTest
  static final ArchRule nettyOnlyInServerHttp =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.osprey.server.http..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.netty..");

  /** RocksDB is the embedded backend's: nothing outside osprey-storage touches it. */
  @ArchTest
  static final ArchRule rocksDbOnlyInStorage =
      noClasses()
          .that(not(STORAGE_CORE))
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.rocksdb..");

  /** The storage module knows no backend module's engine: no JDBC driver, pool or AWS SDK. */
  @ArchTest
  static final ArchRule storageKnowsNoRemoteEngine =
      noClasses()
          .that(STORAGE_CORE)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.postgresql..", "com.zaxxer..", "software.amazon..", "java.sql..");

  /**
   * A backend builds on the storage contract, not on another backend. Known exception (doc): the
   * PostgreSQL store reuses the embedded store's record codecs, which live in {@code rocks/}.
   */
  @ArchTest
  static final ArchRule postgresUsesNoOtherBackend =
      backendUsesNoOtherBackend(
          "dev.osprey.storage.postgres..",
          "dev.osprey.storage.rocks..",
          "dev.osprey.storage.file..",
          "dev.osprey.storage.s3..");

  @ArchTest
  static final ArchRule s3UsesNoOtherBackend =
      backendUsesNoOtherBackend(
          "dev.osprey.storage.s3..",
          "dev.osprey.storage.rocks..",
          "dev.osprey.storage.file..",
          "dev.osprey.storage.postgres..");

  private static ArchRule backendUsesNoOtherBackend(String backend, String... others) {
    return noClasses()
        .that()
        .resideInAPackage(backend)
        .should()
        .dependOnClassesThat(
            resideInAnyPackage(others)
                .and(not(belongToAnyOf(RecordCodec.class, UploadCodec.class)))
                .as("another backend's classes"))
        .because("a backend depends only on osprey-storage's contract (docs/architecture.md)");
  }

  /**
   * No cycles between packages, within any module. Known exceptions (doc): the root command lists
   * its subcommands; the embedded backend's factory sits in storage's root package.
   */
  @ArchTest
  static final ArchRule packagesHaveNoCycles =
      slices()
          .matching("dev.osprey.(**)")
          .should()
          .beFreeOfCycles()
          .ignoreDependency(
              belongToAnyOf(OspreyCli.class), resideInAPackage("dev.osprey.cli.bench.."))
          .ignoreDependency(
              belongToAnyOf(EmbeddedStorage.class),
              resideInAnyPackage("dev.osprey.storage.rocks..", "dev.osprey.storage.file.."));

  /** Main classes only: no test classes, no test-jars. */
  static final class MainClassesOnly implements ImportOption {
    private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar.*");

    @Override
    public boolean includes(Location location) {
      return !location.contains("/test-classes/") && !location.matches(TEST_JAR);
    }
  }
}
