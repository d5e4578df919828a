package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.CompleteMultipartUploadRequest;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.OSSObject;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.PartETag;
import com.aliyun.oss.model.UploadPartCopyRequest;
import dev.osprey.protocol.Limits;
import dev.osprey.server.OspreyServer;
import dev.osprey.storage.SyncMode;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CopyObject takes sources up to {@link Limits#COPY_SOURCE_BYTES} (1 GiB, spec §3.2); a larger
 * source is InvalidArgument and nothing is written, while UploadPartCopy still copies its ranges.
 */
class CopySourceLimitTest {
  private static final String AK = "LTAIcopyLimitTest000";
  private static final String SK = "copyLimitTestSecret0123456789ab";

  /** {@code length} bytes of a repeating pattern, generated as read (never held in memory). */
  private static InputStream pattern(long length) {
    return new InputStream() {
      private long at;

      @Override
      public int read() {
        return at < length ? (int) (at++ % 251) : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (at >= length) {
          return -1;
        }
        int n = (int) Math.min(len, length - at);
        for (int i = 0; i < n; i++) {
          b[off + i] = (byte) ((at + i) % 251);
        }
        at += n;
        return n;
      }
    };
  }

  @Test
  void aSourceOverOneGibIsRefusedByCopyObjectAndCopiedByUploadPartCopy() throws Exception {
    try (OspreyServer server =
        OspreyServer.builder()
            .port(0)
            .tempDataDir()
            .rootCredentials(AK, SK)
            .sync(SyncMode.NEVER)
            .build()
            .start()) {
      OSS oss = Clients.sdk(server.endpoint(), "V1", AK, SK);
      try {
        oss.createBucket("big");
        long size = Limits.COPY_SOURCE_BYTES + 1;
        ObjectMetadata meta = new ObjectMetadata();
        meta.setContentLength(size);
        oss.putObject("big", "source", pattern(size), meta);

        OssErrors.expect("InvalidArgument", () -> oss.copyObject("big", "source", "big", "copy"));
        assertThat(oss.doesObjectExist("big", "copy")).as("nothing written").isFalse();

        // The way OSS points to: UploadPartCopy, here of the last MiB and one byte past 1 GiB.
        long from = size - (1 << 20);
        String uploadId =
            oss.initiateMultipartUpload(new InitiateMultipartUploadRequest("big", "tail"))
                .getUploadId();
        UploadPartCopyRequest part =
            new UploadPartCopyRequest("big", "source", "big", "tail", uploadId);
        part.setPartNumber(1);
        part.setBeginIndex(from);
        part.setPartSize(size - from);
        PartETag etag = oss.uploadPartCopy(part).getPartETag();
        oss.completeMultipartUpload(
            new CompleteMultipartUploadRequest(
                "big", "tail", uploadId, new ArrayList<>(List.of(etag))));
        try (OSSObject o = oss.getObject("big", "tail")) {
          byte[] got = o.getObjectContent().readAllBytes();
          assertThat(got).hasSize((int) (size - from));
          for (int i = 0; i < got.length; i++) {
            if (got[i] != (byte) ((from + i) % 251)) {
              throw new AssertionError("byte " + (from + i) + " of the copied range differs");
            }
          }
        }
      } finally {
        oss.shutdown();
      }
    }
  }
}
