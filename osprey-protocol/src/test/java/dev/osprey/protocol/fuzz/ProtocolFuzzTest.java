package dev.osprey.protocol.fuzz;

import static dev.osprey.protocol.fuzz.FuzzInput.refusedAs4xxOrAccepted;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.osprey.protocol.ByteRange;
import dev.osprey.protocol.ContentMd5;
import dev.osprey.protocol.CopySource;
import dev.osprey.protocol.Headers;
import dev.osprey.protocol.HttpDates;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.Preconditions;
import dev.osprey.protocol.RequestHead;
import dev.osprey.protocol.route.Router;
import dev.osprey.protocol.route.RouterConfig;
import dev.osprey.protocol.xml.CompleteMultipartUploadRequest;
import dev.osprey.protocol.xml.CreateBucketConfiguration;
import dev.osprey.protocol.xml.DeleteRequest;
import dev.osprey.protocol.xml.LifecycleConfiguration;
import dev.osprey.protocol.xml.TaggingHeader;
import dev.osprey.protocol.xml.TaggingRequest;
import dev.osprey.protocol.xml.VersioningConfiguration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Fuzz targets for what the protocol module reads from a client: the router, every XML request
 * body, and the header values with a grammar (Range, conditions, copy source, tagging, MD5, dates).
 * Each may refuse input only with a 4xx OssException. Without {@code JAZZER_FUZZ} they replay the
 * seed corpus under {@code src/test/resources/dev/osprey/protocol/fuzz/ProtocolFuzzTestInputs}; see
 * docs/fuzzing.md for longer runs.
 */
class ProtocolFuzzTest {
  private static final Router ROUTER = new Router(new RouterConfig(java.util.Set.of("localhost")));
  private static final Instant MODIFIED = Instant.parse("2024-05-01T10:00:00Z");

  @FuzzTest
  void router(byte[] data) {
    RequestHead head = FuzzInput.head(FuzzInput.lines(data));
    refusedAs4xxOrAccepted(() -> ROUTER.route(head));
  }

  @FuzzTest
  void completeMultipartUploadXml(byte[] data) {
    refusedAs4xxOrAccepted(() -> CompleteMultipartUploadRequest.parse(data));
  }

  @FuzzTest
  void deleteXml(byte[] data) {
    refusedAs4xxOrAccepted(() -> DeleteRequest.parse(data));
  }

  @FuzzTest
  void taggingXml(byte[] data) {
    refusedAs4xxOrAccepted(() -> TaggingRequest.parse(data));
  }

  @FuzzTest
  void lifecycleXml(byte[] data) {
    refusedAs4xxOrAccepted(() -> LifecycleConfiguration.parse(data));
  }

  @FuzzTest
  void createBucketConfigurationXml(byte[] data) {
    refusedAs4xxOrAccepted(() -> CreateBucketConfiguration.parse(data));
  }

  @FuzzTest
  void versioningXml(byte[] data) {
    refusedAs4xxOrAccepted(() -> VersioningConfiguration.parse(data));
  }

  /**
   * Line 1 a Range header, line 2 an object size; then condition headers as {@code name: value}
   * lines. A range that resolves must lie inside the object.
   */
  @FuzzTest
  void rangeAndConditions(byte[] data) {
    List<String> lines = FuzzInput.lines(data);
    String range = lines.isEmpty() ? "" : lines.get(0);
    long size = 0;
    if (lines.size() > 1) {
      try {
        size = Math.max(0, Long.parseLong(lines.get(1).trim()));
      } catch (NumberFormatException e) {
        size = lines.get(1).length();
      }
    }
    long objectSize = size;
    for (boolean standard : new boolean[] {false, true}) {
      refusedAs4xxOrAccepted(
          () -> {
            Optional<ByteRange> r = ByteRange.resolve(range, objectSize, standard);
            if (r.isPresent()) {
              ByteRange b = r.get();
              if (b.first() < 0 || b.last() < b.first() || b.last() >= objectSize) {
                throw new AssertionError(range + " on " + objectSize + " resolved to " + b);
              }
              b.contentRange(objectSize);
            }
          });
    }
    Headers conditions = FuzzInput.head(lines).headers();
    refusedAs4xxOrAccepted(
        () -> {
          try {
            Preconditions.check(
                conditions,
                "\"5B3C1A2E053D763E1B002CC607C5A0FE\"",
                MODIFIED,
                HttpDates::parseRfc1123);
          } catch (OssException e) {
            // 304 is a precondition's own answer (If-None-Match: * on an object that exists).
            if (e.code() != OssErrorCode.NOT_MODIFIED) {
              throw e;
            }
          }
        });
  }

  /** One header value per line: copy source, tagging header, Content-MD5, dates. */
  @FuzzTest
  void headerValues(byte[] data) {
    for (String value : FuzzInput.lines(data)) {
      refusedAs4xxOrAccepted(() -> CopySource.parse(value));
      refusedAs4xxOrAccepted(() -> TaggingHeader.parse(value));
      refusedAs4xxOrAccepted(() -> ContentMd5.parse(value));
      HttpDates.parseRfc1123(value);
      HttpDates.parseIso8601Basic(value);
    }
  }
}
