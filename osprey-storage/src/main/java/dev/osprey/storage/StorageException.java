package dev.osprey.storage;

/**
 * A storage backend failed (disk error, corrupt record, RocksDB error): not an OSS outcome but a
 * fault, which the server answers with 500 InternalError.
 */
public final class StorageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }

  public StorageException(String message) {
    super(message);
  }
}
