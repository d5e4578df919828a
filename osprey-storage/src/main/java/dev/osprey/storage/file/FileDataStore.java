package dev.osprey.storage.file;

import dev.osprey.storage.BlobReader;
import dev.osprey.storage.BlobWriter;
import dev.osprey.storage.DataStore;
import dev.osprey.storage.StorageException;
import dev.osprey.storage.StorageListener;
import dev.osprey.storage.StoredBlob;
import dev.osprey.storage.SyncMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Blobs as files {@code <dir>/<first 2 hex of id>/<id>}, with random 128-bit hex ids: never derived
 * from the object key, so a key cannot steer a path, and each generation of an object gets its own
 * file. The 256 shard directories are created (and made durable) once at open, so creating a blob
 * never creates a directory.
 */
public final class FileDataStore implements DataStore {
  private static final Pattern BLOB_ID = Pattern.compile("[0-9a-f]{32}");
  private static final HexFormat HEX = HexFormat.of();

  private final Path dir;
  private final boolean durable;
  private final StorageListener listener;
  private final SecureRandom random = new SecureRandom();

  private FileDataStore(Path dir, boolean durable, StorageListener listener) {
    this.dir = dir;
    this.durable = durable;
    this.listener = listener;
  }

  /**
   * Opens (creating if needed) a data store under {@code dir}. Cost does not depend on the number
   * of blobs.
   */
  public static FileDataStore open(Path dir) {
    return open(dir, SyncMode.ALWAYS);
  }

  /**
   * As {@link #open(Path)}; with {@link SyncMode#NEVER} a blob's {@code sync} only hands its bytes
   * to the operating system (they are already there: writes are plain {@code write(2)} calls).
   */
  public static FileDataStore open(Path dir, SyncMode sync) {
    return open(dir, sync, StorageListener.NONE);
  }

  /** As {@link #open(Path, SyncMode)}, telling {@code listener} how long each blob sync took. */
  public static FileDataStore open(Path dir, SyncMode sync, StorageListener listener) {
    try {
      boolean createdAny = !Files.isDirectory(dir);
      Files.createDirectories(dir);
      for (int i = 0; i < 256; i++) {
        Path shard = dir.resolve(HEX.toHexDigits((byte) i));
        if (!Files.isDirectory(shard)) {
          Files.createDirectory(shard);
          createdAny = true;
        }
      }
      if (createdAny) {
        FileDurability.syncDirectory(dir);
        FileDurability.syncDirectory(dir.toAbsolutePath().getParent());
      }
      return new FileDataStore(dir, sync.durable(), listener);
    } catch (IOException e) {
      throw new StorageException("cannot open data store at " + dir, e);
    }
  }

  @Override
  public BlobWriter create() throws IOException {
    byte[] bits = new byte[16];
    random.nextBytes(bits);
    String id = HEX.formatHex(bits);
    Path path = pathOf(id);
    FileChannel ch =
        FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    return new FileBlobWriter(id, path, ch, new FileBlobWriter.Mode(true, durable, listener), 0);
  }

  @Override
  public BlobWriter openForAppend(String blobId, long committedLength) throws IOException {
    Path path = pathOf(blobId);
    FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE);
    try {
      long size = ch.size();
      if (size < committedLength) {
        throw new IOException(
            "blob " + blobId + " holds " + size + " bytes, less than committed " + committedLength);
      }
      if (size > committedLength) {
        // Bytes of an append that was never acknowledged (crash or failure before its metadata
        // commit).
        ch.truncate(committedLength);
      }
      return new FileBlobWriter(
          blobId, path, ch, new FileBlobWriter.Mode(false, durable, listener), committedLength);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  @Override
  public BlobReader open(String blobId) throws IOException {
    return new FileBlobReader(FileChannel.open(pathOf(blobId), StandardOpenOption.READ));
  }

  /**
   * Unlinks the file. The directory is not synced: if a crash resurrects the entry, the blob is an
   * orphan no metadata names, which garbage collection may remove; nothing reads it.
   */
  @Override
  public void delete(String blobId) throws IOException {
    Files.deleteIfExists(pathOf(blobId));
  }

  /**
   * Walks the 256 shard directories one at a time (each listed lazily, closed when done). Files
   * whose names are not blob ids are left out; a blob deleted between listing and stat is skipped.
   */
  @Override
  public Stream<StoredBlob> blobs() {
    return IntStream.range(0, 256)
        .mapToObj(i -> dir.resolve(HEX.toHexDigits((byte) i)))
        .flatMap(FileDataStore::listShard);
  }

  private static Stream<StoredBlob> listShard(Path shard) {
    try {
      return Files.list(shard)
          .filter(p -> BLOB_ID.matcher(p.getFileName().toString()).matches())
          .flatMap(FileDataStore::statBlob);
    } catch (NoSuchFileException e) {
      return Stream.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list blobs in " + shard, e);
    }
  }

  private static Stream<StoredBlob> statBlob(Path file) {
    try {
      return Stream.of(
          new StoredBlob(
              file.getFileName().toString(), Files.getLastModifiedTime(file).toInstant()));
    } catch (NoSuchFileException e) {
      return Stream.empty(); // deleted since the listing
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stat blob " + file, e);
    }
  }

  @Override
  public void close() {
    // No shared handles: each writer and reader owns its channel.
  }

  private Path pathOf(String blobId) {
    if (blobId == null || !BLOB_ID.matcher(blobId).matches()) {
      throw new IllegalArgumentException("not a blob id: " + blobId);
    }
    return dir.resolve(blobId.substring(0, 2)).resolve(blobId);
  }
}
