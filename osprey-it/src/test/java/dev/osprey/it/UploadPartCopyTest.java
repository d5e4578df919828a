package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.CompleteMultipartUploadRequest;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.OSSObject;
import com.aliyun.oss.model.PartETag;
import com.aliyun.oss.model.UploadPartCopyRequest;
import com.aliyun.oss.model.UploadPartCopyResult;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/** UploadPartCopy through the SDK: parts cut from an existing object, by range. */
@ParameterizedClass
@ValueSource(strings = {"V1", "V4"})
class UploadPartCopyTest {
  @Parameter String version;

  private OSS oss;
  private String bucket;

  @BeforeEach
  void open() {
    oss = Clients.shared(version);
    bucket = Buckets.unique("partcopy");
    oss.createBucket(bucket);
  }

  @AfterEach
  void close() {
    oss.shutdown();
  }

  @Test
  void anObjectIsRebuiltFromRangesOfAnother() throws Exception {
    byte[] source = new byte[300 * 1024 + 17];
    new Random(7).nextBytes(source);
    oss.putObject(bucket, "source.bin", new ByteArrayInputStream(source));
    String uploadId =
        oss.initiateMultipartUpload(new InitiateMultipartUploadRequest(bucket, "copy.bin"))
            .getUploadId();

    long partSize = 120 * 1024;
    List<PartETag> parts = new ArrayList<>();
    for (int n = 1; (n - 1) * partSize < source.length; n++) {
      long begin = (n - 1) * partSize;
      long size = Math.min(partSize, source.length - begin);
      UploadPartCopyResult r =
          oss.uploadPartCopy(
              new UploadPartCopyRequest(
                  bucket, "source.bin", bucket, "copy.bin", uploadId, n, begin, size));
      assertThat(r.getETag()).matches("[0-9A-F]{32}");
      parts.add(r.getPartETag());
    }
    oss.completeMultipartUpload(
        new CompleteMultipartUploadRequest(bucket, "copy.bin", uploadId, parts));

    try (OSSObject o = oss.getObject(bucket, "copy.bin")) {
      assertThat(Arrays.equals(o.getObjectContent().readAllBytes(), source)).isTrue();
      assertThat(o.getObjectMetadata().getObjectType()).isEqualTo("Multipart");
    }
  }

  @Test
  void aRangeOutsideTheSourceIsInvalidArgumentAndAFailedConditionIsRefused() {
    oss.putObject(bucket, "small.bin", new ByteArrayInputStream(new byte[1000]));
    String uploadId =
        oss.initiateMultipartUpload(new InitiateMultipartUploadRequest(bucket, "dst.bin"))
            .getUploadId();

    assertThatThrownBy(
            () ->
                oss.uploadPartCopy(
                    new UploadPartCopyRequest(
                        bucket, "small.bin", bucket, "dst.bin", uploadId, 1, 900L, 200L)))
        .isInstanceOfSatisfying(
            OSSException.class, e -> assertThat(e.getErrorCode()).isEqualTo("InvalidArgument"));

    UploadPartCopyRequest conditional =
        new UploadPartCopyRequest(bucket, "small.bin", bucket, "dst.bin", uploadId, 1, 0L, 1000L);
    conditional.setMatchingETagConstraints(List.of("\"0123456789ABCDEF0123456789ABCDEF\""));
    assertThatThrownBy(() -> oss.uploadPartCopy(conditional))
        .isInstanceOfSatisfying(
            OSSException.class, e -> assertThat(e.getErrorCode()).isEqualTo("PreconditionFailed"));

    assertThat(
            oss.listParts(new com.aliyun.oss.model.ListPartsRequest(bucket, "dst.bin", uploadId))
                .getParts())
        .isEmpty();
  }
}
