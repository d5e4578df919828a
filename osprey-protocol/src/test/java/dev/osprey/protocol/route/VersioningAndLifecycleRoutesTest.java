package dev.osprey.protocol.route;

import static dev.osprey.protocol.route.RouteRequests.IP;
import static dev.osprey.protocol.route.RouteRequests.VHOST;
import static dev.osprey.protocol.route.RouteRequests.req;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.op.BucketOperation;
import dev.osprey.protocol.op.BucketOperation.GetBucketVersioning;
import dev.osprey.protocol.op.BucketOperation.ListObjectVersions;
import dev.osprey.protocol.op.BucketOperation.PutBucketVersioning;
import dev.osprey.protocol.op.ObjectOperation.DeleteObject;
import dev.osprey.protocol.op.ObjectOperation.DeleteObjectTagging;
import dev.osprey.protocol.op.ObjectOperation.GetObject;
import dev.osprey.protocol.op.ObjectOperation.GetObjectAcl;
import dev.osprey.protocol.op.ObjectOperation.GetObjectMeta;
import dev.osprey.protocol.op.ObjectOperation.GetObjectTagging;
import dev.osprey.protocol.op.ObjectOperation.HeadObject;
import dev.osprey.protocol.op.ObjectOperation.PutObjectAcl;
import dev.osprey.protocol.op.ObjectOperation.PutObjectTagging;
import dev.osprey.protocol.op.OssOperation;
import dev.osprey.protocol.op.ResponseOverrides;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The router's table for versioning and lifecycle (the lifecycle pages' example requests too): the
 * example requests of OSS's PutBucketVersioning, GetBucketVersioning, ListObjectVersions pages and
 * the {@code versionId} parameter of the object operations (what the Java SDK sends, spec §5.1).
 */
class VersioningAndLifecycleRoutesTest {
  private static final String V = "CAEQNhiBgMDJgZCA0BYiIDc4MGZjZGI2OTBjOTRmNTE5NmU5NmFhZjhjYmY0";

  private final Router router = new Router(new RouterConfig(Set.of("localhost")));

  static Stream<Arguments> operations() {
    return Stream.of(
        ok(
            "PutBucketVersioning (doc sample)",
            req("PUT", VHOST, "/?versioning"),
            new PutBucketVersioning("bkt")),
        ok(
            "GetBucketVersioning (doc sample)",
            req("GET", VHOST, "/?versioning"),
            new GetBucketVersioning("bkt")),
        ok(
            "PutBucketLifecycle (doc sample)",
            req("PUT", VHOST, "/?lifecycle"),
            new BucketOperation.PutBucketLifecycle("bkt")),
        ok(
            "GetBucketLifecycle (doc sample)",
            req("GET", VHOST, "/?lifecycle"),
            new BucketOperation.GetBucketLifecycle("bkt")),
        ok(
            "DeleteBucketLifecycle (doc sample)",
            req("DELETE", VHOST, "/?lifecycle"),
            new BucketOperation.DeleteBucketLifecycle("bkt")),
        ok(
            "GetBucketVersioning path style",
            req("GET", IP, "/bkt?versioning"),
            new GetBucketVersioning("bkt")),
        ok(
            "ListObjectVersions (doc sample)",
            req("GET", VHOST, "/?versions"),
            new ListObjectVersions("bkt", null, null, null, null, 100, false)),
        ok(
            "ListObjectVersions with every parameter (doc sample)",
            req(
                "GET",
                VHOST,
                "/?versions&prefix=fun/&delimiter=/&key-marker=fun/a&version-id-marker="
                    + V
                    + "&max-keys=10&encoding-type=url"),
            new ListObjectVersions("bkt", "fun/", "/", "fun/a", V, 10, true)),
        ok(
            "GetObject of a version (doc sample)",
            req("GET", VHOST, "/example?versionId=" + V),
            new GetObject("bkt", "example", ResponseOverrides.NONE, V)),
        ok(
            "GetObject of the null version",
            req("GET", VHOST, "/k?versionId=null"),
            new GetObject("bkt", "k", ResponseOverrides.NONE, "null")),
        ok(
            "HeadObject of a version",
            req("HEAD", VHOST, "/k?versionId=" + V),
            new HeadObject("bkt", "k", V)),
        ok(
            "GetObjectMeta of a version",
            req("HEAD", VHOST, "/k?objectMeta&versionId=" + V),
            new GetObjectMeta("bkt", "k", V)),
        ok(
            "DeleteObject of a version (doc sample)",
            req("DELETE", VHOST, "/k?versionId=" + V),
            new DeleteObject("bkt", "k", V)),
        ok(
            "PutObjectTagging of a version",
            req("PUT", VHOST, "/k?tagging&versionId=" + V),
            new PutObjectTagging("bkt", "k", V)),
        ok(
            "GetObjectTagging of a version",
            req("GET", VHOST, "/k?tagging&versionId=" + V),
            new GetObjectTagging("bkt", "k", V)),
        ok(
            "DeleteObjectTagging of a version",
            req("DELETE", VHOST, "/k?tagging&versionId=" + V),
            new DeleteObjectTagging("bkt", "k", V)),
        ok(
            "PutObjectAcl of a version",
            req("PUT", VHOST, "/k?acl&versionId=" + V),
            new PutObjectAcl("bkt", "k", V)),
        ok(
            "GetObjectAcl of a version",
            req("GET", VHOST, "/k?acl&versionId=" + V),
            new GetObjectAcl("bkt", "k", V)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operations")
  void routes(String name, RouteRequests.Req req, OssOperation want) {
    assertThat(router.route(req.head()).operation()).isEqualTo(want);
  }

  @Test
  void anEmptyVersionIdIsRefused() {
    assertThatThrownBy(
            () -> router.route(RouteRequests.head("GET", VHOST, "/k?versionId=", Map.of())))
        .isInstanceOfSatisfying(
            OssException.class, e -> assertThat(e.code()).isEqualTo(OssErrorCode.INVALID_ARGUMENT));
  }

  @Test
  void versionsTakesOnlyGet() {
    assertThatThrownBy(
            () -> router.route(RouteRequests.head("DELETE", VHOST, "/?versions", Map.of())))
        .isInstanceOfSatisfying(
            OssException.class,
            e -> assertThat(e.code()).isEqualTo(OssErrorCode.METHOD_NOT_ALLOWED));
  }

  private static Arguments ok(String name, RouteRequests.Req req, OssOperation want) {
    return Arguments.of(name, req, want);
  }
}
