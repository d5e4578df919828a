package dev.osprey.protocol.op;

import java.time.Duration;

/**
 * Osprey's live tail, an extension of GetObject that OSS does not have: the bytes of an object from
 * {@code position} on, the request held until they exist, the object can take no more, or {@code
 * wait} passes (docs/append.md, "Live tail"). Asked for with the query parameter {@link #POSITION}
 * (and optionally {@link #WAIT}); as Server-Sent Events when the request accepts {@code
 * text/event-stream} or names {@link #FORMAT}{@code =sse}.
 *
 * <p>Why query parameters and not headers: a browser's {@code EventSource} cannot send headers, and
 * a parameter that is not an OSS sub-resource is outside the signature V1 canonical resource, so it
 * can be added to a presigned GetObject URL without signing it again. Signature V4 signs the whole
 * query, parameters included. Either way the caller needs exactly what a GetObject needs.
 *
 * @param position the first byte wanted
 * @param maxWait how long the server may hold the request with nothing new (a whole event stream
 *     lasts at most {@link #MAX_STREAM})
 * @param events answer as a {@code text/event-stream} rather than one long-polled response
 */
public record TailRead(long position, Duration maxWait, boolean events) {
  /** The query parameter naming the position; its presence asks for the tail. */
  public static final String POSITION = "x-osprey-tail";

  /** The query parameter bounding the wait, in whole seconds (0 answers at once). */
  public static final String WAIT = "x-osprey-wait";

  /** The query parameter choosing the answer's form: {@code sse} for Server-Sent Events. */
  public static final String FORMAT = "x-osprey-tail-format";

  /** The wait when none is given: below the 50 s socket timeout of the OSS SDKs. */
  public static final Duration DEFAULT_WAIT = Duration.ofSeconds(20);

  /** The longest wait a request may ask for. */
  public static final Duration MAX_WAIT = Duration.ofSeconds(60);

  /** How long one event stream lasts before the server ends it (the browser reconnects). */
  public static final Duration MAX_STREAM = Duration.ofMinutes(5);
}
