package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.CannedAccessControlList;
import com.aliyun.oss.model.MatchMode;
import com.aliyun.oss.model.OSSObject;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.ObjectPermission;
import com.aliyun.oss.model.PolicyConditions;
import dev.osprey.protocol.Limits;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PostObject (HTML form upload): policies made and signed by the Java SDK (V1) or signed V4 by
 * hand, anonymous uploads into a public-read-write bucket, the policy's conditions, and the answers
 * ({@code success_action_status}, {@code success_action_redirect}). Results are read back through
 * the SDK.
 */
class PostObjectTest {
  private OSS oss;
  private String bucket;

  @BeforeEach
  void open() {
    oss = Clients.shared("V1");
    bucket = Buckets.unique("post");
    oss.createBucket(bucket);
  }

  @AfterEach
  void close() {
    oss.shutdown();
  }

  private String policy(PolicyConditions conditions, long secondsLeft) {
    String json =
        oss.generatePostPolicy(
            new Date(System.currentTimeMillis() + secondsLeft * 1000), conditions);
    return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private FormUpload signedV1(PolicyConditions conditions, long secondsLeft) {
    String policy = policy(conditions, secondsLeft);
    String json = new String(Base64.getDecoder().decode(policy), StandardCharsets.UTF_8);
    return new FormUpload()
        .field("OSSAccessKeyId", SharedServer.ACCESS_KEY_ID)
        .field("policy", policy)
        .field("Signature", oss.calculatePostSignature(json));
  }

  private static PolicyConditions uploadsUnder(String prefix) {
    PolicyConditions c = new PolicyConditions();
    c.addConditionItem(MatchMode.StartWith, PolicyConditions.COND_KEY, prefix);
    c.addConditionItem(PolicyConditions.COND_CONTENT_LENGTH_RANGE, 1, 1024);
    return c;
  }

  @Test
  void v1SignedFormStoresTheFileWithItsFields() throws Exception {
    byte[] content = "form bytes".getBytes(StandardCharsets.UTF_8);
    FormUpload form =
        signedV1(uploadsUnder("up/"), 300)
            .field("key", "up/${filename}")
            .field("x-oss-meta-owner", "alice")
            .field("Content-Disposition", "inline")
            .file("C:\\Users\\a\\notes.txt", "text/plain", content)
            .fieldAfterFile("x-oss-meta-late", "ignored");
    HttpResponse<String> r = Http.send(form.request(bucket));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
    assertThat(r.headers().firstValue("ETag")).isPresent();
    try (OSSObject o = oss.getObject(bucket, "up/notes.txt")) {
      assertThat(o.getObjectContent().readAllBytes()).isEqualTo(content);
      ObjectMetadata m = o.getObjectMetadata();
      assertThat(m.getContentType()).isEqualTo("text/plain");
      assertThat(m.getContentDisposition()).isEqualTo("inline");
      assertThat(m.getUserMetadata()).containsEntry("owner", "alice").doesNotContainKey("late");
      assertThat(m.getObjectType()).isEqualTo("Normal");
      assertThat(r.headers().firstValue("ETag")).hasValue("\"" + m.getETag() + "\"");
    }
  }

  @Test
  void v4SignedFormIsAccepted() throws Exception {
    Instant now = Instant.now();
    String date = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC).format(now);
    String time =
        DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(now);
    String credential =
        SharedServer.ACCESS_KEY_ID + "/" + date + "/" + Clients.REGION + "/oss/aliyun_v4_request";
    PolicyConditions c = new PolicyConditions();
    c.addConditionItem("x-oss-signature-version", "OSS4-HMAC-SHA256");
    c.addConditionItem("x-oss-credential", credential);
    c.addConditionItem("bucket", bucket);
    String policy = policy(c, 300);
    byte[] key = hmac(("aliyun_v4" + SharedServer.ACCESS_KEY_SECRET).getBytes(), date);
    key = hmac(hmac(hmac(key, Clients.REGION), "oss"), "aliyun_v4_request");
    String signature = HexFormat.of().formatHex(hmac(key, policy));
    FormUpload form =
        new FormUpload()
            .field("key", "v4.bin")
            .field("policy", policy)
            .field("x-oss-signature-version", "OSS4-HMAC-SHA256")
            .field("x-oss-credential", credential)
            .field("x-oss-date", time)
            .field("x-oss-signature", signature)
            .field("success_action_status", "201")
            .file("v4.bin", "application/octet-stream", new byte[] {9, 8, 7});
    HttpResponse<String> r = Http.send(form.request(bucket));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    assertThat(Http.element(r.body(), "Key")).isEqualTo("v4.bin");
    assertThat(Http.element(r.body(), "Bucket")).isEqualTo(bucket);
    assertThat(oss.getObjectMetadata(bucket, "v4.bin").getContentLength()).isEqualTo(3);

    FormUpload forged =
        new FormUpload()
            .field("key", "forged.bin")
            .field("policy", policy)
            .field("x-oss-signature-version", "OSS4-HMAC-SHA256")
            .field("x-oss-credential", credential)
            .field("x-oss-date", time)
            .field("x-oss-signature", signature.replace(signature.charAt(0), 'x'))
            .file("f", "text/plain", new byte[] {1});
    HttpResponse<String> bad = Http.send(forged.request(bucket));
    assertThat(bad.statusCode()).isEqualTo(403);
    assertThat(Http.errorCode(bad)).isEqualTo("SignatureDoesNotMatch");
    assertThat(oss.doesObjectExist(bucket, "forged.bin")).isFalse();
  }

  private static byte[] hmac(byte[] key, String data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void policyConditionsAndExpirationAreEnforced() {
    HttpResponse<String> wrongPrefix =
        Http.send(
            signedV1(uploadsUnder("up/"), 300)
                .field("key", "elsewhere/x")
                .file("x", "text/plain", new byte[] {1})
                .request(bucket));
    assertThat(wrongPrefix.statusCode()).isEqualTo(403);
    assertThat(Http.errorCode(wrongPrefix)).isEqualTo("AccessDenied");
    assertThat(Http.element(wrongPrefix.body(), "Message"))
        .startsWith("Invalid according to Policy: Policy Condition failed:");

    HttpResponse<String> tooBig =
        Http.send(
            signedV1(uploadsUnder("up/"), 300)
                .field("key", "up/big")
                .file("big", "text/plain", new byte[2048])
                .request(bucket));
    assertThat(Http.errorCode(tooBig)).isEqualTo("EntityTooLarge");
    HttpResponse<String> tooSmall =
        Http.send(
            signedV1(uploadsUnder("up/"), 300)
                .field("key", "up/empty")
                .file("empty", "text/plain", new byte[0])
                .request(bucket));
    assertThat(Http.errorCode(tooSmall)).isEqualTo("EntityTooSmall");

    HttpResponse<String> expired =
        Http.send(
            signedV1(uploadsUnder("up/"), -60)
                .field("key", "up/late")
                .file("late", "text/plain", new byte[] {1})
                .request(bucket));
    assertThat(expired.statusCode()).isEqualTo(403);
    assertThat(Http.element(expired.body(), "Message"))
        .isEqualTo("Invalid according to Policy: Policy expired.");

    HttpResponse<String> garbage =
        Http.send(
            new FormUpload()
                .field("key", "up/g")
                .field("OSSAccessKeyId", SharedServer.ACCESS_KEY_ID)
                .field("policy", "bm90IGpzb24=")
                .field("Signature", "x")
                .file("g", "text/plain", new byte[] {1})
                .request(bucket));
    assertThat(Http.errorCode(garbage)).isEqualTo("InvalidPolicyDocument");
    for (String key : new String[] {"elsewhere/x", "up/big", "up/empty", "up/late", "up/g"}) {
      assertThat(oss.doesObjectExist(bucket, key)).as(key).isFalse();
    }
  }

  @Test
  void anonymousFormsNeedAPublicReadWriteBucket() {
    FormUpload form =
        new FormUpload()
            .field("key", "anon.txt")
            .field("x-oss-object-acl", "public-read")
            .field("success_action_status", "200")
            .file("anon.txt", "text/plain", "hello".getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> refused = Http.send(form.request(bucket));
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(Http.errorCode(refused)).isEqualTo("AccessDenied");

    oss.setBucketAcl(bucket, CannedAccessControlList.PublicReadWrite);
    HttpResponse<String> r = Http.send(form.request(bucket));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(oss.getObjectAcl(bucket, "anon.txt").getPermission())
        .isEqualTo(ObjectPermission.PublicRead);

    HttpResponse<String> overPublicRead =
        Http.send(
            new FormUpload()
                .field("key", "anon.txt")
                .file("anon.txt", "text/plain", new byte[] {9})
                .request(bucket));
    assertThat(overPublicRead.statusCode())
        .as("the object's public-read ACL, not the bucket's, decides who may overwrite it")
        .isEqualTo(403);

    oss.putObject(bucket, "kept.txt", new ByteArrayInputStream(new byte[] {7, 7}));
    FormUpload again =
        new FormUpload()
            .field("key", "kept.txt")
            .field("x-oss-forbid-overwrite", "true")
            .file("kept.txt", "text/plain", new byte[] {1});
    HttpResponse<String> exists = Http.send(again.request(bucket));
    assertThat(exists.statusCode()).as(exists.body()).isEqualTo(409);
    assertThat(Http.errorCode(exists)).isEqualTo("FileAlreadyExists");
    assertThat(oss.getObjectMetadata(bucket, "kept.txt").getContentLength()).isEqualTo(2);
  }

  @Test
  void redirectCarriesBucketKeyAndEtag() {
    FormUpload form =
        signedV1(uploadsUnder("r/"), 300)
            .field("key", "r/done.txt")
            .field("success_action_redirect", "http://app.example.com/done?from=form")
            .file("done.txt", "text/plain", new byte[] {1, 2});
    HttpResponse<String> r = Http.send(form.request(bucket));
    assertThat(r.statusCode()).isEqualTo(303);
    String etag = oss.getObjectMetadata(bucket, "r/done.txt").getETag();
    assertThat(r.headers().firstValue("Location"))
        .hasValue(
            "http://app.example.com/done?from=form&bucket="
                + bucket
                + "&key=r%2Fdone.txt&etag=%22"
                + etag
                + "%22");
  }

  @Test
  void malformedFormsAreRefused() {
    HttpResponse<String> noFile =
        Http.send(
            Http.request(bucket, "")
                .header("Content-Type", "multipart/form-data; boundary=" + FormUpload.BOUNDARY)
                .POST(
                    HttpRequest.BodyPublishers.ofByteArray(
                        new FormUpload().field("key", "k").body(false)))
                .build());
    assertThat(noFile.statusCode()).as(noFile.body()).isEqualTo(400);
    assertThat(Http.errorCode(noFile)).isEqualTo("MalformedPOSTRequest");
    assertThat(oss.doesObjectExist(bucket, "k")).isFalse();
    HttpResponse<String> notMultipart =
        Http.send(
            Http.request(bucket, "")
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("key=x"))
                .build());
    assertThat(notMultipart.statusCode()).isEqualTo(400);
    assertThat(Http.errorCode(notMultipart)).isEqualTo("MalformedPOSTRequest");
    byte[] cut =
        signedV1(uploadsUnder("cut"), 300)
            .field("key", "cut")
            .file("c", "text/plain", new byte[10])
            .body(true);
    HttpResponse<String> truncated =
        Http.send(
            Http.request(bucket, "")
                .header("Content-Type", "multipart/form-data; boundary=" + FormUpload.BOUNDARY)
                .POST(
                    HttpRequest.BodyPublishers.ofByteArray(
                        java.util.Arrays.copyOf(cut, cut.length - 30)))
                .build());
    assertThat(truncated.statusCode())
        .as("a signed form whose body ends inside the file: %s", truncated.body())
        .isEqualTo(400);
    assertThat(oss.doesObjectExist(bucket, "cut")).isFalse();

    HttpResponse<String> bloated =
        Http.send(
            signedV1(uploadsUnder("big-fields"), 300)
                .field("key", "big-fields")
                .field("x-oss-meta-filler", "f".repeat(Limits.FORM_FIELDS_BYTES))
                .file("b", "text/plain", new byte[] {1})
                .request(bucket));
    assertThat(bloated.statusCode()).as(bloated.body()).isEqualTo(400);
    assertThat(Http.errorCode(bloated)).isEqualTo("MalformedPOSTRequest");
    assertThat(oss.doesObjectExist(bucket, "big-fields")).isFalse();
  }
}
