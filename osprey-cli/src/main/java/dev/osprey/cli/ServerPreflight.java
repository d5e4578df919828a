package dev.osprey.cli;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

/**
 * What {@code osprey server} checks before it creates a data directory or keys: that its ports are
 * free. And how it words the failures that can only show once storage opens or a port binds: a data
 * directory in use, a port taken meanwhile.
 */
final class ServerPreflight {
  private ServerPreflight() {}

  /** Fails with one line naming the address when {@code host:port} cannot be bound. */
  static void requireFreePort(String what, String host, int port) throws IOException {
    if (port == 0) {
      return;
    }
    try (ServerSocket probe = new ServerSocket()) {
      // The server itself binds with SO_REUSEADDR (Netty's default on Linux), so probe the same
      // way: a port in TIME_WAIT after a restart is free for it.
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(host, port));
    } catch (BindException e) {
      throw taken(what, host, port);
    }
  }

  /** Rewords a start-up failure as one actionable line when it is one of the known ones. */
  static IOException explain(Exception e, Path data, String address, String adminAddress) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      String m = String.valueOf(c.getMessage());
      if (c instanceof BindException || m.contains("Address already in use")) {
        return new IOException(
            "cannot listen on "
                + address
                + " or "
                + adminAddress
                + ": address already in use; stop what uses it or choose another address",
            e);
      }
      if (m.contains("LOCK") || m.contains("lock hold")) {
        return new IOException(
            "data directory "
                + data.toAbsolutePath()
                + " is in use by another Osprey server; stop it or choose another --data",
            e);
      }
    }
    return e instanceof IOException io ? io : new IOException(e.getMessage(), e);
  }

  private static IOException taken(String what, String host, int port) {
    String flag = "main".equals(what) ? "--address" : "--admin-address";
    return new IOException(
        String.format(
            "port %d on %s (%s) is already in use; stop what uses it or choose another %s%s",
            port, host, what, flag, "main".equals(what) ? "" : " (or --admin-address off)"));
  }
}
