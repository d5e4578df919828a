package dev.osprey.it;

import static dev.osprey.it.Appends.append;
import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.GetObjectRequest;
import com.aliyun.oss.model.OSSObject;
import com.aliyun.oss.model.SealAppendObjectRequest;
import dev.osprey.server.OspreyServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Osprey's live tail (docs/append.md, "Live tail"): a GET with {@code x-osprey-tail=N} is held
 * until bytes past N are acknowledged, the object is sealed or deleted, or its wait passes; as
 * Server-Sent Events on {@code Accept: text/event-stream}. A plain GET is untouched.
 */
class LiveTailTest {
  private static final String BUCKET = Buckets.unique("live-tail");
  private static final Pattern EVENT =
      Pattern.compile("event: (\\w+)\nid: (\\d+)\ndata: (\\{[^\n]*\\})\n\n");
  private static OSS v1;
  private static OSS v4;

  @BeforeAll
  static void createBucket() {
    v1 = Clients.shared("V1");
    v4 = Clients.shared("V4");
    v1.createBucket(BUCKET);
  }

  @AfterAll
  static void shutdown() {
    v1.shutdown();
    v4.shutdown();
  }

  /** A GET of the bytes from {@code position}, waiting up to {@code waitSeconds} for them. */
  private static GetObjectRequest tail(String key, long position, int waitSeconds) {
    GetObjectRequest get = new GetObjectRequest(BUCKET, key);
    get.setRange(position, -1); // what a server without the tail answers: a plain ranged read
    get.addParameter("x-osprey-tail", Long.toString(position));
    get.addParameter("x-osprey-wait", Integer.toString(waitSeconds));
    return get;
  }

  private static String header(OSSObject o, String name) {
    return String.valueOf(o.getResponse().getHeaders().get(name));
  }

  /** Returns once {@code n} tail reads wait on the shared server (they hold no thread). */
  private static void awaitWaiting(OspreyServer server, int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (server.tailReadsWaiting() < n) {
      assertThat(System.nanoTime()).as("a tail read waiting").isLessThan(deadline);
      Thread.sleep(1);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"V1", "V4"})
  void aWaiterWokenByAnAppendGetsExactlyTheNewBytes(String signature) throws Exception {
    OSS oss = signature.equals("V1") ? v1 : v4;
    String key = "woken-" + signature + ".log";
    append(oss, BUCKET, key, 0, "first line\n");
    int before = SharedServer.get().tailReadsWaiting();
    CompletableFuture<OSSObject> waiting =
        CompletableFuture.supplyAsync(() -> oss.getObject(tail(key, 11, 30)));
    awaitWaiting(SharedServer.get(), before + 1);
    assertThat(waiting).isNotDone();
    append(oss, BUCKET, key, 11, "second line\n");
    try (OSSObject o = waiting.get(10, TimeUnit.SECONDS)) {
      assertThat(header(o, "x-osprey-tail")).isEqualTo("data");
      assertThat(o.getObjectContent().readAllBytes())
          .asString(StandardCharsets.UTF_8)
          .isEqualTo("second line\n");
      assertThat(header(o, "Content-Range")).isEqualTo("bytes 11-22/23");
      assertThat(header(o, "x-oss-next-append-position")).isEqualTo("23");
    }
  }

  @Test
  void bytesAlreadyThereAreAnsweredAtOnce() throws IOException {
    append(v1, BUCKET, "ready.log", 0, "0123456789");
    try (OSSObject o = v1.getObject(tail("ready.log", 4, 30))) {
      assertThat(header(o, "x-osprey-tail")).isEqualTo("data");
      assertThat(o.getObjectContent().readAllBytes()).asString().isEqualTo("456789");
    }
  }

  @Test
  void anObjectNotCreatedYetIsWaitedForFromPositionZero() throws Exception {
    int before = SharedServer.get().tailReadsWaiting();
    CompletableFuture<OSSObject> waiting =
        CompletableFuture.supplyAsync(() -> v1.getObject(tail("later.log", 0, 30)));
    awaitWaiting(SharedServer.get(), before + 1);
    append(v1, BUCKET, "later.log", 0, "born");
    try (OSSObject o = waiting.get(10, TimeUnit.SECONDS)) {
      assertThat(o.getObjectContent().readAllBytes()).asString().isEqualTo("born");
    }
  }

  @Test
  void aWaitWithNothingNewAnswersTimeoutWithTheObjectsState() throws IOException {
    append(v1, BUCKET, "quiet.log", 0, "abc");
    try (OSSObject o = v1.getObject(tail("quiet.log", 3, 1))) {
      assertThat(o.getResponse().getStatusCode()).isEqualTo(200);
      assertThat(header(o, "x-osprey-tail")).isEqualTo("timeout");
      assertThat(header(o, "x-oss-next-append-position")).isEqualTo("3");
      assertThat(o.getObjectContent().readAllBytes()).isEmpty();
    }
  }

  @Test
  void aSealEndsTheWait() throws Exception {
    append(v1, BUCKET, "sealing.log", 0, "abc");
    int before = SharedServer.get().tailReadsWaiting();
    CompletableFuture<OSSObject> waiting =
        CompletableFuture.supplyAsync(() -> v1.getObject(tail("sealing.log", 3, 30)));
    awaitWaiting(SharedServer.get(), before + 1);
    v1.sealAppendObject(new SealAppendObjectRequest(BUCKET, "sealing.log").withPosition(3L));
    try (OSSObject o = waiting.get(10, TimeUnit.SECONDS)) {
      assertThat(header(o, "x-osprey-tail")).isEqualTo("end");
      assertThat(o.getObjectMetadata().getSealedTime()).isNotNull();
      assertThat(o.getObjectContent().readAllBytes()).isEmpty();
    }
    // Read to the end of a sealed object: answered at once.
    try (OSSObject o = v1.getObject(tail("sealing.log", 3, 30))) {
      assertThat(header(o, "x-osprey-tail")).isEqualTo("end");
    }
  }

  @Test
  void aDeleteEndsTheWaitWithNoSuchKey() throws Exception {
    append(v1, BUCKET, "doomed.log", 0, "abc");
    RawRequest get =
        RawRequest.of("GET", BUCKET, "doomed.log")
            .query("x-osprey-tail", "3")
            .query("x-osprey-wait", "30");
    int before = SharedServer.get().tailReadsWaiting();
    CompletableFuture<RawResponse> waiting =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return RawConnection.exchange(get);
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    awaitWaiting(SharedServer.get(), before + 1);
    v1.deleteObject(BUCKET, "doomed.log");
    RawResponse r = waiting.get(10, TimeUnit.SECONDS);
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.errorCode()).isEqualTo("NoSuchKey");
    assertThat(r.header("x-osprey-tail")).isEqualTo("deleted");
    assertThat(r.error().get("RequestId")).matches(OssErrors.REQUEST_ID_SHAPE);
  }

  @Test
  void anEventStreamCarriesTheNewBytesAndEndsOnSeal() throws Exception {
    append(v1, BUCKET, "events.log", 0, "abc");
    RawRequest get =
        RawRequest.of("GET", BUCKET, "events.log")
            .query("x-osprey-tail", "1")
            .header("Accept", "text/event-stream");
    try (RawConnection c = new RawConnection()) {
      int before = SharedServer.get().tailReadsWaiting();
      c.write(get.bytes());
      awaitWaiting(SharedServer.get(), before + 1);
      append(v1, BUCKET, "events.log", 3, "def");
      append(v1, BUCKET, "events.log", 6, "ghi");
      v1.sealAppendObject(new SealAppendObjectRequest(BUCKET, "events.log").withPosition(9L));
      RawResponse r = c.read(false);
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.header("content-type")).isEqualTo("text/event-stream");
      assertThat(r.header("x-osprey-tail")).isEqualTo("events");
      StringBuilder bytes = new StringBuilder();
      List<String> kinds = new ArrayList<>();
      long lastId = -1;
      Matcher m = EVENT.matcher(r.text());
      while (m.find()) {
        kinds.add(m.group(1));
        long id = Long.parseLong(m.group(2));
        assertThat(id).isGreaterThanOrEqualTo(lastId);
        lastId = id;
        if (m.group(1).equals("append")) {
          Matcher b = Pattern.compile("\"bytes\":\"([^\"]*)\"").matcher(m.group(3));
          assertThat(b.find()).isTrue();
          bytes.append(new String(Base64.getDecoder().decode(b.group(1)), StandardCharsets.UTF_8));
          assertThat(m.group(3)).contains("\"next\":" + id);
        }
      }
      assertThat(bytes.toString()).isEqualTo("bcdefghi");
      assertThat(kinds).last().isEqualTo("end");
      assertThat(r.text()).contains("\"reason\":\"sealed\"");
      assertThat(lastId).isEqualTo(9);
    }
  }

  @Test
  void anEventStreamResumesFromLastEventId() throws Exception {
    append(v1, BUCKET, "resume.log", 0, "0123456789");
    v1.sealAppendObject(new SealAppendObjectRequest(BUCKET, "resume.log").withPosition(10L));
    RawResponse r =
        RawConnection.exchange(
            RawRequest.of("GET", BUCKET, "resume.log")
                .query("x-osprey-tail", "0")
                .query("x-osprey-tail-format", "sse")
                .header("Last-Event-ID", "7"));
    Matcher m = EVENT.matcher(r.text());
    assertThat(m.find()).isTrue();
    assertThat(m.group(3)).contains("\"position\":7").contains("\"next\":10");
    assertThat(m.group(3))
        .contains("\"bytes\":\"" + Base64.getEncoder().encodeToString("789".getBytes()) + "\"");
  }

  @Test
  void aPlainGetIsUnchanged() throws IOException {
    append(v1, BUCKET, "plain.log", 0, "plain bytes");
    RawResponse r = RawConnection.exchange(RawRequest.of("GET", BUCKET, "plain.log"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.text()).isEqualTo("plain bytes");
    assertThat(r.header("x-osprey-tail")).isNull();
    assertThat(r.header("content-length")).isEqualTo("11");
    RawResponse ranged =
        RawConnection.exchange(
            RawRequest.of("GET", BUCKET, "plain.log").header("Range", "bytes=6-"));
    assertThat(ranged.status()).isEqualTo(206);
    assertThat(ranged.text()).isEqualTo("bytes");
    assertThat(ranged.header("x-osprey-tail")).isNull();
  }

  @Test
  void badArgumentsAreInvalidArgument() throws IOException {
    append(v1, BUCKET, "args.log", 0, "abc");
    for (String[] q :
        new String[][] {
          {"x-osprey-tail", "abc"},
          {"x-osprey-tail", "-1"},
          {"x-osprey-wait", "61"},
          {"x-osprey-tail-format", "json"},
          {"versionId", "null"}
        }) {
      RawRequest get = RawRequest.of("GET", BUCKET, "args.log");
      if (!q[0].equals("x-osprey-tail")) {
        get.query("x-osprey-tail", "0");
      }
      RawResponse r = RawConnection.exchange(get.query(q[0], q[1]));
      assertThat(r.status()).as("%s=%s", q[0], q[1]).isEqualTo(400);
      assertThat(r.errorCode()).isEqualTo("InvalidArgument");
    }
  }

  @Test
  void aPositionPastTheEndIsInvalidRange() throws IOException {
    append(v1, BUCKET, "short.log", 0, "abc");
    RawResponse r =
        RawConnection.exchange(
            RawRequest.of("GET", BUCKET, "short.log").query("x-osprey-tail", "4"));
    assertThat(r.status()).isEqualTo(416);
    assertThat(r.errorCode()).isEqualTo("InvalidRange");
    assertThat(r.header("x-osprey-tail")).isEqualTo("error");
  }

  @Test
  void aClientThatHangsUpGivesItsPlaceBackAtOnce() throws Exception {
    try (OspreyServer server =
        OspreyServer.builder()
            .port(0)
            .tempDataDir()
            .rootCredentials(SharedServer.ACCESS_KEY_ID, SharedServer.ACCESS_KEY_SECRET)
            .maxTailWaiters(1)
            .build()
            .start()) {
      OSS oss =
          Clients.sdk(
              server.endpoint(), "V1", SharedServer.ACCESS_KEY_ID, SharedServer.ACCESS_KEY_SECRET);
      try {
        oss.createBucket(BUCKET);
        append(oss, BUCKET, "hang-up.log", 0, "abc");
        RawRequest wait60 =
            RawRequest.of("GET", BUCKET, "hang-up.log")
                .host("127.0.0.1:" + server.port())
                .query("x-osprey-tail", "3")
                .query("x-osprey-wait", "60");
        try (RawConnection c = new RawConnection(server.port())) {
          c.write(wait60.bytes());
          awaitWaiting(server, 1);
        } // hung up, 60 s before the wait would end
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.tailReadsWaiting() > 0) {
          assertThat(System.nanoTime()).as("the place given back").isLessThan(deadline);
          Thread.sleep(1);
        }
        // The only place is free again: the next reader waits instead of being refused.
        CompletableFuture<OSSObject> next =
            CompletableFuture.supplyAsync(
                () -> {
                  GetObjectRequest get = new GetObjectRequest(BUCKET, "hang-up.log");
                  get.addParameter("x-osprey-tail", "3");
                  get.addParameter("x-osprey-wait", "30");
                  return oss.getObject(get);
                });
        awaitWaiting(server, 1);
        append(oss, BUCKET, "hang-up.log", 3, "def");
        try (OSSObject o = next.get(20, TimeUnit.SECONDS)) {
          assertThat(header(o, "x-osprey-tail")).isEqualTo("data");
          assertThat(o.getObjectContent().readAllBytes()).asString().isEqualTo("def");
        }
      } finally {
        oss.shutdown();
      }
    }
  }

  @Test
  void waitersAreBoundedAndAnsweredWhenTheServerStops() throws Exception {
    try (OspreyServer server =
        OspreyServer.builder()
            .port(0)
            .tempDataDir()
            .rootCredentials(SharedServer.ACCESS_KEY_ID, SharedServer.ACCESS_KEY_SECRET)
            .maxTailWaiters(1)
            .shutdownGrace(Duration.ofSeconds(10))
            .build()
            .start()) {
      OSS oss =
          Clients.sdk(
              server.endpoint(), "V1", SharedServer.ACCESS_KEY_ID, SharedServer.ACCESS_KEY_SECRET);
      try {
        oss.createBucket(BUCKET);
        append(oss, BUCKET, "one.log", 0, "abc");
        CompletableFuture<OSSObject> first =
            CompletableFuture.supplyAsync(
                () -> {
                  GetObjectRequest get = new GetObjectRequest(BUCKET, "one.log");
                  get.addParameter("x-osprey-tail", "3");
                  get.addParameter("x-osprey-wait", "60");
                  return oss.getObject(get);
                });
        awaitWaiting(server, 1);
        RawResponse second;
        try (RawConnection c = new RawConnection(server.port())) {
          second =
              c.send(
                  RawRequest.of("GET", BUCKET, "one.log")
                      .host("127.0.0.1:" + server.port())
                      .query("x-osprey-tail", "3"));
        }
        assertThat(second.status()).isEqualTo(503);
        assertThat(second.errorCode()).isEqualTo("ServiceUnavailable");
        assertThat(second.header("x-osprey-tail")).isEqualTo("busy");
        // Stopping answers the waiter at once instead of cutting it off after the grace period.
        server.close();
        try (OSSObject o = first.get(10, TimeUnit.SECONDS)) {
          assertThat(header(o, "x-osprey-tail")).isEqualTo("timeout");
        }
      } finally {
        oss.shutdown();
      }
    }
  }
}
