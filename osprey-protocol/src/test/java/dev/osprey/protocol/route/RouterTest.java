package dev.osprey.protocol.route;

import static dev.osprey.protocol.route.RouteRequests.AOSS;
import static dev.osprey.protocol.route.RouteRequests.IP;
import static dev.osprey.protocol.route.RouteRequests.VHOST;
import static dev.osprey.protocol.route.RouteRequests.req;
import static org.assertj.core.api.Assertions.assertThat;

import dev.osprey.protocol.QueryParams;
import dev.osprey.protocol.op.BucketOperation;
import dev.osprey.protocol.op.BucketOperation.DeleteBucket;
import dev.osprey.protocol.op.BucketOperation.DeleteMultipleObjects;
import dev.osprey.protocol.op.BucketOperation.GetBucketAcl;
import dev.osprey.protocol.op.BucketOperation.GetBucketInfo;
import dev.osprey.protocol.op.BucketOperation.GetBucketLocation;
import dev.osprey.protocol.op.BucketOperation.ListMultipartUploads;
import dev.osprey.protocol.op.BucketOperation.ListObjects;
import dev.osprey.protocol.op.BucketOperation.ListObjectsV2;
import dev.osprey.protocol.op.BucketOperation.PutBucket;
import dev.osprey.protocol.op.BucketOperation.PutBucketAcl;
import dev.osprey.protocol.op.BucketOperation.UnsupportedBucketOperation;
import dev.osprey.protocol.op.ObjectOperation.AbortMultipartUpload;
import dev.osprey.protocol.op.ObjectOperation.AppendObject;
import dev.osprey.protocol.op.ObjectOperation.CompleteMultipartUpload;
import dev.osprey.protocol.op.ObjectOperation.CopyObject;
import dev.osprey.protocol.op.ObjectOperation.DeleteObject;
import dev.osprey.protocol.op.ObjectOperation.DeleteObjectTagging;
import dev.osprey.protocol.op.ObjectOperation.GetObject;
import dev.osprey.protocol.op.ObjectOperation.GetObjectAcl;
import dev.osprey.protocol.op.ObjectOperation.GetObjectMeta;
import dev.osprey.protocol.op.ObjectOperation.GetObjectTagging;
import dev.osprey.protocol.op.ObjectOperation.GetSymlink;
import dev.osprey.protocol.op.ObjectOperation.HeadObject;
import dev.osprey.protocol.op.ObjectOperation.InitiateMultipartUpload;
import dev.osprey.protocol.op.ObjectOperation.ListParts;
import dev.osprey.protocol.op.ObjectOperation.PutObject;
import dev.osprey.protocol.op.ObjectOperation.PutObjectAcl;
import dev.osprey.protocol.op.ObjectOperation.PutObjectTagging;
import dev.osprey.protocol.op.ObjectOperation.PutSymlink;
import dev.osprey.protocol.op.ObjectOperation.SealAppendObject;
import dev.osprey.protocol.op.ObjectOperation.UnsupportedObjectOperation;
import dev.osprey.protocol.op.ObjectOperation.UploadPart;
import dev.osprey.protocol.op.OssOperation;
import dev.osprey.protocol.op.ResponseOverrides;
import dev.osprey.protocol.op.ServiceOperation.ListBuckets;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The router's table: OSS documentation example requests, what the SDKs were seen sending (spec §9b
 * ali-oss, §10 Java SDK, §11 C SDK) and every error the router itself answers.
 */
class RouterTest {

  private final Router router =
      new Router(new RouterConfig(Set.of("localhost", "oss.example.com")));

  static Stream<Arguments> operations() {
    return Stream.of(
        // Service
        ok(
            "ListBuckets on localhost",
            req("GET", "localhost:9400", "/"),
            new ListBuckets(null, null, 100)),
        ok(
            "ListBuckets paged (doc sample)",
            req("GET", "oss.example.com", "/?prefix=my&marker=mybucket&max-keys=10"),
            new ListBuckets("my", "mybucket", 10)),
        ok("ListBuckets on IP", req("GET", IP, "/"), new ListBuckets(null, null, 100)),
        ok("ListBuckets, no Host", req("GET", null, "/"), new ListBuckets(null, null, 100)),

        // Bucket, every addressing form
        ok(
            "PutBucket virtual-hosted",
            req("PUT", "examplebucket.oss.example.com", "/"),
            new PutBucket("examplebucket")),
        ok(
            "PutBucket Java path style",
            req("PUT", IP, "/examplebucket/"),
            new PutBucket("examplebucket")),
        ok(
            "PutBucket C SDK path style",
            req("PUT", IP, "/examplebucket"),
            new PutBucket("examplebucket")),
        ok("DeleteBucket", req("DELETE", VHOST, "/"), new DeleteBucket("bkt")),
        ok("GetBucketInfo", req("GET", VHOST, "/?bucketInfo"), new GetBucketInfo("bkt")),
        ok("GetBucketLocation", req("GET", IP, "/bkt/?location"), new GetBucketLocation("bkt")),
        ok("GetBucketAcl (doesBucketExist)", req("GET", IP, "/bkt/?acl"), new GetBucketAcl("bkt")),
        ok("PutBucketAcl", req("PUT", VHOST, "/?acl"), new PutBucketAcl("bkt")),
        ok(
            "ListMultipartUploads",
            req("GET", VHOST, "/?uploads&max-uploads=10"),
            new ListMultipartUploads("bkt")),
        ok(
            "DeleteMultipleObjects",
            req("POST", VHOST, "/?delete"),
            new DeleteMultipleObjects("bkt", false)),
        ok(
            "DeleteMultipleObjects url (Go v2)",
            req("POST", VHOST, "/?delete=&encoding-type=url"),
            new DeleteMultipleObjects("bkt", true)),
        ok(
            "ListObjects plain",
            req("GET", VHOST, "/"),
            new ListObjects("bkt", null, null, null, 100, false)),
        ok(
            "ListObjects doc sample",
            req("GET", VHOST, "/?prefix=fun/&delimiter=/&marker=fun/a&max-keys=100"),
            new ListObjects("bkt", "fun/", "/", "fun/a", 100, false)),
        ok(
            "ListObjects encoded query",
            req("GET", IP, "/bkt?prefix=a%20b%2Bc&encoding-type=url&max-keys=1000"),
            new ListObjects("bkt", "a b+c", null, null, 1000, true)),
        ok(
            "ListObjects with _ in name",
            req("GET", IP, "/my_bucket/"),
            new ListObjects("my_bucket", null, null, null, 100, false)),
        ok(
            "ListObjectsV2",
            req(
                "GET",
                VHOST,
                "/?list-type=2&prefix=a/&start-after=a/b&max-keys=3&fetch-owner=true"),
            new ListObjectsV2("bkt", "a/", null, "a/b", null, 3, false, true)),
        ok(
            "ListObjectsV2 token",
            req("GET", VHOST, "/?list-type=2&continuation-token=ChR0ZXN0&encoding-type=url"),
            new ListObjectsV2("bkt", null, null, null, "ChR0ZXN0", 100, true, false)),
        ok(
            "PutBucketPolicy (doc sample)",
            req("PUT", VHOST, "/?policy"),
            new BucketOperation.PutBucketPolicy("bkt")),
        ok(
            "GetBucketPolicy path style",
            req("GET", IP, "/bkt?policy"),
            new BucketOperation.GetBucketPolicy("bkt")),
        ok(
            "DeleteBucketPolicy",
            req("DELETE", VHOST, "/?policy"),
            new BucketOperation.DeleteBucketPolicy("bkt")),
        ok(
            "bucket encryption unsupported",
            req("PUT", VHOST, "/?encryption"),
            new UnsupportedBucketOperation("bkt", "PUT", "encryption")),
        ok(
            "unknown query ignored on bucket",
            req("GET", VHOST, "/?foo=bar&x"),
            new ListObjects("bkt", null, null, null, 100, false)),

        // Append: ali-oss (§9b), Java (§10), C (§11)
        ok(
            "append ali-oss IP, bucket only in Host",
            req("POST", AOSS, "/key?append=&position=0"),
            new AppendObject("bkt", "key", 0L)),
        ok(
            "append ali-oss sldEnable",
            req("POST", AOSS, "/bkt/dir/key?append=&position=7"),
            new AppendObject("bkt", "dir/key", 7L)),
        ok(
            "append ali-oss localhost virtual host",
            req("POST", VHOST, "/bkt/key?append=&position=0"),
            new AppendObject("bkt", "bkt/key", 0L)),
        ok(
            "append Java path style",
            req("POST", IP, "/bkt/key?append&position=6"),
            new AppendObject("bkt", "key", 6L)),
        ok(
            "append without position",
            req("POST", IP, "/bkt/key?append"),
            new AppendObject("bkt", "key", null)),
        ok(
            "append big position",
            req("POST", IP, "/bkt/k?append&position=5368709120"),
            new AppendObject("bkt", "k", 5368709120L)),
        ok(
            "append doc sample",
            req("POST", "oss-example.oss.example.com", "/multipart.data?append&position=0"),
            new AppendObject("oss-example", "multipart.data", 0L)),
        ok(
            "HEAD C SDK %2F",
            req("HEAD", IP, "/examplebucket%2Fexampledir%2Fobj.txt"),
            new HeadObject("examplebucket", "exampledir/obj.txt")),
        ok(
            "append C SDK %2F",
            req("POST", IP, "/examplebucket%2Fobj.txt?append&position=0"),
            new AppendObject("examplebucket", "obj.txt", 0L)),
        ok(
            "seal",
            req("POST", VHOST, "/k?seal&position=1717"),
            new SealAppendObject("bkt", "k", 1717L)),
        ok(
            "seal without position",
            req("POST", VHOST, "/k?seal"),
            new SealAppendObject("bkt", "k", null)),

        // Object basics
        ok("PutObject", req("PUT", VHOST, "/test.txt"), new PutObject("bkt", "test.txt")),
        ok(
            "PutObject key with spaces and plus",
            req("PUT", IP, "/bkt/a%20b+c"),
            new PutObject("bkt", "a b+c")),
        ok(
            "PutObject key with UTF-8",
            req("PUT", IP, "/bkt/%E4%B8%AD%E6%96%87.txt"),
            new PutObject("bkt", "中文.txt")),
        ok(
            "PutObject key ending in slash (directory)",
            req("PUT", IP, "/bkt/dir/"),
            new PutObject("bkt", "dir/")),
        ok(
            "PutObject key with double slash",
            req("PUT", IP, "/bkt/a//b"),
            new PutObject("bkt", "a//b")),
        ok(
            "CopyObject",
            req("PUT", VHOST, "/copy.txt", Map.of("x-oss-copy-source", "/bkt/src.txt")),
            new CopyObject("bkt", "copy.txt")),
        ok("GetObject", req("GET", VHOST, "/k"), new GetObject("bkt", "k", ResponseOverrides.NONE)),
        ok(
            "GetObject response overrides",
            req(
                "GET",
                VHOST,
                "/k?response-content-type=text%2Fplain&response-cache-control=no-cache"
                    + "&response-content-disposition=attachment%3B%20filename%3Dx.txt&response-expires=0"
                    + "&response-content-language=en&response-content-encoding=gzip"),
            new GetObject(
                "bkt",
                "k",
                new ResponseOverrides(
                    "text/plain", "en", "0", "no-cache", "attachment; filename=x.txt", "gzip"))),
        ok("HeadObject", req("HEAD", VHOST, "/k"), new HeadObject("bkt", "k")),
        ok(
            "GetObjectMeta HEAD",
            req("HEAD", VHOST, "/k?objectMeta"),
            new GetObjectMeta("bkt", "k")),
        ok("GetObjectMeta GET", req("GET", VHOST, "/k?objectMeta"), new GetObjectMeta("bkt", "k")),
        ok("DeleteObject", req("DELETE", VHOST, "/k"), new DeleteObject("bkt", "k")),
        ok("PutObjectTagging", req("PUT", VHOST, "/k?tagging"), new PutObjectTagging("bkt", "k")),
        ok("GetObjectTagging", req("GET", VHOST, "/k?tagging"), new GetObjectTagging("bkt", "k")),
        ok(
            "DeleteObjectTagging",
            req("DELETE", VHOST, "/k?tagging"),
            new DeleteObjectTagging("bkt", "k")),
        ok("PutObjectAcl", req("PUT", VHOST, "/k?acl"), new PutObjectAcl("bkt", "k")),
        ok("GetObjectAcl", req("GET", VHOST, "/k?acl"), new GetObjectAcl("bkt", "k")),
        ok(
            "unknown query ignored on object",
            req("GET", VHOST, "/k?x-unknown&x-other=1"),
            new GetObject("bkt", "k", ResponseOverrides.NONE)),

        // Multipart
        ok(
            "InitiateMultipartUpload",
            req("POST", VHOST, "/big?uploads"),
            new InitiateMultipartUpload("bkt", "big")),
        ok(
            "UploadPart",
            req("PUT", VHOST, "/big?partNumber=1&uploadId=0004B9895DBBB6EC98E"),
            new UploadPart("bkt", "big", 1, "0004B9895DBBB6EC98E")),
        ok(
            "UploadPart 10000",
            req("PUT", VHOST, "/big?uploadId=U&partNumber=10000"),
            new UploadPart("bkt", "big", 10000, "U")),
        ok(
            "CompleteMultipartUpload",
            req("POST", VHOST, "/big?uploadId=U"),
            new CompleteMultipartUpload("bkt", "big", "U")),
        ok(
            "AbortMultipartUpload",
            req("DELETE", VHOST, "/big?uploadId=U"),
            new AbortMultipartUpload("bkt", "big", "U")),
        ok(
            "ListParts",
            req("GET", VHOST, "/big?uploadId=U&max-parts=10"),
            new ListParts("bkt", "big", "U")),

        // Known but unimplemented object sub-resources
        // PutSymlink / GetSymlink, the API pages' example requests
        ok(
            "PutSymlink",
            req(
                "PUT",
                VHOST,
                "/link-to-oss.jpg?symlink",
                Map.of("x-oss-symlink-target", "oss.jpg")),
            new PutSymlink("bkt", "link-to-oss.jpg")),
        ok(
            "GetSymlink",
            req("GET", VHOST, "/link-to-oss.jpg?symlink"),
            new GetSymlink("bkt", "link-to-oss.jpg")),
        ok(
            "S3's append header on a PUT",
            req("PUT", VHOST, "/k", Map.of("x-amz-write-offset-bytes", "10")),
            new UnsupportedObjectOperation("bkt", "k", "PUT", "x-amz-write-offset-bytes")),
        ok(
            "restore",
            req("POST", VHOST, "/k?restore"),
            new UnsupportedObjectOperation("bkt", "k", "POST", "restore")),
        ok(
            "x-oss-process",
            req("GET", VHOST, "/a.jpg?x-oss-process=image/resize,w_100"),
            new UnsupportedObjectOperation("bkt", "a.jpg", "GET", "x-oss-process")),
        ok(
            "PostObject to object",
            req("POST", VHOST, "/k"),
            new UnsupportedObjectOperation("bkt", "k", "POST", "")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operations")
  void routes(String name, RouteRequests.Req req, OssOperation want) {
    assertThat(router.route(req.head()).operation()).isEqualTo(want);
  }

  @Test
  void routedRequestCarriesBucketKeyAndDecodedQuery() {
    RoutedRequest r =
        router.route(
            RouteRequests.head(
                "POST", AOSS, "/dir/a%2Bb?append=&position=3&x-oss-tag=%20v", Map.of()));
    assertThat(r.bucket()).isEqualTo("bkt");
    assertThat(r.key()).isEqualTo("dir/a+b");
    assertThat(r.query().all())
        .containsExactly(
            new QueryParams.Param("append", ""),
            new QueryParams.Param("position", "3"),
            new QueryParams.Param("x-oss-tag", " v"));
  }

  @Test
  void queryKeepsBareNamesDistinctFromEmptyValues() {
    RoutedRequest r =
        router.route(RouteRequests.head("GET", VHOST, "/k?acl&tagging=&&a=b=c", Map.of()));
    assertThat(r.query().all())
        .containsExactly(
            new QueryParams.Param("acl", null),
            new QueryParams.Param("tagging", ""),
            new QueryParams.Param("a", "b=c"));
    assertThat(r.operation()).isEqualTo(new GetObjectAcl("bkt", "k"));
  }

  @Test
  void serviceAndBucketRequestsHaveNoKey() {
    assertThat(router.route(RouteRequests.head("GET", "localhost", "/", Map.of())))
        .extracting(RoutedRequest::bucket, RoutedRequest::key)
        .containsExactly(null, null);
    assertThat(router.route(RouteRequests.head("GET", IP, "/bkt", Map.of())))
        .extracting(RoutedRequest::bucket, RoutedRequest::key)
        .containsExactly("bkt", null);
  }

  @Test
  void hostNameDropsPortCaseAndTrailingDot() {
    assertThat(Addressing.hostName("Bkt.LocalHost:9400")).isEqualTo("bkt.localhost");
    assertThat(Addressing.hostName("[::1]:9400")).isEqualTo("[::1]");
    assertThat(Addressing.hostName("oss.example.com.")).isEqualTo("oss.example.com");
  }

  @Test
  void ipv6LiteralAndDotlessHostsArePathStyle() {
    assertThat(
            router.route(RouteRequests.head("PUT", "[::1]:9400", "/bkt/k", Map.of())).operation())
        .isEqualTo(new PutObject("bkt", "k"));
    assertThat(
            router.route(RouteRequests.head("PUT", "osprey:9400", "/bkt/k", Map.of())).operation())
        .isEqualTo(new PutObject("bkt", "k"));
  }

  @Test
  void ossEndpointHostsAreNotBuckets() {
    // ali-oss over an IP endpoint: service calls carry the region endpoint as Host (spec §9b).
    assertThat(
            router.route(RouteRequests.head("GET", "oss-cn-hangzhou.aliyuncs.com", "/", Map.of())))
        .extracting(RoutedRequest::operation)
        .isEqualTo(new ListBuckets(null, null, 100));
    assertThat(
            router
                .route(
                    RouteRequests.head("PUT", "oss-cn-hangzhou.aliyuncs.com", "/bkt/k", Map.of()))
                .operation())
        .isEqualTo(new PutObject("bkt", "k"));
  }

  @Test
  void defaultConfigKnowsLocalhost() {
    Router r = new Router(RouterConfig.defaults());
    assertThat(r.route(RouteRequests.head("GET", "bkt.localhost:9400", "/k", Map.of())).operation())
        .isEqualTo(new GetObject("bkt", "k", ResponseOverrides.NONE));
  }

  private static Arguments ok(String name, RouteRequests.Req req, OssOperation want) {
    return Arguments.of(name, req, want);
  }
}
