package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.AppendObjectRequest;
import com.aliyun.oss.model.AppendObjectResult;
import com.aliyun.oss.model.OSSObject;
import com.aliyun.oss.model.ObjectMetadata;
import dev.osprey.protocol.Crc64;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worked example of docs/append.md, run as written, so the documentation cannot drift from the
 * truth.
 */
class AppendDocExampleTest {
  @TempDir Path tmp;

  @Test
  void theDocumentedFlowWorks() throws Exception {
    OSS oss = Clients.shared("V1");
    String bucket = Buckets.unique("doc");
    oss.createBucket(bucket);
    File moreLog = Files.writeString(tmp.resolve("more.log"), "second line\nthird line\n").toFile();

    for (int round = 0;
        round < 2;
        round++) { // the second round starts from HEAD of an existing object
      long position = 0;
      Long crc = 0L;
      if (oss.doesObjectExist(bucket, "app.log")) {
        ObjectMetadata head = oss.getObjectMetadata(bucket, "app.log");
        position = head.getContentLength();
        crc = head.getServerCRC();
      }
      ObjectMetadata meta = new ObjectMetadata();
      meta.setContentType("text/plain");
      meta.addUserMetadata("source", "web-1");
      AppendObjectRequest fromMemory =
          new AppendObjectRequest(
              bucket,
              "app.log",
              new ByteArrayInputStream("first line\n".getBytes(StandardCharsets.UTF_8)),
              meta);
      fromMemory.setPosition(position);
      fromMemory.setInitCRC(crc);
      AppendObjectResult r = oss.appendObject(fromMemory);

      AppendObjectRequest fromFile = new AppendObjectRequest(bucket, "app.log", moreLog);
      fromFile.setPosition(r.getNextPosition());
      fromFile.setInitCRC(r.getServerCRC());
      r = oss.appendObject(fromFile);
      assertThat(r.getNextPosition()).isEqualTo(34L * (round + 1));
    }

    String once = "first line\nsecond line\nthird line\n";
    try (OSSObject o = oss.getObject(bucket, "app.log")) {
      byte[] content = o.getObjectContent().readAllBytes();
      assertThat(new String(content, StandardCharsets.UTF_8)).isEqualTo(once + once);
      assertThat(o.getObjectMetadata().getContentType()).isEqualTo("text/plain");
      assertThat(o.getObjectMetadata().getUserMetadata()).containsEntry("source", "web-1");
      assertThat(o.getObjectMetadata().getServerCRC())
          .isEqualTo(Crc64.update(0, content, 0, content.length));
    }
    oss.shutdown();
  }
}
