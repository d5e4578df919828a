package dev.osprey.storage.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The one place that knows how to make a blob durable on a POSIX file system. A blob is
 * acknowledged (by the metadata commit that names it) only after {@link #syncNewBlob} or {@link
 * #syncAppend} returned.
 */
public final class FileDurability {
  private FileDurability() {}

  /**
   * A blob created by this write: its bytes AND its name must survive a crash.
   *
   * <ol>
   *   <li>{@code force(false)} (fdatasync): the data blocks and the size reach the disk; other
   *       inode metadata such as mtime is not needed to read the bytes back, so we skip its cost.
   *   <li>fsync of the directory: a new file's directory entry lives in the directory, not in the
   *       file; without this, a crash can leave metadata pointing at a blob whose name was never
   *       persisted.
   * </ol>
   */
  static void syncNewBlob(FileChannel channel, Path directory) throws IOException {
    channel.force(false);
    syncDirectory(directory);
  }

  /**
   * Bytes appended to an existing blob: fdatasync is enough, because the name is already durable
   * and fdatasync covers the file size change that makes the new bytes reachable.
   */
  static void syncAppend(FileChannel channel) throws IOException {
    channel.force(false);
  }

  /**
   * Replaces a small file whole so that after a crash it holds either the old content or the new,
   * never a mix: write a temporary sibling created with {@code permissions} (so a secret is never
   * readable by others, not even for a moment), fsync it, rename it over the target (atomic within
   * a directory), fsync the directory so the rename itself survives.
   */
  public static void replaceAtomically(
      Path target, byte[] content, Set<PosixFilePermission> permissions) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    Files.createFile(tmp, PosixFilePermissions.asFileAttribute(permissions));
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(content);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    syncDirectory(target.toAbsolutePath().getParent());
  }

  /** Persists the entries (creations, deletions) of {@code directory}. */
  public static void syncDirectory(Path directory) throws IOException {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    }
  }
}
