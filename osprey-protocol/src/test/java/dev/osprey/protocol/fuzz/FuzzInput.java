package dev.osprey.protocol.fuzz;

import dev.osprey.protocol.Headers;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.RequestHead;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Fuzz inputs as text lines, so seed files stay readable: a request is its method, target and Host
 * on the first three lines, then {@code name: value} header lines. And the one rule every target
 * checks: bad input may only be refused with an {@link OssException} whose status is a 4xx.
 */
public final class FuzzInput {
  private FuzzInput() {}

  public static List<String> lines(byte[] data) {
    return new String(data, StandardCharsets.UTF_8).lines().toList();
  }

  /** A request head from {@code lines}; missing lines read as empty. */
  public static RequestHead head(List<String> lines) {
    String method = lines.isEmpty() ? "" : lines.get(0);
    String target = lines.size() > 1 ? lines.get(1) : "";
    Headers headers = new Headers();
    if (lines.size() > 2) {
      headers.add("Host", lines.get(2));
    }
    for (String line : lines.subList(Math.min(3, lines.size()), lines.size())) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.add(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
      }
    }
    return new RequestHead(method, target, headers);
  }

  /**
   * Runs {@code call}; an OssException of a 4xx status is an accepted refusal, anything else thrown
   * is a finding.
   */
  public static void refusedAs4xxOrAccepted(Runnable call) {
    try {
      call.run();
    } catch (OssException e) {
      assert4xx(e);
    }
  }

  /** Fails unless {@code e} is a client error (4xx). */
  public static void assert4xx(OssException e) {
    int status = e.code().httpStatus();
    if (status < 400 || status > 499) {
      throw new AssertionError("bad input answered with " + status + " " + e.code(), e);
    }
  }
}
