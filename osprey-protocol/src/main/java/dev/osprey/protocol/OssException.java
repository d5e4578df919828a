package dev.osprey.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one exception type for OSS errors. Carries the code, the message, extra XML elements (such as
 * {@code Key}, {@code BucketName}, {@code StringToSign}) and extra response headers (such as {@code
 * x-oss-next-append-position}). Exactly one place in the server renders it.
 */
public final class OssException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final OssErrorCode code;
  private final Map<String, String> details = new LinkedHashMap<>();
  private final Map<String, String> headers = new LinkedHashMap<>();

  public OssException(OssErrorCode code) {
    this(code, code.defaultMessage(), null);
  }

  public OssException(OssErrorCode code, String message) {
    this(code, message, null);
  }

  public OssException(OssErrorCode code, String message, Throwable cause) {
    // No stack trace: these are expected outcomes, created often (each failed append), and never
    // debugged by trace.
    super(message == null ? code.defaultMessage() : message, cause, false, cause != null);
    this.code = code;
  }

  public static OssException of(OssErrorCode code) {
    return new OssException(code);
  }

  public static OssException of(OssErrorCode code, String message) {
    return new OssException(code, message);
  }

  /** InvalidArgument with the {@code ArgumentName}/{@code ArgumentValue} elements OSS adds. */
  public static OssException invalidArgument(String message, String name, String value) {
    return new OssException(OssErrorCode.INVALID_ARGUMENT, message)
        .detail("ArgumentName", name)
        .detail("ArgumentValue", value);
  }

  /** Adds an extra element to the error XML, after the standard ones. Null values are skipped. */
  public OssException detail(String element, String value) {
    if (value != null) {
      details.put(element, value);
    }
    return this;
  }

  /** Adds a response header sent with this error. */
  public OssException header(String name, String value) {
    if (value != null) {
      headers.put(name, value);
    }
    return this;
  }

  public OssErrorCode code() {
    return code;
  }

  public Map<String, String> details() {
    return Collections.unmodifiableMap(details);
  }

  public Map<String, String> headers() {
    return Collections.unmodifiableMap(headers);
  }
}
