package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.model.AppendObjectRequest;
import com.aliyun.oss.model.OSSObject;
import dev.osprey.protocol.Crc64;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Racing appenders and readers on one key through the SDK (spec §1.2 concurrency note; ARCHITECTURE
 * invariants 2 and 3). Writers that lose a race get PositionNotEqualToLength, HEAD for the new
 * length and retry, as OSS's own example flow does. Each chunk is one line {@code
 * W<w>C<c>:<letters>\n}, so any byte sequence can be checked for whole chunks.
 */
class AppendConcurrencyTest {
  private static final String BUCKET = Buckets.unique("append-race");
  private static final int WRITERS = 8;
  private static final int CHUNKS_PER_WRITER = 12;
  private static final int READERS = 3;
  private static OSS oss;

  @BeforeAll
  static void createBucket() {
    oss = Clients.shared("V1");
    oss.createBucket(BUCKET);
  }

  @AfterAll
  static void shutdown() {
    oss.shutdown();
  }

  @Test
  void racingWritersEachLandEveryChunkOnceAndReadersSeeWholePrefixes() throws Exception {
    String key = "race.log";
    oss.appendObject(request(key, 0, new byte[0]));
    Set<String> expected = ConcurrentHashMap.newKeySet();
    AtomicLong acknowledged = new AtomicLong();
    AtomicInteger lostRaces = new AtomicInteger();
    AtomicBoolean writing = new AtomicBoolean(true);
    List<String> readerViews = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS + READERS);
    try {
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        writers.add(
            pool.submit(
                () -> {
                  start.await();
                  Random random = new Random(writer);
                  for (int c = 0; c < CHUNKS_PER_WRITER; c++) {
                    String chunk = chunk(writer, c, random);
                    expected.add(chunk);
                    long end =
                        appendUntilAccepted(
                            key, chunk.getBytes(StandardCharsets.US_ASCII), lostRaces);
                    acknowledged.accumulateAndGet(end, Math::max);
                  }
                  return null;
                }));
      }
      List<Future<Integer>> readers = new ArrayList<>();
      for (int r = 0; r < READERS; r++) {
        readers.add(
            pool.submit(() -> readWhileWriting(key, writing, acknowledged, readerViews, start)));
      }
      start.countDown();
      for (Future<?> f : writers) {
        f.get(120, TimeUnit.SECONDS);
      }
      writing.set(false);
      for (Future<Integer> f : readers) {
        assertThat(f.get(60, TimeUnit.SECONDS)).as("reads per reader").isPositive();
      }
    } finally {
      pool.shutdownNow();
    }

    byte[] content;
    try (OSSObject o = oss.getObject(BUCKET, key)) {
      content = o.getObjectContent().readAllBytes();
    }
    long expectedLength = expected.stream().mapToLong(String::length).sum();
    assertThat(content.length).isEqualTo(expectedLength);
    List<String> lines = wholeChunks(new String(content, StandardCharsets.US_ASCII));
    assertThat(lines).hasSize(WRITERS * CHUNKS_PER_WRITER);
    assertThat(new HashSet<>(lines)).isEqualTo(expected);
    assertThat(oss.headObject(BUCKET, key).getServerCRC())
        .isEqualTo(Crc64.update(0, content, 0, content.length));
    String finalText = new String(content, StandardCharsets.US_ASCII);
    for (String view : readerViews) {
      assertThat(finalText).startsWith(view);
    }
    // Not an assertion of the server, a check that the test really raced: with 8 writers some
    // appends must lose.
    assertThat(lostRaces.get()).as("lost races").isPositive();
  }

  /**
   * Appends at the length from a fresh HEAD until the server accepts; returns the acknowledged next
   * position.
   */
  private static long appendUntilAccepted(String key, byte[] chunk, AtomicInteger lostRaces) {
    long position = oss.headObject(BUCKET, key).getContentLength();
    while (true) {
      try {
        return oss.appendObject(request(key, position, chunk)).getNextPosition();
      } catch (OSSException e) {
        assertThat(e.getErrorCode()).isEqualTo("PositionNotEqualToLength");
        lostRaces.incrementAndGet();
        position = oss.headObject(BUCKET, key).getContentLength();
      }
    }
  }

  /**
   * Reads until the writers finish. Every read: Content-Length equals the bytes received, the bytes
   * are whole chunks, the length never shrinks, and it includes every append acknowledged before
   * the read began.
   */
  private static int readWhileWriting(
      String key,
      AtomicBoolean writing,
      AtomicLong acknowledged,
      List<String> views,
      CountDownLatch start)
      throws Exception {
    start.await();
    long previous = 0;
    int reads = 0;
    do {
      long ackedBefore = acknowledged.get();
      byte[] bytes;
      long announced;
      try (OSSObject o = oss.getObject(BUCKET, key)) {
        announced = o.getObjectMetadata().getContentLength();
        bytes = o.getObjectContent().readAllBytes();
      }
      assertThat((long) bytes.length).as("Content-Length vs bytes received").isEqualTo(announced);
      assertThat((long) bytes.length).as("length never shrinks").isGreaterThanOrEqualTo(previous);
      assertThat((long) bytes.length)
          .as("acknowledged appends are visible")
          .isGreaterThanOrEqualTo(ackedBefore);
      String text = new String(bytes, StandardCharsets.US_ASCII);
      wholeChunks(text);
      views.add(text);
      previous = bytes.length;
      reads++;
    } while (writing.get());
    return reads;
  }

  /**
   * Splits into lines, asserting each is a complete chunk (so no read ever ends inside an append).
   */
  private static List<String> wholeChunks(String text) {
    assertThat(text.isEmpty() || text.endsWith("\n")).as("ends on a chunk boundary").isTrue();
    List<String> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isEmpty()) {
        assertThat(line).matches("W\\d+C\\d+:[a-z]+");
        out.add(line + "\n");
      }
    }
    return out;
  }

  private static String chunk(int writer, int index, Random random) {
    StringBuilder sb = new StringBuilder("W").append(writer).append('C').append(index).append(':');
    int letters = 50 + random.nextInt(4000);
    for (int i = 0; i < letters; i++) {
      sb.append((char) ('a' + random.nextInt(26)));
    }
    return sb.append('\n').toString();
  }

  private static AppendObjectRequest request(String key, long position, byte[] data) {
    AppendObjectRequest r = new AppendObjectRequest(BUCKET, key, new ByteArrayInputStream(data));
    r.setPosition(position);
    return r;
  }
}
