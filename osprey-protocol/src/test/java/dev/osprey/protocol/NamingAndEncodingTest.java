package dev.osprey.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NamingAndEncodingTest {
  @Test
  void encodeKeepsOnlyUnreserved() {
    assertThat(UrlEncoding.encode("fun/movie/001.avi")).isEqualTo("fun%2Fmovie%2F001.avi");
    assertThat(UrlEncoding.encode("hello world!")).isEqualTo("hello%20world%21");
    assertThat(UrlEncoding.encode("a+b~c_d-e.f")).isEqualTo("a%2Bb~c_d-e.f");
    assertThat(UrlEncoding.encode("中\u0001")).isEqualTo("%E4%B8%AD%01");
    assertThat(UrlEncoding.encodeIf(false, "a b")).isEqualTo("a b");
    assertThat(UrlEncoding.encodeIf(true, null)).isNull();
  }

  @Test
  void decodeIsStrictAndKeepsPlus() {
    assertThat(UrlEncoding.decode("a+b%20c%2b")).isEqualTo("a+b c+");
    assertThat(UrlEncoding.decode("%E4%B8%AD文")).isEqualTo("中文");
    for (String s : new String[] {"%", "%4", "%zz", "%C3%28", "%FF", "%ED%A0%80"}) {
      assertThatThrownBy(() -> UrlEncoding.decode(s))
          .as(s)
          .isInstanceOf(IllegalArgumentException.class);
    }
    String all = "a b+/?&=%\u0001中\uD83D\uDE00";
    assertThat(UrlEncoding.decode(UrlEncoding.encode(all))).isEqualTo(all);
  }

  @Test
  void bucketNames() {
    assertThat(BucketNames.isValidForCreate("abc")).isTrue();
    assertThat(BucketNames.isValidForCreate("a-1-" + "b".repeat(59))).isTrue();
    assertThat(BucketNames.isValidForCreate("a".repeat(64))).isFalse();
    assertThat(BucketNames.isValidForCreate("a_b")).isFalse();
    assertThat(BucketNames.isValid("a_b")).isTrue();
    assertThat(BucketNames.isValid("-ab")).isFalse();
    assertThat(BucketNames.isValid("ab_")).isFalse();
    assertThat(BucketNames.isValid("a.b")).isFalse();
    assertThatThrownBy(() -> BucketNames.validateForCreate("My-Bucket"))
        .isInstanceOfSatisfying(
            OssException.class,
            e -> {
              assertThat(e.code()).isEqualTo(OssErrorCode.INVALID_BUCKET_NAME);
              assertThat(e.details()).containsEntry("BucketName", "My-Bucket");
            });
  }

  @Test
  void objectKeysCountUtf8Bytes() {
    ObjectKeys.validate("a".repeat(1023));
    ObjectKeys.validate("中".repeat(341)); // 1023 bytes
    assertThatThrownBy(() -> ObjectKeys.validate("中".repeat(342)))
        .hasMessage("The Length of Object name must be less than 1024.");
    assertThatThrownBy(() -> ObjectKeys.validate(""))
        .isInstanceOfSatisfying(
            OssException.class,
            e -> assertThat(e.code()).isEqualTo(OssErrorCode.INVALID_OBJECT_NAME));
    assertThatThrownBy(() -> ObjectKeys.validate("\\k"))
        .isInstanceOfSatisfying(
            OssException.class, e -> assertThat(e.details()).containsEntry("Key", "\\k"));
  }
}
