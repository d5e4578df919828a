package dev.osprey.server.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.server.api.OssResponse;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadCallbacksTest {
  @TempDir Path dataDir;

  private static UploadFacts facts(String key) {
    return new UploadFacts(
        "b", key, "ETAG", 1, "text/plain", "0", null, "127.0.0.1", "req", "PutObject");
  }

  @Test
  void aCallbackPastTheConcurrencyBoundFailsAtOnceAndTheOneRunningStillAnswers() throws Exception {
    CountDownLatch arrived = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    HttpServer app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    app.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          arrived.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          byte[] answer = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    app.setExecutor(Executors.newCachedThreadPool());
    app.start();
    ExecutorService uploads = Executors.newSingleThreadExecutor();
    try {
      UploadCallbacks callbacks =
          new UploadCallbacks(
              new CallbackSigner(dataDir), () -> null, CallbackHostPolicy.parse("127.0.0.1"), 1);
      CallbackSpec spec =
          new CallbackSpec(
              List.of(URI.create("http://127.0.0.1:" + app.getAddress().getPort() + "/cb")),
              null,
              "object=${object}",
              false,
              false,
              Map.of());
      Future<OssResponse> first =
          uploads.submit(() -> callbacks.answer(spec, facts("one"), OssResponse.ok()));
      arrived.await();

      assertThatThrownBy(
              () -> callbacks.answer(spec, facts("two"), OssResponse.ok().header("ETag", "\"E\"")))
          .isInstanceOfSatisfying(
              OssException.class,
              e -> {
                assertThat(e.code()).isEqualTo(OssErrorCode.CALLBACK_FAILED);
                assertThat(e.getMessage()).contains("Too many upload callbacks");
                assertThat(e.headers()).containsEntry("ETag", "\"E\"");
              });

      release.countDown();
      OssResponse answered = first.get();
      assertThat(answered.status()).isEqualTo(200);
      assertThat(((OssResponse.BytesBody) answered.body()).bytes())
          .asString(StandardCharsets.UTF_8)
          .isEqualTo("{\"ok\":true}");
      // the bound is free again
      CompletableFuture<OssResponse> again =
          CompletableFuture.supplyAsync(
              () -> callbacks.answer(spec, facts("three"), OssResponse.ok()), uploads);
      assertThat(again.get().status()).isEqualTo(200);
    } finally {
      release.countDown();
      uploads.shutdownNow();
      app.stop(0);
    }
  }
}
