package dev.osprey.protocol.route;

import static dev.osprey.protocol.route.RouteRequests.IP;
import static dev.osprey.protocol.route.RouteRequests.VHOST;
import static dev.osprey.protocol.route.RouteRequests.req;
import static org.assertj.core.api.Assertions.assertThat;

import dev.osprey.protocol.op.BucketOperation;
import dev.osprey.protocol.op.BucketOperation.UnsupportedBucketOperation;
import dev.osprey.protocol.op.ObjectOperation.GetObject;
import dev.osprey.protocol.op.ObjectOperation.UnsupportedObjectOperation;
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
 * The router's table for website, logging, resource group and CNAME (the example requests of their
 * OSS pages and what the Java SDK sends), LiveChannel (not implemented), and addressing through a
 * bound custom domain.
 */
class BucketSubresourceRoutesTest {
  private static final String CNAME = "static.example.com";

  private final Router router =
      new Router(
          new RouterConfig(Set.of("localhost"), host -> host.equals(CNAME) ? "site-bucket" : null));

  static Stream<Arguments> operations() {
    return Stream.of(
        ok(
            "PutBucketWebsite",
            req("PUT", VHOST, "/?website"),
            new BucketOperation.PutBucketWebsite("bkt")),
        ok(
            "GetBucketWebsite",
            req("GET", VHOST, "/?website"),
            new BucketOperation.GetBucketWebsite("bkt")),
        ok(
            "DeleteBucketWebsite",
            req("DELETE", VHOST, "/?website"),
            new BucketOperation.DeleteBucketWebsite("bkt")),
        ok(
            "PutBucketLogging",
            req("PUT", VHOST, "/?logging"),
            new BucketOperation.PutBucketLogging("bkt")),
        ok(
            "GetBucketLogging",
            req("GET", IP, "/bkt?logging"),
            new BucketOperation.GetBucketLogging("bkt")),
        ok(
            "DeleteBucketLogging",
            req("DELETE", VHOST, "/?logging"),
            new BucketOperation.DeleteBucketLogging("bkt")),
        ok(
            "PutBucketResourceGroup",
            req("PUT", VHOST, "/?resourceGroup"),
            new BucketOperation.PutBucketResourceGroup("bkt")),
        ok(
            "GetBucketResourceGroup",
            req("GET", VHOST, "/?resourceGroup"),
            new BucketOperation.GetBucketResourceGroup("bkt")),
        ok("PutCname", req("POST", VHOST, "/?cname&comp=add"), new BucketOperation.PutCname("bkt")),
        ok("ListCname", req("GET", VHOST, "/?cname"), new BucketOperation.ListCname("bkt")),
        ok(
            "DeleteCname",
            req("POST", VHOST, "/?cname&comp=delete"),
            new BucketOperation.DeleteCname("bkt")),
        ok(
            "CreateCnameToken is not implemented",
            req("POST", VHOST, "/?cname&comp=token"),
            new UnsupportedBucketOperation("bkt", "POST", "cname")),
        ok(
            "ListLiveChannel is not implemented",
            req("GET", VHOST, "/?live"),
            new UnsupportedBucketOperation("bkt", "GET", "live")),
        ok(
            "PutLiveChannel is not implemented",
            req("PUT", VHOST, "/channel1?live"),
            new UnsupportedObjectOperation("bkt", "channel1", "PUT", "live")),
        ok(
            "a bound domain addresses its bucket, the path is the key",
            req("GET", CNAME, "/dir/index.html"),
            new GetObject("site-bucket", "dir/index.html", ResponseOverrides.NONE)),
        ok(
            "a bound domain with a port",
            req("GET", CNAME + ":8080", "/?website"),
            new BucketOperation.GetBucketWebsite("site-bucket")),
        ok(
            "the absolute form a proxy client sends",
            req("GET", CNAME, "http://" + CNAME + "/a.txt"),
            new GetObject("site-bucket", "a.txt", ResponseOverrides.NONE)),
        ok(
            "the absolute form without a path",
            req("GET", CNAME, "http://" + CNAME + "?website"),
            new BucketOperation.GetBucketWebsite("site-bucket")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operations")
  void routes(String name, RouteRequests.Req req, OssOperation want) {
    assertThat(router.route(req.head()).operation()).isEqualTo(want);
  }

  @Test
  void theBucketOfABoundDomainIsWhatSignaturesUse() {
    RoutedRequest routed =
        router.route(RouteRequests.head("PUT", CNAME, "/photos/a.jpg", Map.of()));
    assertThat(routed.bucket()).isEqualTo("site-bucket");
    assertThat(routed.key()).isEqualTo("photos/a.jpg");
  }

  private static Arguments ok(String name, RouteRequests.Req req, OssOperation want) {
    return Arguments.of(name, req, want);
  }
}
