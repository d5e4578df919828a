package dev.osprey.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteRangeTest {

  /**
   * Columns: header, object size, standard?, expected first, expected last (-1 -1 = whole object
   * with 200).
   */
  @ParameterizedTest(name = "{0} on {1} bytes, standard={2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      textBlock =
          """
      null          | 1000 | false | -1  | -1
      bytes=0-499   | 1000 | false | 0   | 499
      bytes=500-    | 1000 | false | 500 | 999
      bytes=-100    | 1000 | false | 900 | 999
      bytes=0-999   | 1000 | false | 0   | 999
      byte=0-499    | 1000 | false | -1  | -1
      bytes=0-1000  | 1000 | false | -1  | -1
      bytes=1000-2000 | 1000 | false | -1 | -1
      bytes=-2000   | 1000 | false | -1  | -1
      bytes=0-1,3-4 | 1000 | false | -1  | -1
      bytes=5-3     | 1000 | false | -1  | -1
      bytes=a-3     | 1000 | false | -1  | -1
      bytes=5-15    | 10   | true  | 5   | 9
      bytes=0-      | 10   | true  | 0   | 9
      bytes=-20     | 10   | true  | 0   | 9
      bytes=0-0     | 1    | true  | 0   | 0
      BYTES=2-3     | 10   | false | 2   | 3
      bytes=0-9223372036854775809 | 10 | true | -1 | -1
      bytes=9223372036854775808-  | 10 | true | -1 | -1
      """)
  void resolves(String header, long size, boolean standard, long first, long last) {
    Optional<ByteRange> range = ByteRange.resolve(header, size, standard);
    if (first < 0) {
      assertThat(range).isEmpty();
    } else {
      assertThat(range).contains(new ByteRange(first, last));
    }
  }

  @ParameterizedTest(name = "{0} on {1} bytes is 416 in standard mode")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      bytes=10-20  | 10
      bytes=10-    | 10
      bytes=0-     | 0
      bytes=-0     | 10
      bytes=0-1,3-4 | 10
      """)
  void standardModeRefusesUnsatisfiableRanges(String header, long size) {
    assertThatThrownBy(() -> ByteRange.resolve(header, size, true))
        .isInstanceOfSatisfying(
            OssException.class,
            e -> {
              assertThat(e.code()).isEqualTo(OssErrorCode.INVALID_RANGE);
              assertThat(e.headers()).containsEntry("Content-Range", "bytes */" + size);
            });
  }

  @ParameterizedTest(name = "bytes=-0 on {0} bytes is 416 in the default mode too")
  @ValueSource(longs = {0, 10})
  void emptySuffixIsRefusedInBothModes(long size) {
    assertThatThrownBy(() -> ByteRange.resolve("bytes=-0", size, false))
        .isInstanceOfSatisfying(
            OssException.class, e -> assertThat(e.code()).isEqualTo(OssErrorCode.INVALID_RANGE));
  }

  @ParameterizedTest
  @CsvSource({"0,499,1000,bytes 0-499/1000,500", "999,999,1000,bytes 999-999/1000,1"})
  void describesItself(long first, long last, long size, String contentRange, long length) {
    ByteRange r = new ByteRange(first, last);
    assertThat(r.contentRange(size)).isEqualTo(contentRange);
    assertThat(r.length()).isEqualTo(length);
  }
}
