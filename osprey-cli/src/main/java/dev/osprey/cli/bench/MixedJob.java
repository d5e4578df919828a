package dev.osprey.cli.bench;

import dev.osprey.protocol.Crc64;
import java.io.IOException;
import java.util.SplittableRandom;

/**
 * {@code mixed}: each step picks, at random, GET 40%, HEAD 20%, PUT 20%, DELETE 10% or append 10%
 * on one of the writer's own objects (put before the clock starts) or on its own appendable object.
 * The writer knows what each object must hold, so every answer is checked: a GET or HEAD of a
 * deleted object must be 404 NoSuchKey, of a live one its length and CRC-64; a DELETE must be 204;
 * appends are checked as in {@link AppendJob}, and the appendable object once more at the end.
 */
final class MixedJob implements Job {
  private final OssClient client;
  private final BenchPlan plan;
  private final String[] keys;
  private final long[] crc;
  private final boolean[] exists;
  private final long[] number;
  private final Payload payload;
  private final String appendKey;
  private final long chunkCrc;
  private final long appendMark;
  private final SplittableRandom random;
  private long appendPosition;
  private long appendCrc;

  MixedJob(OssClient client, BenchPlan plan, int writer) {
    this.client = client;
    this.plan = plan;
    int n = Math.max(1, plan.ownedBy(writer));
    keys = new String[n];
    crc = new long[n];
    exists = new boolean[n];
    number = new long[n];
    for (int j = 0; j < n; j++) {
      keys[j] = plan.key(writer, j);
      number[j] = (long) j * plan.concurrent() + writer;
    }
    payload = new Payload(plan.size(), writer);
    appendKey = plan.prefix() + "a" + writer;
    appendMark = -1 - writer;
    chunkCrc = payload.mark(appendMark);
    random = new SplittableRandom(writer);
  }

  @Override
  public void prepare() throws IOException {
    for (int j = 0; j < keys.length; j++) {
      putObject(j, null);
    }
  }

  @Override
  public void step(Tally t) throws IOException {
    int pick = random.nextInt(100);
    int j = random.nextInt(keys.length);
    if (pick < 40) {
      read(j, false, t);
    } else if (pick < 60) {
      read(j, true, t);
    } else if (pick < 80) {
      putObject(j, t);
    } else if (pick < 90) {
      delete(j, t);
    } else {
      append(t);
    }
  }

  private void read(int j, boolean headOnly, Tally t) throws IOException {
    String op = headOnly ? "HEAD " : "GET ";
    long t0 = System.nanoTime();
    Response r =
        headOnly ? client.head(plan.bucket(), keys[j]) : client.get(plan.bucket(), keys[j]);
    long dt = System.nanoTime() - t0;
    if (!exists[j]) {
      // A HEAD answer has no body, so its 404 carries no code to check.
      boolean right = r.status == 404 && (headOnly || "NoSuchKey".equals(r.ossCode()));
      if (!right) {
        t.checkFailed(
            op + keys[j] + " after DELETE: HTTP " + r.status + ", expected 404 NoSuchKey");
      }
      t.ok(dt, 0);
      return;
    }
    if (r.status != 200) {
      t.error(r);
      return;
    }
    long length = headOnly ? r.contentLength : r.bodyLength;
    long got = headOnly ? r.crc : r.bodyCrc;
    if (length != plan.size() || got != crc[j] || (headOnly && !r.hasCrc)) {
      t.checkFailed(
          op
              + keys[j]
              + ": "
              + length
              + " bytes with CRC-64 "
              + Long.toUnsignedString(got)
              + ", expected "
              + plan.size()
              + " bytes with "
              + Long.toUnsignedString(crc[j]));
    }
    t.ok(dt, headOnly ? 0 : length);
  }

  /** Puts object {@code j}; untimed and unchecked when {@code t} is null (preparation). */
  private void putObject(int j, Tally t) throws IOException {
    long expected = payload.mark(number[j]);
    long t0 = System.nanoTime();
    Response r = client.put(plan.bucket(), keys[j], payload.bytes, payload.bytes.length);
    long dt = System.nanoTime() - t0;
    if (r.status != 200) {
      if (t == null) {
        throw new IOException("preparing " + keys[j] + ": HTTP " + r.status + " " + r.ossCode());
      }
      t.error(r);
      return;
    }
    exists[j] = true;
    crc[j] = expected;
    if (t != null) {
      if (!r.hasCrc || r.crc != expected) {
        t.checkFailed(
            "PUT "
                + keys[j]
                + ": "
                + ObjectChecks.crcText(r)
                + ", expected "
                + Long.toUnsignedString(expected));
      }
      t.ok(dt, payload.bytes.length);
    }
  }

  private void delete(int j, Tally t) throws IOException {
    long t0 = System.nanoTime();
    Response r = client.delete(plan.bucket(), keys[j]);
    long dt = System.nanoTime() - t0;
    if (r.status != 204) {
      t.error(r);
      return;
    }
    exists[j] = false;
    t.ok(dt, 0);
  }

  private void append(Tally t) throws IOException {
    payload.mark(appendMark);
    int len = payload.bytes.length;
    long t0 = System.nanoTime();
    Response r = client.append(plan.bucket(), appendKey, appendPosition, payload.bytes, len);
    long dt = System.nanoTime() - t0;
    if (r.status != 200) {
      t.error(r);
      recover();
      return;
    }
    long expectedCrc = Crc64.combine(appendCrc, chunkCrc, len);
    if (r.nextAppendPosition != appendPosition + len || !r.hasCrc || r.crc != expectedCrc) {
      t.checkFailed(
          "append "
              + appendKey
              + " at "
              + appendPosition
              + ": x-oss-next-append-position "
              + r.nextAppendPosition
              + ", "
              + ObjectChecks.crcText(r)
              + ", expected "
              + (appendPosition + len)
              + " and "
              + Long.toUnsignedString(expectedCrc));
    }
    appendPosition += len;
    appendCrc = expectedCrc;
    t.ok(dt, len);
  }

  /** Takes the server's word for the appendable object's end after a failure. */
  @Override
  public void recover() throws IOException {
    Response r = client.head(plan.bucket(), appendKey);
    if (r.status == 200 && r.hasCrc) {
      appendPosition = r.contentLength;
      appendCrc = r.crc;
    } else if (r.status == 404) {
      appendPosition = 0;
      appendCrc = 0;
    }
  }

  @Override
  public void verify(Tally t) throws IOException {
    if (appendPosition > 0) {
      ObjectChecks.verify(
          client, plan, new ObjectChecks.Expected(appendKey, appendPosition, appendCrc), t);
    }
  }

  @Override
  public void cleanup() throws IOException {
    for (String key : keys) {
      client.delete(plan.bucket(), key);
    }
    client.delete(plan.bucket(), appendKey);
  }

  @Override
  public void close() {
    client.close();
  }
}
