package dev.osprey.protocol.route;

import static dev.osprey.protocol.route.RouteRequests.IP;
import static dev.osprey.protocol.route.RouteRequests.LONG_KEY;
import static dev.osprey.protocol.route.RouteRequests.VHOST;
import static dev.osprey.protocol.route.RouteRequests.head;
import static dev.osprey.protocol.route.RouteRequests.req;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every error the router itself answers: names, keys, encodings, query arguments and methods. */
class RouterErrorsTest {
  private final Router router =
      new Router(new RouterConfig(Set.of("localhost", "oss.example.com")));

  static Stream<Arguments> errors() {
    return Stream.of(
        err(
            "PutBucket with _",
            req("PUT", IP, "/my_bucket/"),
            OssErrorCode.INVALID_BUCKET_NAME,
            "BucketName",
            "my_bucket"),
        err(
            "bucket upper case",
            req("GET", IP, "/Bucket/"),
            OssErrorCode.INVALID_BUCKET_NAME,
            "BucketName",
            "Bucket"),
        err(
            "bucket too short",
            req("GET", IP, "/ab/"),
            OssErrorCode.INVALID_BUCKET_NAME,
            "BucketName",
            "ab"),
        err(
            "bucket too long",
            req("GET", IP, "/" + "a".repeat(64) + "/"),
            OssErrorCode.INVALID_BUCKET_NAME,
            "BucketName",
            "a".repeat(64)),
        err(
            "bucket ending with -",
            req("PUT", VHOST.replace("bkt", "bkt-"), "/"),
            OssErrorCode.INVALID_BUCKET_NAME,
            "BucketName",
            "bkt-"),
        err(
            "bucket with dots in virtual host",
            req("GET", "a.b.c.localhost", "/"),
            OssErrorCode.INVALID_BUCKET_NAME,
            "BucketName",
            "a.b.c"),
        err(
            "empty bucket with key",
            req("GET", IP, "//key"),
            OssErrorCode.INVALID_BUCKET_NAME,
            "BucketName",
            ""),
        err(
            "key too long",
            req("PUT", IP, "/bkt/" + LONG_KEY),
            OssErrorCode.INVALID_OBJECT_NAME,
            null,
            null),
        err(
            "key starting with backslash",
            req("PUT", IP, "/bkt/%5Ckey"),
            OssErrorCode.INVALID_OBJECT_NAME,
            "Key",
            "\\key"),
        err(
            "key starting with slash (virtual host)",
            req("PUT", VHOST, "//key"),
            OssErrorCode.INVALID_OBJECT_NAME,
            "Key",
            "/key"),
        err(
            "truncated escape in path",
            req("GET", IP, "/bkt/a%2"),
            OssErrorCode.INVALID_URI,
            null,
            null),
        err(
            "non-hex escape in path",
            req("GET", IP, "/bkt/a%zz"),
            OssErrorCode.INVALID_URI,
            null,
            null),
        err(
            "invalid UTF-8 in path",
            req("GET", IP, "/bkt/a%C3%28"),
            OssErrorCode.INVALID_URI,
            null,
            null),
        err(
            "invalid UTF-8 in query",
            req("GET", IP, "/bkt/?prefix=%FF"),
            OssErrorCode.INVALID_URI,
            null,
            null),
        err("not origin-form", req("GET", IP, "*"), OssErrorCode.INVALID_URI, null, null),
        err(
            "max-keys 0",
            req("GET", IP, "/bkt/?max-keys=0"),
            OssErrorCode.INVALID_ARGUMENT,
            "ArgumentName",
            "max-keys"),
        err(
            "max-keys 1001",
            req("GET", IP, "/bkt/?max-keys=1001"),
            OssErrorCode.INVALID_ARGUMENT,
            "ArgumentValue",
            "1001"),
        err(
            "max-keys text",
            req("GET", IP, "/?max-keys=abc"),
            OssErrorCode.INVALID_ARGUMENT,
            "ArgumentValue",
            "abc"),
        err(
            "max-keys negative",
            req("GET", IP, "/bkt/?list-type=2&max-keys=-1"),
            OssErrorCode.INVALID_ARGUMENT,
            "ArgumentName",
            "max-keys"),
        err(
            "position text",
            req("POST", IP, "/bkt/k?append&position=abc"),
            OssErrorCode.INVALID_ARGUMENT,
            "ArgumentName",
            "position"),
        err(
            "position negative",
            req("POST", IP, "/bkt/k?append&position=-1"),
            OssErrorCode.INVALID_ARGUMENT,
            "ArgumentValue",
            "-1"),
        err(
            "position empty",
            req("POST", IP, "/bkt/k?append&position="),
            OssErrorCode.INVALID_ARGUMENT,
            "ArgumentName",
            "position"),
        err(
            "position overflow",
            req("POST", IP, "/bkt/k?append&position=99999999999999999999"),
            OssErrorCode.INVALID_ARGUMENT,
            "ArgumentName",
            "position"),
        err(
            "partNumber 0",
            req("PUT", IP, "/bkt/k?uploadId=U&partNumber=0"),
            OssErrorCode.INVALID_ARGUMENT,
            "ArgumentName",
            "partNumber"),
        err(
            "partNumber 10001",
            req("PUT", IP, "/bkt/k?uploadId=U&partNumber=10001"),
            OssErrorCode.INVALID_ARGUMENT,
            "ArgumentValue",
            "10001"),
        err(
            "partNumber missing",
            req("PUT", IP, "/bkt/k?uploadId=U"),
            OssErrorCode.MISSING_ARGUMENT,
            "ArgumentName",
            "partNumber"),
        err(
            "list-type 1",
            req("GET", IP, "/bkt/?list-type=1"),
            OssErrorCode.INVALID_ARGUMENT,
            "ArgumentName",
            "list-type"),
        err(
            "encoding-type base64",
            req("GET", IP, "/bkt/?encoding-type=base64"),
            OssErrorCode.INVALID_ARGUMENT,
            "ArgumentName",
            "encoding-type"),
        err(
            "encoding-type on delete",
            req("POST", IP, "/bkt/?delete&encoding-type=URL"),
            OssErrorCode.INVALID_ARGUMENT,
            "ArgumentValue",
            "URL"),
        err(
            "fetch-owner yes",
            req("GET", IP, "/bkt/?list-type=2&fetch-owner=yes"),
            OssErrorCode.INVALID_ARGUMENT,
            "ArgumentName",
            "fetch-owner"),
        err(
            "prefix too long",
            req("GET", IP, "/bkt/?prefix=" + LONG_KEY),
            OssErrorCode.INVALID_ARGUMENT,
            "ArgumentName",
            "prefix"),
        err(
            "marker too long",
            req("GET", IP, "/bkt/?marker=" + LONG_KEY),
            OssErrorCode.INVALID_ARGUMENT,
            "ArgumentName",
            "marker"),
        err(
            "start-after too long",
            req("GET", IP, "/bkt/?list-type=2&start-after=" + LONG_KEY),
            OssErrorCode.INVALID_ARGUMENT,
            "ArgumentName",
            "start-after"),
        err(
            "delimiter too long",
            req("GET", IP, "/bkt/?delimiter=" + LONG_KEY),
            OssErrorCode.INVALID_ARGUMENT,
            "ArgumentName",
            "delimiter"),
        err(
            "PUT on service",
            req("PUT", IP, "/"),
            OssErrorCode.METHOD_NOT_ALLOWED,
            "ResourceType",
            "Service"),
        err(
            "HEAD on bucket",
            req("HEAD", VHOST, "/"),
            OssErrorCode.METHOD_NOT_ALLOWED,
            "ResourceType",
            "Bucket"),
        err(
            "DELETE bucket acl",
            req("DELETE", VHOST, "/?acl"),
            OssErrorCode.METHOD_NOT_ALLOWED,
            "Method",
            "DELETE"),
        err(
            "POST bucket policy",
            req("POST", VHOST, "/?policy"),
            OssErrorCode.METHOD_NOT_ALLOWED,
            "Method",
            "POST"),
        err(
            "GET ?delete",
            req("GET", VHOST, "/?delete"),
            OssErrorCode.METHOD_NOT_ALLOWED,
            "ResourceType",
            "Bucket"),
        err(
            "PUT append",
            req("PUT", VHOST, "/k?append&position=0"),
            OssErrorCode.METHOD_NOT_ALLOWED,
            "ResourceType",
            "Object"),
        err(
            "GET seal",
            req("GET", VHOST, "/k?seal"),
            OssErrorCode.METHOD_NOT_ALLOWED,
            "Method",
            "GET"),
        err(
            "POST tagging",
            req("POST", VHOST, "/k?tagging"),
            OssErrorCode.METHOD_NOT_ALLOWED,
            "ResourceType",
            "Object"),
        err(
            "DELETE object acl",
            req("DELETE", VHOST, "/k?acl"),
            OssErrorCode.METHOD_NOT_ALLOWED,
            "Method",
            "DELETE"),
        err(
            "GET uploads on object",
            req("GET", VHOST, "/k?uploads"),
            OssErrorCode.METHOD_NOT_ALLOWED,
            "ResourceType",
            "Object"),
        err(
            "PUT objectMeta",
            req("PUT", VHOST, "/k?objectMeta"),
            OssErrorCode.METHOD_NOT_ALLOWED,
            "Method",
            "PUT"),
        err(
            "PATCH object",
            req("PATCH", VHOST, "/k"),
            OssErrorCode.METHOD_NOT_ALLOWED,
            "Method",
            "PATCH"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void rejects(
      String name, RouteRequests.Req req, OssErrorCode code, String element, String value) {
    assertThatThrownBy(() -> router.route(req.head()))
        .isInstanceOfSatisfying(
            OssException.class,
            e -> {
              assertThat(e.code()).isEqualTo(code);
              if (element != null) {
                assertThat(e.details()).containsEntry(element, value);
              }
            });
  }

  @Test
  void tooLongKeyCarriesTheMessageTheJavaSdkExpects() {
    assertThatThrownBy(() -> router.route(head("PUT", IP, "/bkt/" + LONG_KEY, Map.of())))
        .hasMessage("The Length of Object name must be less than 1024.");
  }

  private static Arguments err(
      String name, RouteRequests.Req req, OssErrorCode code, String element, String value) {
    return Arguments.of(name, req, code, element, value);
  }
}
