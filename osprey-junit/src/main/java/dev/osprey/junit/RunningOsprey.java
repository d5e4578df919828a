package dev.osprey.junit;

import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.OSS;
import dev.osprey.server.OspreyServer;
import dev.osprey.storage.SyncMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * One started server with its shared client, kept in a JUnit store: the store closes it (client,
 * then server and its temporary directory) when the scope that owns it ends.
 */
final class RunningOsprey implements AutoCloseable {
  private final OspreyServer server;
  private final OspreyConnection connection;
  private final OSS client;
  private final Duration startup;

  private RunningOsprey(OspreyServer server, Duration startup) {
    this.server = server;
    this.startup = startup;
    this.connection =
        new OspreyConnection(
            server.endpoint(),
            server.credentials().accessKeyId(),
            server.credentials().accessKeySecret(),
            server.config().region());
    this.client = connection.newClient(new ClientBuilderConfiguration());
  }

  /** Starts a server on an ephemeral loopback port with its data in a new temporary directory. */
  static RunningOsprey start(SyncMode sync) {
    long t0 = System.nanoTime();
    try {
      OspreyServer server =
          OspreyServer.builder()
              .host("127.0.0.1")
              .port(0)
              .tempDataDir()
              .sync(sync)
              .shutdownGrace(Duration.ofSeconds(5))
              .build()
              .start();
      return new RunningOsprey(server, Duration.ofNanos(System.nanoTime() - t0));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start Osprey for the test", e);
    }
  }

  OspreyServer server() {
    return server;
  }

  OspreyConnection connection() {
    return connection;
  }

  OSS client() {
    return client;
  }

  /** How long the server took to start and the client to be built. */
  Duration startup() {
    return startup;
  }

  @Override
  public void close() {
    try {
      client.shutdown();
    } finally {
      server.close();
    }
  }
}
