package dev.osprey.protocol.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.StorageClass;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestoreRequestTest {
  private static byte[] xml(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String body(String days, String tier) {
    return "<RestoreRequest>"
        + (days == null ? "" : "<Days>" + days + "</Days>")
        + (tier == null ? "" : "<JobParameters><Tier>" + tier + "</Tier></JobParameters>")
        + "</RestoreRequest>";
  }

  @Test
  void noBodyMeansOneDayAndTheStandardTierForTheColdClasses() {
    assertThat(RestoreRequest.parse(new byte[0], StorageClass.ARCHIVE))
        .isEqualTo(new RestoreRequest(1, null));
    assertThat(RestoreRequest.parse(null, StorageClass.COLD_ARCHIVE))
        .isEqualTo(new RestoreRequest(1, "Standard"));
    assertThat(RestoreRequest.parse(xml(body("3", null)), StorageClass.DEEP_COLD_ARCHIVE))
        .isEqualTo(new RestoreRequest(3, "Standard"));
  }

  @Test
  void eachClassTakesItsDaysAndTiers() {
    assertThat(RestoreRequest.parse(xml(body("7", null)), StorageClass.ARCHIVE).days())
        .isEqualTo(7);
    assertThat(RestoreRequest.parse(xml(body("365", "Bulk")), StorageClass.COLD_ARCHIVE))
        .isEqualTo(new RestoreRequest(365, "Bulk"));
    assertThat(
            RestoreRequest.parse(xml(body("2", "Expedited")), StorageClass.DEEP_COLD_ARCHIVE)
                .tier())
        .isEqualTo("Expedited");
  }

  @Test
  void everythingElseIsMalformedXml() {
    record Case(String body, StorageClass sc) {}
    for (Case c :
        List.of(
            new Case(body("8", null), StorageClass.ARCHIVE),
            new Case(body("0", null), StorageClass.ARCHIVE),
            new Case(body("1", "Standard"), StorageClass.ARCHIVE),
            new Case(body("366", null), StorageClass.COLD_ARCHIVE),
            new Case(body("x", null), StorageClass.COLD_ARCHIVE),
            new Case(body("1", "Bulk"), StorageClass.DEEP_COLD_ARCHIVE),
            new Case(body("1", "Fast"), StorageClass.COLD_ARCHIVE),
            new Case("<Restore><Days>1</Days></Restore>", StorageClass.ARCHIVE),
            new Case("<RestoreRequest><Days>1</Days>", StorageClass.ARCHIVE))) {
      assertThatThrownBy(() -> RestoreRequest.parse(xml(c.body()), c.sc()))
          .as(c.toString())
          .isInstanceOfSatisfying(
              OssException.class, e -> assertThat(e.code()).isEqualTo(OssErrorCode.MALFORMED_XML));
    }
  }
}
