package dev.osprey.cli.bench;

import java.io.IOException;

/**
 * {@code put}, {@code get}, {@code head} and {@code list} over one writer's objects, in turn.
 *
 * <ul>
 *   <li>put: PutObject of {@code size} bytes; the answer's {@code x-oss-hash-crc64ecma} must be the
 *       CRC-64 of what was sent.
 *   <li>get: GetObject of objects put before the clock started; the body's length and CRC-64 must
 *       be those put.
 *   <li>head: HeadObject of the same; Content-Length and CRC-64 must be those put.
 *   <li>list: ListObjects of the run's prefix, 100 keys a page; the page must hold {@code min(100,
 *       objects)} keys.
 * </ul>
 */
final class ObjectJob implements Job {
  static final int LIST_PAGE = 100;

  enum Mode {
    PUT,
    GET,
    HEAD,
    LIST
  }

  private final OssClient client;
  private final BenchPlan plan;
  private final Mode mode;
  private final String[] keys;
  private final long[] crc;
  private final long[] number;
  private final Payload payload;
  private int next;

  ObjectJob(OssClient client, BenchPlan plan, int writer, Mode mode) {
    this.client = client;
    this.plan = plan;
    this.mode = mode;
    int n = plan.ownedBy(writer);
    keys = new String[n];
    crc = new long[n];
    number = new long[n];
    for (int j = 0; j < n; j++) {
      keys[j] = plan.key(writer, j);
      number[j] = (long) j * plan.concurrent() + writer;
    }
    payload = new Payload(plan.size(), writer);
  }

  @Override
  public void prepare() throws IOException {
    for (int j = 0; j < keys.length; j++) {
      crc[j] = payload.mark(number[j]);
      if (mode != Mode.PUT) {
        Response r = client.put(plan.bucket(), keys[j], payload.bytes, payload.bytes.length);
        if (r.status != 200) {
          throw new IOException("preparing " + keys[j] + ": HTTP " + r.status + " " + r.ossCode());
        }
      }
    }
  }

  @Override
  public void step(Tally t) throws IOException {
    if (keys.length == 0) {
      return;
    }
    int j = next;
    next = (next + 1) % keys.length;
    switch (mode) {
      case PUT -> put(j, t);
      case GET -> get(j, t);
      case HEAD -> head(j, t);
      case LIST -> list(t);
    }
  }

  private void put(int j, Tally t) throws IOException {
    payload.mark(number[j]);
    long t0 = System.nanoTime();
    Response r = client.put(plan.bucket(), keys[j], payload.bytes, payload.bytes.length);
    long dt = System.nanoTime() - t0;
    if (r.status != 200) {
      t.error(r);
      return;
    }
    if (!r.hasCrc || r.crc != crc[j]) {
      t.checkFailed(
          "PUT "
              + keys[j]
              + ": "
              + ObjectChecks.crcText(r)
              + ", expected "
              + Long.toUnsignedString(crc[j]));
    }
    t.ok(dt, payload.bytes.length);
  }

  private void get(int j, Tally t) throws IOException {
    long t0 = System.nanoTime();
    Response r = client.get(plan.bucket(), keys[j]);
    long dt = System.nanoTime() - t0;
    if (r.status != 200) {
      t.error(r);
      return;
    }
    if (r.bodyLength != plan.size() || r.bodyCrc != crc[j]) {
      t.checkFailed(
          "GET "
              + keys[j]
              + ": "
              + r.bodyLength
              + " bytes with CRC-64 "
              + Long.toUnsignedString(r.bodyCrc)
              + ", expected "
              + plan.size()
              + " bytes with "
              + Long.toUnsignedString(crc[j]));
    }
    t.ok(dt, r.bodyLength);
  }

  private void head(int j, Tally t) throws IOException {
    long t0 = System.nanoTime();
    Response r = client.head(plan.bucket(), keys[j]);
    long dt = System.nanoTime() - t0;
    if (r.status != 200) {
      t.error(r);
      return;
    }
    if (r.contentLength != plan.size() || !r.hasCrc || r.crc != crc[j]) {
      t.checkFailed(
          "HEAD "
              + keys[j]
              + ": Content-Length "
              + r.contentLength
              + ", "
              + ObjectChecks.crcText(r)
              + ", expected "
              + plan.size()
              + " and "
              + Long.toUnsignedString(crc[j]));
    }
    t.ok(dt, 0);
  }

  private void list(Tally t) throws IOException {
    long t0 = System.nanoTime();
    Response r = client.list(plan.bucket(), plan.prefix(), LIST_PAGE);
    long dt = System.nanoTime() - t0;
    if (r.status != 200) {
      t.error(r);
      return;
    }
    int expected = Math.min(LIST_PAGE, plan.objects());
    int keysListed = r.count("<Key>");
    if (keysListed != expected) {
      t.checkFailed(
          "ListObjects " + plan.prefix() + ": " + keysListed + " keys, expected " + expected);
    }
    t.ok(dt, r.bodyLength);
  }

  @Override
  public void cleanup() throws IOException {
    for (String key : keys) {
      client.delete(plan.bucket(), key);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
