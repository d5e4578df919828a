package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSSException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Assertions on the errors the SDK surfaces as {@link OSSException}. */
final class OssErrors {
  /** Request ids are 24 upper-case hex characters, as OSS's own (spec §0). */
  static final String REQUEST_ID_SHAPE = "[0-9A-F]{24}";

  static final String EC_SHAPE = "[0-9]{4}-[0-9]{8}";

  private OssErrors() {}

  /**
   * Runs {@code call}, which must fail with an OSSException carrying {@code code} and a request id
   * of OSS's shape. Returns the exception for further checks.
   */
  static OSSException expect(String code, ThrowingCallable call) {
    try {
      call.call();
    } catch (OSSException e) {
      assertThat(e.getErrorCode())
          .as("error code (message: %s)", e.getErrorMessage())
          .isEqualTo(code);
      assertThat(e.getRequestId()).as("request id").matches(REQUEST_ID_SHAPE);
      // every OSS error carries an EC (spec §4.1), HEAD errors included; a 304 is no error body
      if (!code.equals("NotModified")) {
        assertThat(e.getEC()).as("EC").matches(EC_SHAPE);
      }
      return e;
    } catch (Throwable t) {
      throw new AssertionError("expected OSSException " + code + " but got " + t, t);
    }
    throw new AssertionError("expected OSSException " + code + " but the call succeeded");
  }

  /** As {@link #expect}, also checking the message OSS documents for this error. */
  static OSSException expect(String code, String message, ThrowingCallable call) {
    OSSException e = expect(code, call);
    assertThat(e.getErrorMessage()).isEqualTo(message);
    return e;
  }
}
