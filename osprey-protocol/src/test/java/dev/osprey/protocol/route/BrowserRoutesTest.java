package dev.osprey.protocol.route;

import static dev.osprey.protocol.route.RouteRequests.IP;
import static dev.osprey.protocol.route.RouteRequests.VHOST;
import static dev.osprey.protocol.route.RouteRequests.req;
import static org.assertj.core.api.Assertions.assertThat;

import dev.osprey.protocol.op.BucketOperation;
import dev.osprey.protocol.op.OssOperation;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The router's table for what browsers and bucket sub-resources use: the example requests of OSS's
 * PutBucketCors, GetBucketCors, DeleteBucketCors, Options, PostObject, PutBucketReferer,
 * GetBucketReferer, PutBucketTags, GetBucketTags, DeleteBucketTags and GetBucketStat pages.
 */
class BrowserRoutesTest {
  private final Router router = new Router(new RouterConfig(Set.of("localhost")));

  static Stream<Arguments> operations() {
    return Stream.of(
        ok(
            "PutBucketCors (doc sample)",
            req("PUT", VHOST, "/?cors"),
            new BucketOperation.PutBucketCors("bkt")),
        ok(
            "GetBucketCors (doc sample)",
            req("GET", VHOST, "/?cors"),
            new BucketOperation.GetBucketCors("bkt")),
        ok(
            "DeleteBucketCors (doc sample)",
            req("DELETE", VHOST, "/?cors"),
            new BucketOperation.DeleteBucketCors("bkt")),
        ok(
            "Options on an object (doc sample)",
            req("OPTIONS", VHOST, "/testobject"),
            new BucketOperation.Options("bkt", "testobject")),
        ok(
            "Options on the bucket, path style",
            req("OPTIONS", IP, "/bkt"),
            new BucketOperation.Options("bkt", null)),
        ok(
            "Options ignores sub-resources",
            req("OPTIONS", VHOST, "/k?uploads"),
            new BucketOperation.Options("bkt", "k")),
        ok(
            "PostObject (doc sample)",
            req("POST", VHOST, "/"),
            new BucketOperation.PostObject("bkt")),
        ok(
            "PostObject path style",
            req("POST", IP, "/bkt/"),
            new BucketOperation.PostObject("bkt")),
        ok(
            "PutBucketReferer (doc sample)",
            req("PUT", VHOST, "/?referer"),
            new BucketOperation.PutBucketReferer("bkt")),
        ok(
            "GetBucketReferer (doc sample)",
            req("GET", VHOST, "/?referer"),
            new BucketOperation.GetBucketReferer("bkt")),
        ok(
            "PutBucketTags (doc sample)",
            req("PUT", VHOST, "/?tagging"),
            new BucketOperation.PutBucketTags("bkt")),
        ok(
            "GetBucketTags (doc sample)",
            req("GET", VHOST, "/?tagging"),
            new BucketOperation.GetBucketTags("bkt")),
        ok(
            "DeleteBucketTags (doc sample)",
            req("DELETE", VHOST, "/?tagging"),
            new BucketOperation.DeleteBucketTags("bkt")),
        ok(
            "GetBucketStat (doc sample)",
            req("GET", VHOST, "/?stat"),
            new BucketOperation.GetBucketStat("bkt")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operations")
  void routes(String name, RouteRequests.Req req, OssOperation want) {
    assertThat(router.route(req.head()).operation()).isEqualTo(want);
  }

  private static Arguments ok(String name, RouteRequests.Req req, OssOperation want) {
    return Arguments.of(name, req, want);
  }
}
