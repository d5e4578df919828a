package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.AppendObjectRequest;
import com.aliyun.oss.model.AppendObjectResult;
import com.aliyun.oss.model.ObjectMetadata;
import dev.osprey.protocol.Crc64;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/** AppendObject through the official SDK, the way applications call it (spec §8.1). */
final class Appends {
  static final String POSITION_MESSAGE = "Position is not equal to file length";
  static final String NOT_APPENDABLE_MESSAGE = "The object is not appendable";

  private Appends() {}

  /** Appends from an InputStream, which the SDK sends chunked (spec §10). */
  static AppendObjectResult append(OSS oss, String bucket, String key, long position, byte[] data) {
    return append(oss, bucket, key, position, data, new ObjectMetadata());
  }

  static AppendObjectResult append(
      OSS oss, String bucket, String key, long position, byte[] data, ObjectMetadata meta) {
    AppendObjectRequest request =
        new AppendObjectRequest(bucket, key, new ByteArrayInputStream(data), meta);
    request.setPosition(position);
    return oss.appendObject(request);
  }

  static AppendObjectResult append(OSS oss, String bucket, String key, long position, String utf8) {
    return append(oss, bucket, key, position, utf8.getBytes(StandardCharsets.UTF_8));
  }

  /** Runs {@code call}, expecting an OSSException with {@code code}; returns it. */
  static OSSException expectError(String code, Runnable call) {
    OSSException e = catchThrowableOfType(OSSException.class, call::run);
    assertThat(e).as("expected %s", code).isNotNull();
    assertThat(e.getErrorCode()).isEqualTo(code);
    assertThat(e.getRequestId()).matches("[0-9A-F]{24}");
    return e;
  }

  static long crc(byte[] bytes) {
    return Crc64.update(0, bytes, 0, bytes.length);
  }
}
