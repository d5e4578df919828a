package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.OSSObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * I/O faults under a read: the blob file of an object is cut short or removed behind the server's
 * back (what a failing disk or an operator's mistake looks like). The GET must end with an error
 * the client sees (a cut connection once the headers are out, an error answer before), never a
 * request that hangs until the client's timeout, and the server keeps serving other objects.
 */
class ReadFaultTest {
  private static final String AK = "LTAIreadFaultTestKey";
  private static final String SK = "readFaultTestSecret0123456789abc";
  private static final String BUCKET = "read-faults";

  @TempDir Path data;

  @Test
  void aBlobCutShortEndsTheResponseInsteadOfHangingIt() throws Exception {
    try (ServerProcess server = ServerProcess.start(data, AK, SK)) {
      OSS oss = Clients.sdk(server.endpoint(), "V1", AK, SK);
      try {
        oss.createBucket(BUCKET);
        byte[] body = Payloads.random(2 << 20, 11);
        oss.putObject(BUCKET, "victim", new ByteArrayInputStream(body));
        Path blob = onlyBlob();
        try (RandomAccessFile f = new RandomAccessFile(blob.toFile(), "rw")) {
          f.setLength(1000);
        }
        Throwable failure =
            catchFailure(
                () -> {
                  try (OSSObject o = oss.getObject(BUCKET, "victim")) {
                    return o.getObjectContent().readAllBytes();
                  }
                });
        assertThat(failure).as("a GET of a damaged blob must not succeed").isNotNull();
        assertThat(causes(failure))
            .as("the server cut the response short rather than letting it hang")
            .noneMatch(t -> t instanceof SocketTimeoutException);

        oss.putObject(BUCKET, "healthy", new ByteArrayInputStream(body));
        try (OSSObject o = oss.getObject(BUCKET, "healthy")) {
          assertThat(o.getObjectContent().readAllBytes()).isEqualTo(body);
        }
      } finally {
        oss.shutdown();
      }
    }
  }

  @Test
  void aMissingBlobIsAnErrorAnswer() throws Exception {
    try (ServerProcess server = ServerProcess.start(data, AK, SK)) {
      OSS oss = Clients.sdk(server.endpoint(), "V1", AK, SK);
      try {
        oss.createBucket(BUCKET);
        oss.putObject(BUCKET, "gone", new ByteArrayInputStream(Payloads.random(4096, 12)));
        Files.delete(onlyBlob());
        assertThat(
                OssErrors.expect("InternalError", () -> oss.getObject(BUCKET, "gone").close())
                    .getErrorMessage())
            .startsWith("An I/O error on the server's disk stopped the request (")
            .doesNotContain(data.toString());
        oss.putObject(BUCKET, "fine", new ByteArrayInputStream(new byte[] {1, 2, 3}));
        try (OSSObject o = oss.getObject(BUCKET, "fine")) {
          assertThat(o.getObjectContent().readAllBytes()).isEqualTo(new byte[] {1, 2, 3});
        }
      } finally {
        oss.shutdown();
      }
    }
  }

  private Path onlyBlob() throws IOException {
    try (Stream<Path> files = Files.walk(data.resolve("blobs"))) {
      List<Path> blobs = files.filter(Files::isRegularFile).toList();
      assertThat(blobs).hasSize(1);
      return blobs.get(0);
    }
  }

  private interface Read {
    byte[] run() throws Exception;
  }

  private static Throwable catchFailure(Read read) {
    try {
      read.run();
      return null;
    } catch (Exception e) {
      return e;
    }
  }

  private static List<Throwable> causes(Throwable t) {
    List<Throwable> all = new java.util.ArrayList<>();
    for (Throwable c = t; c != null && all.size() < 20; c = c.getCause()) {
      all.add(c);
    }
    return all;
  }
}
