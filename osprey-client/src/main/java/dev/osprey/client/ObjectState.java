package dev.osprey.client;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSErrorCode;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.ObjectMetadata;
import java.text.ParseException;

/**
 * What a HEAD says about an object: its length, the CRC-64 of its whole content ({@code
 * x-oss-hash-crc64ecma}, null when the server sent none), whether it takes appends and whether it
 * is sealed (spec §1.10).
 */
record ObjectState(long length, Long crc, boolean appendable, boolean sealed) {
  /**
   * HEADs the object; null when it does not exist. Other refusals and connection failures are
   * thrown as the SDK's {@link OSSException} and {@link com.aliyun.oss.ClientException}.
   */
  static ObjectState head(OSS oss, String bucket, String key) {
    try {
      return of(oss.getObjectMetadata(bucket, key));
    } catch (OSSException e) {
      if (OSSErrorCode.NO_SUCH_KEY.equals(e.getErrorCode())) {
        return null;
      }
      throw e;
    }
  }

  /** The state a HEAD or GET answer describes. */
  static ObjectState of(ObjectMetadata m) {
    boolean sealed;
    try {
      sealed = m.getSealedTime() != null;
    } catch (ParseException e) {
      // A sealed time we cannot read is still a sealed time.
      sealed = true;
    }
    return new ObjectState(
        m.getContentLength(), m.getServerCRC(), "Appendable".equals(m.getObjectType()), sealed);
  }
}
