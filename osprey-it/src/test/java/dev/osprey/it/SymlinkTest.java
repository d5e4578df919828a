package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.CannedAccessControlList;
import com.aliyun.oss.model.CreateSymlinkRequest;
import com.aliyun.oss.model.GetObjectRequest;
import com.aliyun.oss.model.OSSObject;
import com.aliyun.oss.model.OSSObjectSummary;
import com.aliyun.oss.model.OSSSymlink;
import com.aliyun.oss.model.ObjectMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/** PutSymlink, GetSymlink and reads through a symlink, through the SDK (issue 12, item 2). */
@ParameterizedClass
@ValueSource(strings = {"V1", "V4"})
class SymlinkTest {
  @Parameter String version;

  private OSS oss;
  private String bucket;

  @BeforeEach
  void open() {
    oss = Clients.shared(version);
    bucket = Buckets.unique("symlink");
    oss.createBucket(bucket);
  }

  @AfterEach
  void close() {
    oss.shutdown();
  }

  private static String read(OSSObject o) throws IOException {
    try (InputStream in = o.getObjectContent()) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  @Test
  void getSymlinkNamesTheTargetAndTheLinksMetadata() {
    String target = "dir/target file+1 ü.txt";
    CreateSymlinkRequest put = new CreateSymlinkRequest(bucket, "link", target);
    ObjectMetadata meta = new ObjectMetadata();
    meta.addUserMetadata("origin", "link");
    put.setMetadata(meta);
    oss.createSymlink(put);

    OSSSymlink link = oss.getSymlink(bucket, "link");
    assertThat(link.getTarget()).isEqualTo(target);
    assertThat(link.getMetadata().getUserMetadata()).containsEntry("origin", "link");
    assertThat(link.getMetadata().getObjectType()).isEqualTo("Symlink");
  }

  @Test
  void getAndHeadGoThroughTheLink() throws IOException {
    ObjectMetadata targetMeta = new ObjectMetadata();
    targetMeta.setContentType("text/plain");
    oss.putObject(bucket, "real.txt", Payloads.stream("the content"), targetMeta);
    oss.createSymlink(bucket, "alias.txt", "real.txt");

    ObjectMetadata head = oss.getObjectMetadata(bucket, "alias.txt");
    ObjectMetadata real = oss.getObjectMetadata(bucket, "real.txt");
    assertThat(head.getObjectType()).isEqualTo("Symlink");
    assertThat(head.getContentLength()).isEqualTo(11);
    assertThat(head.getContentType()).isEqualTo("text/plain");
    assertThat(head.getETag()).isEqualTo(real.getETag());

    assertThat(read(oss.getObject(bucket, "alias.txt"))).isEqualTo("the content");
    GetObjectRequest ranged = new GetObjectRequest(bucket, "alias.txt").withRange(4, 10);
    assertThat(read(oss.getObject(ranged))).isEqualTo("content");

    // the link follows the target's current content
    oss.putObject(bucket, "real.txt", Payloads.stream("replaced"));
    assertThat(read(oss.getObject(bucket, "alias.txt"))).isEqualTo("replaced");
  }

  @Test
  void aMissingTargetIsNoSuchKeyAndALinkToALinkIsNotFollowed() {
    oss.createSymlink(bucket, "dangling", "nowhere");
    OssErrors.expect("NoSuchKey", () -> oss.getObject(bucket, "dangling"));
    OssErrors.expect("NoSuchKey", () -> oss.getObjectMetadata(bucket, "dangling"));

    oss.putObject(bucket, "base", Payloads.stream("x"));
    oss.createSymlink(bucket, "first", "base");
    oss.createSymlink(bucket, "second", "first");
    OssErrors.expect("InvalidTargetType", () -> oss.getObject(bucket, "second"));
    assertThat(oss.getSymlink(bucket, "second").getTarget()).isEqualTo("first");
  }

  @Test
  void getSymlinkOfAnOrdinaryObjectIsNotSymlink() {
    oss.putObject(bucket, "plain", Payloads.stream("x"));
    OssErrors.expect("NotSymlink", () -> oss.getSymlink(bucket, "plain"));
    OssErrors.expect("NoSuchKey", () -> oss.getSymlink(bucket, "absent"));
  }

  @Test
  void tagsBelongToTheLink() {
    oss.putObject(bucket, "tagged-target", Payloads.stream("x"));
    oss.createSymlink(bucket, "tagged-link", "tagged-target");
    oss.setObjectTagging(bucket, "tagged-link", Map.of("role", "alias"));
    assertThat(oss.getObjectTagging(bucket, "tagged-link").getAllTags())
        .containsExactly(Map.entry("role", "alias"));
    assertThat(oss.getObjectTagging(bucket, "tagged-target").getAllTags()).isEmpty();
    assertThat(oss.getSymlink(bucket, "tagged-link").getTarget()).isEqualTo("tagged-target");
  }

  @Test
  void aPublicLinkDoesNotOpenAPrivateTarget() throws IOException {
    oss.putObject(bucket, "secret", Payloads.stream("secret"));
    oss.putObject(bucket, "open", Payloads.stream("open"));
    for (String[] link : new String[][] {{"to-secret", "secret"}, {"to-open", "open"}}) {
      CreateSymlinkRequest put = new CreateSymlinkRequest(bucket, link[0], link[1]);
      put.addHeader("x-oss-object-acl", "public-read");
      oss.createSymlink(put);
    }
    oss.setObjectAcl(bucket, "open", CannedAccessControlList.PublicRead);
    OSS anonymous = Clients.anonymous(version);
    try {
      OssErrors.expect("AccessDenied", () -> anonymous.getObject(bucket, "to-secret"));
      OssErrors.expect("AccessDenied", () -> anonymous.getObjectMetadata(bucket, "to-secret"));
      assertThat(read(anonymous.getObject(bucket, "to-open"))).isEqualTo("open");
    } finally {
      anonymous.shutdown();
    }
  }

  @Test
  void forbidOverwriteRefusesAnExistingKey() {
    oss.putObject(bucket, "taken", Payloads.stream("x"));
    CreateSymlinkRequest put = new CreateSymlinkRequest(bucket, "taken", "elsewhere");
    put.addHeader("x-oss-forbid-overwrite", "true");
    OssErrors.expect("FileAlreadyExists", () -> oss.createSymlink(put));
    OssErrors.expect("NotSymlink", () -> oss.getSymlink(bucket, "taken"));
    // without the header the link replaces the object
    oss.createSymlink(bucket, "taken", "elsewhere");
    assertThat(oss.getSymlink(bucket, "taken").getTarget()).isEqualTo("elsewhere");
  }

  @Test
  void listingsShowTheSymlinkTypeAndDeleteRemovesOnlyTheLink() throws IOException {
    oss.putObject(bucket, "kept", Payloads.stream("kept"));
    oss.createSymlink(bucket, "ln", "kept");
    assertThat(oss.listObjects(bucket).getObjectSummaries())
        .filteredOn(s -> s.getKey().equals("ln"))
        .extracting(OSSObjectSummary::getType)
        .containsExactly("Symlink");
    oss.deleteObject(bucket, "ln");
    assertThat(oss.doesObjectExist(bucket, "ln")).isFalse();
    assertThat(read(oss.getObject(bucket, "kept"))).isEqualTo("kept");
  }
}
