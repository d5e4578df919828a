package dev.osprey.it;

import static dev.osprey.it.Appends.append;
import static dev.osprey.it.Appends.crc;
import static dev.osprey.it.Appends.expectError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.aliyun.oss.InconsistentException;
import com.aliyun.oss.OSS;
import com.aliyun.oss.model.AppendObjectRequest;
import com.aliyun.oss.model.AppendObjectResult;
import com.aliyun.oss.model.CannedAccessControlList;
import com.aliyun.oss.model.OSSObjectSummary;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.ObjectPermission;
import com.aliyun.oss.model.StorageClass;
import dev.osprey.protocol.Crc64;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What appends store and report through the official SDK (spec §1.3, §1.4, §1.8, §2.1, §3.1):
 * content from files and streams, the running CRC-64 the SDK verifies with {@code setInitCRC},
 * ETags, HEAD and listing views, and which attributes only the first append may set.
 */
class AppendContentTest {
  private static final String BUCKET = Buckets.unique("append-content");
  private static OSS oss;

  @BeforeAll
  static void createBucket() {
    oss = Clients.shared("V1");
    oss.createBucket(BUCKET);
  }

  @AfterAll
  static void shutdown() {
    oss.shutdown();
  }

  @Test
  void appendsFromFilesAndStreamsConcatenate(@TempDir Path dir) throws IOException {
    Random random = new Random(42);
    byte[] fromFile = bytes(random, 200_000);
    byte[] fromStream = bytes(random, 70_001);
    File file = dir.resolve("part.bin").toFile();
    Files.write(file.toPath(), fromFile);

    AppendObjectRequest fileRequest = new AppendObjectRequest(BUCKET, "mixed.bin", file);
    fileRequest.setPosition(0L);
    AppendObjectResult first = oss.appendObject(fileRequest);
    assertThat(first.getNextPosition()).isEqualTo((long) fromFile.length);

    AppendObjectResult second =
        append(oss, BUCKET, "mixed.bin", first.getNextPosition(), fromStream);
    assertThat(second.getNextPosition()).isEqualTo((long) fromFile.length + fromStream.length);

    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.writeBytes(fromFile);
    expected.writeBytes(fromStream);
    assertThat(read("mixed.bin")).isEqualTo(expected.toByteArray());
  }

  @Test
  void initCrcChainIsVerifiedByTheSdkAndMatchesALocalCrc() throws IOException {
    Random random = new Random(1);
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    Long crc = 0L;
    long position = 0;
    Set<String> etags = new HashSet<>();
    for (int i = 0; i < 6; i++) {
      byte[] part = bytes(random, 1 + random.nextInt(5000));
      AppendObjectRequest request =
          new AppendObjectRequest(BUCKET, "crc.bin", new ByteArrayInputStream(part));
      request.setPosition(position);
      request.setInitCRC(crc);
      AppendObjectResult r =
          oss.appendObject(request); // throws InconsistentException on a CRC mismatch
      all.writeBytes(part);
      position = r.getNextPosition();
      crc = r.getServerCRC();
      assertThat(Crc64.parseUnsigned(r.getObjectCRC())).isEqualTo(crc(all.toByteArray()));
      etags.add(oss.headObject(BUCKET, "crc.bin").getETag());
    }
    assertThat(etags).as("the ETag changes with each append").hasSize(6);
    ObjectMetadata head = oss.headObject(BUCKET, "crc.bin");
    assertThat(head.getServerCRC()).isEqualTo(crc(all.toByteArray()));
    assertThat(head.getETag()).matches("[0-9A-F]{32}");
    try (var o = oss.getObject(BUCKET, "crc.bin")) {
      assertThat(o.getObjectMetadata().getServerCRC()).isEqualTo(crc(all.toByteArray()));
      assertThat(o.getObjectContent().readAllBytes()).isEqualTo(all.toByteArray());
    }
  }

  @Test
  void wrongInitCrcMakesTheSdkThrowInconsistentException() {
    AppendObjectRequest first =
        new AppendObjectRequest(BUCKET, "badcrc.bin", new ByteArrayInputStream(new byte[] {1}));
    first.setPosition(0L);
    first.setInitCRC(
        123L); // the Java SDK's own integration test: position 0 with initCRC 123 must fail
    InconsistentException e =
        catchThrowableOfType(InconsistentException.class, () -> oss.appendObject(first));
    assertThat(e).isNotNull();
    assertThat(e.getServerChecksum()).isEqualTo(crc(new byte[] {1}));
    assertThat(e.getClientChecksum()).isNotEqualTo(e.getServerChecksum());
  }

  @Test
  void headAndListShowAnAppendableObject() throws IOException {
    append(oss, BUCKET, "listed/app.log", 0, "one");
    append(oss, BUCKET, "listed/app.log", 3, "two");
    oss.putObject(BUCKET, "listed/normal.txt", new ByteArrayInputStream(new byte[] {1}));
    ObjectMetadata head = oss.headObject(BUCKET, "listed/app.log");
    assertThat(head.getObjectType()).isEqualTo("Appendable");
    assertThat(head.getRawMetadata().get("x-oss-next-append-position")).isEqualTo("6");
    // Content-MD5 belongs to Normal objects only (spec §2.1).
    assertThat(
            RawConnection.exchange(RawRequest.of("HEAD", BUCKET, "listed/app.log"))
                .header("content-md5"))
        .isNull();
    assertThat(
            RawConnection.exchange(RawRequest.of("HEAD", BUCKET, "listed/normal.txt"))
                .header("content-md5"))
        .isNotNull();
    Map<String, String> types = new java.util.TreeMap<>();
    for (OSSObjectSummary s : oss.listObjects(BUCKET, "listed/").getObjectSummaries()) {
      types.put(s.getKey(), s.getType());
    }
    assertThat(types)
        .containsExactly(
            Map.entry("listed/app.log", "Appendable"), Map.entry("listed/normal.txt", "Normal"));
  }

  @Test
  void onlyTheFirstAppendSetsAttributes() throws IOException {
    ObjectMetadata create = new ObjectMetadata();
    create.setContentType("text/plain");
    create.addUserMetadata("origin", "first");
    create.setObjectTagging(Map.of("phase", "one"));
    create.setObjectAcl(CannedAccessControlList.PublicRead);
    create.setHeader("x-oss-storage-class", StorageClass.IA.toString());
    create.setCacheControl("no-cache");
    append(oss, BUCKET, "attrs.log", 0, "a".getBytes(StandardCharsets.UTF_8), create);

    ObjectMetadata later = new ObjectMetadata();
    later.setContentType("application/json");
    later.addUserMetadata("origin", "second");
    later.addUserMetadata("extra", "x");
    later.setObjectTagging(Map.of("phase", "two", "more", "tags"));
    later.setObjectAcl(CannedAccessControlList.Private);
    later.setHeader("x-oss-storage-class", StorageClass.Archive.toString());
    later.setCacheControl("max-age=60");
    append(oss, BUCKET, "attrs.log", 1, "b".getBytes(StandardCharsets.UTF_8), later);

    ObjectMetadata head = oss.headObject(BUCKET, "attrs.log");
    assertThat(head.getContentType()).isEqualTo("text/plain");
    assertThat(head.getUserMetadata()).containsExactly(Map.entry("origin", "first"));
    assertThat(head.getObjectStorageClass()).isEqualTo(StorageClass.IA);
    assertThat(head.getCacheControl()).isEqualTo("no-cache");
    assertThat(head.getRawMetadata().get("x-oss-tagging-count")).isEqualTo("1");
    assertThat(oss.getObjectTagging(BUCKET, "attrs.log").getAllTags())
        .containsExactly(Map.entry("phase", "one"));
    assertThat(oss.getObjectAcl(BUCKET, "attrs.log").getPermission())
        .isEqualTo(ObjectPermission.PublicRead);
    assertThat(new String(read("attrs.log"), StandardCharsets.UTF_8)).isEqualTo("ab");
    // The object ACL from the first append really applies: anonymous reads work on a private
    // bucket.
    RawResponse anonymous =
        RawConnection.exchange(RawRequest.of("GET", BUCKET, "attrs.log").anonymous());
    assertThat(anonymous.status()).isEqualTo(200);
    assertThat(anonymous.text()).isEqualTo("ab");
  }

  @Test
  void putObjectOverAnAppendableObjectMakesItNormal() {
    append(oss, BUCKET, "replaced.log", 0, "appendable");
    oss.putObject(
        BUCKET,
        "replaced.log",
        new ByteArrayInputStream("normal".getBytes(StandardCharsets.UTF_8)));
    ObjectMetadata head = oss.headObject(BUCKET, "replaced.log");
    assertThat(head.getObjectType()).isEqualTo("Normal");
    assertThat(head.getContentLength()).isEqualTo(6);
    assertThat(head.getRawMetadata()).doesNotContainKey("x-oss-next-append-position");
    expectError("ObjectNotAppendable", () -> append(oss, BUCKET, "replaced.log", 6, "more"));
  }

  @Test
  void deletedAppendableObjectCanBeStartedAgainAtZero() {
    append(oss, BUCKET, "restart.log", 0, "old content");
    oss.deleteObject(BUCKET, "restart.log");
    expectError("PositionNotEqualToLength", () -> append(oss, BUCKET, "restart.log", 11, "x"));
    assertThat(append(oss, BUCKET, "restart.log", 0, "new").getNextPosition()).isEqualTo(3L);
    assertThat(new String(read("restart.log"), StandardCharsets.UTF_8)).isEqualTo("new");
  }

  private static byte[] bytes(Random random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private static byte[] read(String key) {
    try (var o = oss.getObject(BUCKET, key)) {
      return o.getObjectContent().readAllBytes();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
