package dev.osprey.server.iam;

/**
 * An admin API request that cannot be done: the HTTP status and a RAM-style error code ({@code
 * EntityAlreadyExists.User}, {@code EntityNotExist.User}, {@code InvalidParameter}, ...).
 */
public final class IamException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  public IamException(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }
}
