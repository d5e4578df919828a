package dev.osprey.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real size-limited file system for fault tests: {@code mount -t tmpfs -o size=N}. The tests run
 * as root (here and in CI); where a mount is impossible {@link #mount} fails with a message saying
 * so, so a test never skips silently.
 */
final class Tmpfs implements AutoCloseable {
  private final Path dir;

  private Tmpfs(Path dir) {
    this.dir = dir;
  }

  /** Mounts a tmpfs of {@code megabytes} MiB on {@code dir} (created if needed). */
  static Tmpfs mount(Path dir, int megabytes) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    String out =
        run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", dir.toString());
    if (out != null) {
      throw new AssertionError(
          "this test needs a real small file system and could not mount one: 'mount -t tmpfs -o"
              + " size="
              + megabytes
              + "m tmpfs "
              + dir
              + "' failed (it needs root, or CAP_SYS_ADMIN in a container): "
              + out);
    }
    return new Tmpfs(dir);
  }

  Path dir() {
    return dir;
  }

  /** Null when the command succeeded, else its output and exit code. */
  private static String run(String... command) throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      return e.toString();
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return "timed out";
    }
    return p.exitValue() == 0 ? null : "exit " + p.exitValue() + ": " + out.strip();
  }

  @Override
  public void close() throws IOException, InterruptedException {
    String out = run("umount", dir.toString());
    if (out != null) {
      run("umount", "-l", dir.toString());
    }
  }
}
