package dev.osprey.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osprey.protocol.HttpDates;
import java.util.Map;

/**
 * Assertions every raw-HTTP test shares: the headers of spec §0 and the error format of spec §4.1 /
 * §2.2.
 */
final class WireChecks {
  private WireChecks() {}

  /**
   * {@code x-oss-request-id} of 24 upper-case hex chars, {@code Server} and an RFC 1123 {@code
   * Date}.
   */
  static RawResponse assertCommonHeaders(RawResponse r) {
    assertThat(r.header("x-oss-request-id"))
        .as("x-oss-request-id of %s", r)
        .matches("[0-9A-F]{24}");
    assertThat(r.header("server")).as("Server of %s", r).isNotBlank();
    assertThat(r.header("date")).as("Date of %s", r).isNotNull();
    assertThat(HttpDates.parseRfc1123(r.header("date"))).as("Date parses as RFC 1123").isNotNull();
    return r;
  }

  /**
   * An OSS error: the status, the common headers, and XML with Code, Message, RequestId (equal to
   * the header) and HostId; for HEAD no body and the same XML base64-encoded in {@code x-oss-err}.
   */
  static Map<String, String> assertError(RawResponse r, int status, String code, boolean head) {
    assertThat(r.status()).as("status of %s", r).isEqualTo(status);
    assertCommonHeaders(r);
    if (head) {
      assertThat(r.body()).as("HEAD error body").isEmpty();
      assertThat(r.header("x-oss-err")).as("x-oss-err of %s", r).isNotBlank();
    } else {
      assertThat(r.header("content-type")).startsWith("application/xml");
      assertThat(r.text()).startsWith("<?xml");
    }
    Map<String, String> xml = r.error();
    assertThat(xml).containsKeys("Code", "Message", "RequestId", "HostId");
    assertThat(xml.get("Code")).as("error code of %s", r).isEqualTo(code);
    assertThat(xml.get("Message")).isNotBlank();
    assertThat(xml.get("RequestId")).isEqualTo(r.header("x-oss-request-id"));
    // every error names its EC in the XML and in x-oss-ec, HEAD included (spec §4.1)
    assertThat(xml.get("EC")).as("EC of %s", r).matches(OssErrors.EC_SHAPE);
    assertThat(r.header("x-oss-ec")).as("x-oss-ec of %s", r).isEqualTo(xml.get("EC"));
    return xml;
  }

  static Map<String, String> assertError(RawResponse r, int status, String code) {
    return assertError(r, status, code, false);
  }
}
