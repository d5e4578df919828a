package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.Bucket;
import com.aliyun.oss.model.BucketInfo;
import com.aliyun.oss.model.CannedAccessControlList;
import com.aliyun.oss.model.CreateBucketRequest;
import com.aliyun.oss.model.OSSObject;
import com.aliyun.oss.model.OSSObjectSummary;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.ObjectPermission;
import com.aliyun.oss.model.StorageClass;
import dev.osprey.server.OspreyServer;
import dev.osprey.server.RootCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Data and credentials survive a restart: a server of its own on a temporary data directory is
 * stopped and a new one started on the same directory (and a new ephemeral port).
 */
@ParameterizedClass
@ValueSource(strings = {"V1", "V4"})
class RestartTest {
  private static final String CREDENTIALS_FILE = "root-credentials.properties";

  @Parameter String version;

  @TempDir Path dataDir;

  @Test
  void bucketsObjectsAndCredentialsSurviveARestart() throws IOException {
    Map<String, byte[]> contents = new LinkedHashMap<>();
    contents.put("a.txt", Payloads.utf8("alpha"));
    contents.put("dir/b.bin", Payloads.random(300_000, 7));
    contents.put("dir/sub/ünï cødé +&", Payloads.utf8("unicode key"));
    contents.put("empty", new byte[0]);

    RootCredentials generated;
    Snapshot before;
    try (OspreyServer first = start()) {
      generated = first.credentials();
      OSS oss = client(first);
      try {
        populate(oss, contents);
        before = snapshot(oss);
        assertThat(before.buckets()).containsExactly(bucket("main"), bucket("other"));
        assertThat(before.objects()).hasSize(contents.size() + 1);
        assertThat(before.objects().get(bucket("main") + "/a.txt"))
            .contains(
                Payloads.etag(contents.get("a.txt")),
                "{key-length=5, origin=restart-test}",
                "public-read");
      } finally {
        oss.shutdown();
      }
    }

    Path file = dataDir.resolve(CREDENTIALS_FILE);
    assertThat(file).exists();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");

    try (OspreyServer second = start()) {
      assertThat(second.credentials()).isEqualTo(generated);
      OSS oss = client(second);
      try {
        assertThat(snapshot(oss)).isEqualTo(before);
        for (Map.Entry<String, byte[]> e : contents.entrySet()) {
          assertThat(read(oss, e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
        }
        // The restarted server also takes new writes.
        oss.putObject(bucket("main"), "after-restart", Payloads.stream("new"));
        assertThat(read(oss, "after-restart")).isEqualTo(Payloads.utf8("new"));
      } finally {
        oss.shutdown();
      }
    }
  }

  @Test
  void generatedCredentialsAreStableAndOwnerOnly() throws IOException {
    RootCredentials first;
    try (OspreyServer server = start()) {
      first = server.credentials();
      assertThat(first.accessKeyId()).isNotBlank();
      assertThat(first.accessKeySecret()).isNotBlank();
    }
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dataDir.resolve(CREDENTIALS_FILE))))
        .isEqualTo("rw-------");
    try (OspreyServer server = start()) {
      assertThat(server.credentials()).isEqualTo(first);
      OSS oss = client(server);
      try {
        assertThat(oss.listBuckets()).isEmpty();
      } finally {
        oss.shutdown();
      }
    }
  }

  private OspreyServer start() throws IOException {
    return OspreyServer.builder().port(0).dataDir(dataDir).build().start();
  }

  private OSS client(OspreyServer server) {
    RootCredentials c = server.credentials();
    return Clients.sdk(server.endpoint(), version, c.accessKeyId(), c.accessKeySecret());
  }

  private static String bucket(String name) {
    return "restart-" + name;
  }

  private static void populate(OSS oss, Map<String, byte[]> contents) {
    oss.createBucket(bucket("main"));
    oss.createBucket(
        new CreateBucketRequest(bucket("other"))
            .withCannedACL(CannedAccessControlList.PublicRead)
            .withStorageType(StorageClass.IA));
    for (Map.Entry<String, byte[]> e : contents.entrySet()) {
      ObjectMetadata meta = new ObjectMetadata();
      meta.addUserMetadata("origin", "restart-test");
      meta.addUserMetadata("key-length", Integer.toString(e.getKey().length()));
      meta.setContentType("application/x-test");
      meta.setCacheControl("max-age=10");
      oss.putObject(bucket("main"), e.getKey(), Payloads.stream(e.getValue()), meta);
    }
    oss.setObjectAcl(bucket("main"), "a.txt", CannedAccessControlList.PublicRead);
    oss.putObject(bucket("other"), "only", Payloads.stream("in other"));
  }

  /** Everything the SDK can tell about the stored state, in comparable form. */
  private static Snapshot snapshot(OSS oss) {
    List<String> buckets = oss.listBuckets().stream().map(Bucket::getName).toList();
    BucketInfo other = oss.getBucketInfo(bucket("other"));
    String otherInfo =
        other.getCannedACL()
            + "/"
            + other.getBucket().getStorageClass()
            + "/"
            + other.getBucket().getCreationDate().getTime();
    Map<String, String> objects = new LinkedHashMap<>();
    for (String b : buckets) {
      for (OSSObjectSummary s : oss.listObjects(b).getObjectSummaries()) {
        ObjectMetadata head = oss.headObject(b, s.getKey());
        ObjectPermission acl = oss.getObjectAcl(b, s.getKey()).getPermission();
        objects.put(
            b + "/" + s.getKey(),
            String.join(
                "|",
                s.getETag(),
                Long.toString(s.getSize()),
                s.getStorageClass(),
                Long.toString(s.getLastModified().getTime()),
                head.getETag(),
                String.valueOf(head.getServerCRC()),
                head.getContentType(),
                head.getCacheControl(),
                Long.toString(head.getLastModified().getTime()),
                head.getUserMetadata().toString(),
                acl.toString()));
      }
    }
    return new Snapshot(buckets, otherInfo, objects);
  }

  private static byte[] read(OSS oss, String key) throws IOException {
    try (OSSObject o = oss.getObject(bucket("main"), key)) {
      return o.getObjectContent().readAllBytes();
    }
  }

  private record Snapshot(List<String> buckets, String otherBucket, Map<String, String> objects) {}
}
