package dev.osprey.server.callback;

import dev.osprey.auth.policy.Json;
import dev.osprey.protocol.Headers;
import dev.osprey.protocol.Limits;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.server.api.OssResponse;
import dev.osprey.server.callback.CallbackClient.Answer;
import dev.osprey.server.callback.CallbackClient.CallbackException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Upload callbacks (docs/callbacks.md), the one entry point for every upload that supports them
 * (PutObject, CompleteMultipartUpload, PostObject): {@link #prepare} reads and checks {@code
 * x-oss-callback} before anything is stored (InvalidArgument), {@link #answer} runs the callback
 * once the object is durable and turns the upload's response into what OSS answers: 200 with the
 * application's JSON body, or 203 CallbackFailed with the object stored either way.
 *
 * <p>The callback is a POST to each URL in turn until one answers 200 with a JSON body, within
 * {@link #TIMEOUT} each; signed with the server's RSA key ({@link CallbackSigner}); to hosts the
 * {@link CallbackHostPolicy} allows.
 */
public final class UploadCallbacks {
  /** How long an application has to answer (OSS: 5 seconds). */
  public static final Duration TIMEOUT = Limits.CALLBACK_TIMEOUT;

  /**
   * How long one upload's callback may take over all its URLs: an upload waits for it on a request
   * worker, so five hanging URLs must not hold one for five timeouts.
   */
  static final Duration TOTAL_TIMEOUT = Limits.CALLBACK_TOTAL_TIMEOUT;

  private final CallbackSigner signer;
  private final Supplier<String> publicKeyUrl;
  private final CallbackClient client;

  /**
   * Callbacks running now, at most {@link Limits#CALLBACK_CONCURRENCY}: each holds a request worker
   * while its application answers, and hanging applications must not take them all.
   */
  private final Semaphore running;

  /**
   * @param publicKeyUrl where the application can fetch the signer's public key (sent base64 in
   *     {@code x-oss-pub-key-url}); null when nothing serves it
   */
  public UploadCallbacks(
      CallbackSigner signer, Supplier<String> publicKeyUrl, CallbackHostPolicy hosts) {
    this(signer, publicKeyUrl, hosts, Limits.CALLBACK_CONCURRENCY);
  }

  /** As the public constructor, with at most {@code concurrency} callbacks at once. */
  UploadCallbacks(
      CallbackSigner signer,
      Supplier<String> publicKeyUrl,
      CallbackHostPolicy hosts,
      int concurrency) {
    this.signer = signer;
    this.publicKeyUrl = publicKeyUrl;
    this.client = new CallbackClient(hosts, TIMEOUT);
    this.running = new Semaphore(concurrency);
  }

  /** The callback a request asks for, checked; null when it asks for none. */
  public CallbackSpec prepare(Headers headers) {
    String header = headers.get(CallbackSpec.HEADER);
    if (header == null || header.isBlank()) {
      return null;
    }
    return CallbackSpec.parse(header, headers.get(CallbackSpec.VAR_HEADER));
  }

  /**
   * Runs {@code spec} for the stored object and returns what the upload answers: {@code stored}
   * (its headers: ETag, version id, CRC) with the application's body, or a 203 CallbackFailed
   * carrying the same headers.
   */
  public OssResponse answer(CallbackSpec spec, UploadFacts facts, OssResponse stored) {
    if (!running.tryAcquire()) {
      throw failed(
          "Too many upload callbacks are running (at most " + Limits.CALLBACK_CONCURRENCY + ").",
          stored);
    }
    try {
      return run(spec, facts, stored);
    } finally {
      running.release();
    }
  }

  private OssResponse run(CallbackSpec spec, UploadFacts facts, OssResponse stored) {
    String filled = CallbackBody.render(spec, facts);
    if (filled == null) {
      throw failed(
          "The callback body exceeds " + CallbackBody.MAX_BODY_CHARS + " characters.", stored);
    }
    byte[] body = filled.getBytes(StandardCharsets.UTF_8);
    String failure = null;
    long until = System.nanoTime() + TOTAL_TIMEOUT.toNanos();
    for (URI url : spec.urls()) {
      if (System.nanoTime() - until >= 0) {
        break; // the failure of the last URL tried stands
      }
      try {
        Answer a =
            client.post(url, spec.host(), spec.sni(), headersFor(url, spec, body), body, until);
        if (a.status() != 200) {
          failure = "Error status : " + a.status() + ".";
          continue;
        }
        if (!isJson(a.body())) {
          failure = "Response body is not valid json format.";
          continue;
        }
        return stored.body(new OssResponse.BytesBody(a.body(), CallbackSpec.JSON));
      } catch (CallbackException e) {
        failure = e.getMessage();
      }
    }
    throw failed(failure, stored);
  }

  /** CallbackFailed (203) carrying the stored upload's headers: the object is kept. */
  private static OssException failed(String message, OssResponse stored) {
    OssException e = OssException.of(OssErrorCode.CALLBACK_FAILED, message);
    stored.headers().forEach(e::header);
    return e;
  }

  private Map<String, String> headersFor(URI url, CallbackSpec spec, byte[] body) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Content-Type", spec.json() ? CallbackSpec.JSON : CallbackSpec.FORM);
    String path = url.getRawPath() == null ? "/" : url.getRawPath();
    h.put(
        "Authorization",
        signer.sign(
            URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8),
            url.getRawQuery(),
            body));
    String keyUrl = publicKeyUrl.get();
    if (keyUrl != null) {
      h.put(
          "x-oss-pub-key-url",
          Base64.getEncoder().encodeToString(keyUrl.getBytes(StandardCharsets.UTF_8)));
    }
    return h;
  }

  private static boolean isJson(byte[] body) {
    try {
      Json.parse(new String(body, StandardCharsets.UTF_8).trim());
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
