package dev.osprey.cli.bench;

import dev.osprey.protocol.Crc64;
import java.io.IOException;

/**
 * {@code append}: the writer appends {@code size}-byte chunks to its own objects in turn. Every
 * answer's {@code x-oss-next-append-position} must be the expected position and its {@code
 * x-oss-hash-crc64ecma} the CRC-64 of everything appended so far (spec: AppendObject's response
 * headers); at the end each object's length and CRC-64 are checked by HEAD and one full GET.
 */
final class AppendJob implements Job {
  private final OssClient client;
  private final BenchPlan plan;
  private final String[] keys;
  private final long[] position;
  private final long[] crc;
  private final boolean[] lost;
  private final Payload payload;
  private final long chunkCrc;
  private final TailRun tail;
  private int next;

  AppendJob(OssClient client, BenchPlan plan, int writer) {
    this(client, plan, writer, null);
  }

  /**
   * With {@code tail} not null (the {@code tail} workload, one object per writer), each
   * acknowledgement is told to it, and the object is left for its follower to check and remove.
   */
  AppendJob(OssClient client, BenchPlan plan, int writer, TailRun tail) {
    this.client = client;
    this.plan = plan;
    this.tail = tail;
    int n = plan.ownedBy(writer);
    keys = new String[n];
    for (int j = 0; j < n; j++) {
      keys[j] = plan.key(writer, j);
    }
    position = new long[n];
    crc = new long[n];
    lost = new boolean[n];
    payload = new Payload(plan.size(), writer);
    chunkCrc = payload.mark(writer);
  }

  @Override
  public void step(Tally t) throws IOException {
    int j = next;
    next = (next + 1) % keys.length;
    if (lost[j]) {
      return;
    }
    int len = payload.bytes.length;
    long t0 = System.nanoTime();
    Response r = client.append(plan.bucket(), keys[j], position[j], payload.bytes, len);
    long dt = System.nanoTime() - t0;
    if (r.status != 200) {
      t.error(r);
      resync(j);
      return;
    }
    long expectedPosition = position[j] + len;
    long expectedCrc = Crc64.combine(crc[j], chunkCrc, len);
    if (r.nextAppendPosition != expectedPosition) {
      t.checkFailed(
          "append "
              + keys[j]
              + " at "
              + position[j]
              + ": x-oss-next-append-position "
              + r.nextAppendPosition
              + ", expected "
              + expectedPosition);
    } else if (!r.hasCrc || r.crc != expectedCrc) {
      t.checkFailed(
          "append "
              + keys[j]
              + " at "
              + position[j]
              + ": "
              + ObjectChecks.crcText(r)
              + ", expected "
              + Long.toUnsignedString(expectedCrc));
    }
    position[j] = expectedPosition;
    crc[j] = expectedCrc;
    if (tail != null) {
      tail.acked(expectedPosition, t0 + dt);
    }
    t.ok(dt, len);
  }

  @Override
  public void recover() throws IOException {
    resync((next + keys.length - 1) % keys.length);
  }

  /**
   * After a failed append the bench no longer knows the object's end: it takes the server's word
   * (HEAD), or drops the object from the run when even that fails.
   */
  private void resync(int j) throws IOException {
    Response r = client.head(plan.bucket(), keys[j]);
    if (r.status == 404) {
      position[j] = 0;
      crc[j] = 0;
    } else if (r.status == 200 && r.hasCrc) {
      position[j] = r.contentLength;
      crc[j] = r.crc;
    } else {
      lost[j] = true;
    }
  }

  @Override
  public void verify(Tally t) throws IOException {
    if (tail != null) {
      tail.writerDone(lost[0] ? -2 : position[0]);
    }
    for (int j = 0; j < keys.length; j++) {
      if (!lost[j] && position[j] > 0) {
        ObjectChecks.verify(
            client, plan, new ObjectChecks.Expected(keys[j], position[j], crc[j]), t);
      }
    }
  }

  @Override
  public void cleanup() throws IOException {
    if (tail != null) {
      return; // the follower removes it once it has read it all
    }
    for (String key : keys) {
      client.delete(plan.bucket(), key);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
