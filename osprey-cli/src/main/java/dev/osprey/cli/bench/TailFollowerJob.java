package dev.osprey.cli.bench;

import dev.osprey.protocol.Crc64;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code tail}: follows one writer's object with Osprey's live tail, each step one long-polled GET
 * of the bytes from its position. Every answer must hold whole appends only (the visibility rule)
 * whose bytes are the writer's chunks, and carry the CRC-64 of the object up to them; at the end
 * the follower must reach where the writer stopped. It measures when each append reached it against
 * when the writer had its acknowledgement: the workload's delivery latency. Its requests are not
 * counted as operations: the run's ops and latency are the writers' appends.
 */
final class TailFollowerJob implements Job {
  /** How long the server may hold one request: the follower notices the end of the run as fast. */
  static final int WAIT_SECONDS = 1;

  /** How long the follower may take after the run to reach the writer's end. */
  private static final long CATCH_UP_NANOS = 10_000_000_000L;

  private final OssClient client;
  private final BenchPlan plan;
  private final String key;
  private final TailRun run;
  private final int size;
  private final long chunkCrc;
  private final LatencyHistogram delivery = new LatencyHistogram();
  private final List<long[]> received = new ArrayList<>(); // {end of an append, when it arrived}
  private long position;
  private long crc;
  private long readerFirst;

  TailFollowerJob(OssClient client, BenchPlan plan, int writer, TailRun run) {
    this.client = client;
    this.plan = plan;
    this.key = plan.key(writer, 0);
    this.run = run;
    this.size = plan.size();
    this.chunkCrc = new Payload(size, writer).mark(writer);
  }

  @Override
  public void step(Tally t) throws IOException {
    read(t, true);
  }

  /** One tail request; {@code measured} records when its appends arrived. */
  private void read(Tally t, boolean measured) throws IOException {
    Response r = client.tail(plan.bucket(), key, position, WAIT_SECONDS);
    long now = System.nanoTime();
    if (r.status == 206 && "data".equals(r.tail)) {
      accept(r, now, measured, t);
    } else if (!(r.status == 200 && "timeout".equals(r.tail))
        && !(r.status == 404 && position == 0)) {
      // 404 at 0: the writer has not created the object yet.
      t.error(r);
    }
  }

  private void accept(Response r, long now, boolean measured, Tally t) {
    long n = r.bodyLength;
    if (n % size != 0) {
      t.checkFailed(
          "tail " + key + " from " + position + ": " + n + " bytes, not whole appends of " + size);
    }
    long expected = crc;
    for (long end = position + size; end <= position + n; end += size) {
      expected = Crc64.combine(expected, chunkCrc, size);
      if (measured) {
        received.add(new long[] {end, now});
      }
    }
    long got = Crc64.combine(crc, r.bodyCrc, n);
    if (got != expected) {
      t.checkFailed("tail " + key + " from " + position + ": bytes are not the writer's appends");
    } else if (!r.hasCrc || r.crc != got) {
      t.checkFailed(
          "tail "
              + key
              + " from "
              + position
              + ": "
              + ObjectChecks.crcText(r)
              + ", expected "
              + Long.toUnsignedString(got));
    }
    position += n;
    crc = got;
  }

  /** Reads on until the writer's end, then turns arrival times into delivery latencies. */
  @Override
  public void verify(Tally t) throws IOException {
    long deadline = System.nanoTime() + CATCH_UP_NANOS;
    while (System.nanoTime() < deadline && (run.writerEnd() == -1 || position < run.writerEnd())) {
      read(t, false);
    }
    long end = run.writerEnd();
    if (end >= 0 && position != end) {
      t.checkFailed("tail " + key + ": follower at " + position + ", writer ended at " + end);
    }
    for (long[] arrival : received) {
      Long acked = run.ackedAt(arrival[0]);
      if (acked == null) {
        continue; // the writer never saw its answer (an error), or it came after the run
      }
      long d = arrival[1] - acked;
      if (d < 0) {
        readerFirst++; // the follower had the bytes before the writer had its answer
      }
      delivery.record(Math.max(0, d));
    }
  }

  /** Acknowledge → receive latencies; an append the follower had first counts as 0. */
  LatencyHistogram delivery() {
    return delivery;
  }

  /** Appends the follower received before their writer had the acknowledgement. */
  long readerFirst() {
    return readerFirst;
  }

  // No cleanup: the object is the writer's, whose job checks it and then removes it. Removing it
  // here raced with those checks (the follower often finishes first).

  @Override
  public void close() {
    client.close();
  }
}
