package dev.osprey.client;

import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;
import com.aliyun.oss.model.OSSObject;
import dev.osprey.server.OspreyServer;
import dev.osprey.storage.SyncMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/** An in-process Osprey for this module's tests, and official SDK clients pointed at it. */
final class TestServer {
  static final String ID = "LTAIclientTestKey";
  static final String SECRET = "client-test-secret";

  /**
   * A thread for each background task of a test: the common pool may have a single worker on a
   * small machine, and a follower blocked on it would hold up every other task.
   */
  static final Executor THREADS =
      Executors.newThreadPerTaskExecutor(Thread.ofPlatform().daemon().name("test-", 0).factory());

  private static OspreyServer shared;

  private TestServer() {}

  /** One server for every test of the JVM (tests keep to buckets of their own). */
  static synchronized OspreyServer shared() {
    if (shared == null) {
      shared = start(0, null);
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "client-test-shutdown"));
    }
    return shared;
  }

  /** A server of its own on {@code port} (0: any), with data in {@code dir} (null: temporary). */
  static OspreyServer start(int port, Path dir) {
    OspreyServer.Builder b =
        OspreyServer.builder().port(port).rootCredentials(ID, SECRET).sync(SyncMode.NEVER);
    b = dir == null ? b.tempDataDir() : b.dataDir(dir);
    try {
      return b.build().start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A client with the SDK's default settings. */
  static OSS client(String endpoint) {
    return client(endpoint, conf -> {});
  }

  /** A client with settings changed by {@code tune}. */
  static OSS client(String endpoint, Consumer<ClientBuilderConfiguration> tune) {
    ClientBuilderConfiguration conf = new ClientBuilderConfiguration();
    tune.accept(conf);
    return new OSSClientBuilder().build(endpoint, ID, SECRET, conf);
  }

  static String uniqueBucket(String prefix) {
    return (prefix + "-" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
  }

  static String read(OSS oss, String bucket, String key) {
    try (OSSObject o = oss.getObject(bucket, key)) {
      return new String(o.getObjectContent().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
