package dev.osprey.it;

import dev.osprey.server.OspreyServer;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One in-process Osprey for the whole black-box suite, on an ephemeral port with a temporary data
 * directory. Tests share it and stay out of each other's way by using their own buckets ({@link
 * Buckets#unique}).
 */
final class SharedServer {
  static final String ACCESS_KEY_ID = "LTAIospreyItRootKey0";
  static final String ACCESS_KEY_SECRET = "ospreyItRootSecret0123456789abc";

  private static OspreyServer server;

  private SharedServer() {}

  static synchronized OspreyServer get() {
    if (server == null) {
      try {
        server =
            OspreyServer.builder()
                .port(0)
                .tempDataDir()
                .rootCredentials(ACCESS_KEY_ID, ACCESS_KEY_SECRET)
                .bodyReadTimeout(java.time.Duration.ofSeconds(3))
                .build()
                .start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "osprey-it-shutdown"));
    }
    return server;
  }
}
