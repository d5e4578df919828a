package dev.osprey.cli.bench;

import java.io.IOException;

/**
 * An anonymous GET that must get one fixed answer: the server's cheapest answer (a key in a bucket
 * that does not exist: 404 NoSuchBucket) or nginx's static file (200 with its length).
 *
 * @param expectedStatus the HTTP status the answer must have
 * @param expect its OSS code and body length
 */
record StaticGetJob(OssClient client, String bucket, String key, int expectedStatus, Expect expect)
    implements Job {

  /** The answer's code (or null) and body length (or -1). */
  record Expect(String code, long length) {}

  @Override
  public void step(Tally t) throws IOException {
    long t0 = System.nanoTime();
    Response r = client.anonymousGet(bucket, key);
    long dt = System.nanoTime() - t0;
    boolean right =
        r.status == expectedStatus
            && (expect.code() == null || expect.code().equals(r.ossCode()))
            && (expect.length() < 0 || r.bodyLength == expect.length());
    if (!right) {
      t.error(r);
      return;
    }
    t.ok(dt, r.bodyLength);
  }

  @Override
  public void close() {
    client.close();
  }
}
