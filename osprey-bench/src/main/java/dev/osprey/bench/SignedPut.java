package dev.osprey.bench;

import dev.osprey.protocol.Headers;
import dev.osprey.protocol.HttpDates;
import dev.osprey.protocol.QueryParams;
import dev.osprey.protocol.sign.SignatureV1;
import dev.osprey.server.RootCredentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;

/** The one signed request the benchmarks need: creating their bucket with a canned ACL. */
final class SignedPut {
  private SignedPut() {}

  static void createBucket(String endpoint, RootCredentials root, String bucket, String acl)
      throws Exception {
    String date = HttpDates.formatRfc1123(Instant.now());
    Headers signed = Headers.of("x-oss-date", date, "x-oss-acl", acl);
    String stringToSign =
        SignatureV1.stringToSign(
            "PUT",
            signed,
            date,
            SignatureV1.canonicalizedResource(bucket, null, QueryParams.EMPTY));
    String signature = SignatureV1.sign(root.accessKeySecret(), stringToSign);
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(endpoint + "/" + bucket + "/"))
            .header("x-oss-date", date)
            .header("x-oss-acl", acl)
            .header("Authorization", "OSS " + root.accessKeyId() + ":" + signature)
            .PUT(HttpRequest.BodyPublishers.noBody())
            .build();
    HttpResponse<String> r =
        HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("PutBucket answered " + r.statusCode() + ": " + r.body());
    }
  }
}
