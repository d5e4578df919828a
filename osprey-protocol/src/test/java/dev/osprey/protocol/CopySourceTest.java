package dev.osprey.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CopySourceTest {
  @Test
  void parsesWhatTheJavaSdkSends() {
    assertThat(CopySource.parse("/src-bkt/dir%2Fa%20b%2B%E4%B8%AD.txt"))
        .isEqualTo(new CopySource("src-bkt", "dir/a b+中.txt"));
    assertThat(CopySource.parse("src-bkt/dir/x")).isEqualTo(new CopySource("src-bkt", "dir/x"));
    assertThat(CopySource.parse("/src-bkt/k?versionId=null"))
        .isEqualTo(new CopySource("src-bkt", "k", "null"));
    assertThat(CopySource.parse("/src-bkt/a%3Fb?versionId=CAEQ0123456789abcdef"))
        .isEqualTo(new CopySource("src-bkt", "a?b", "CAEQ0123456789abcdef"));
  }

  @Test
  void refusesWhatNamesNoBucketAndKey() {
    for (String bad :
        new String[] {
          "",
          "/",
          "/bkt",
          "/bkt/",
          "//k",
          "/Bad_Bucket!/k",
          "/bkt/%zz",
          "/bkt/k?versionId=",
          "/bkt/k?v=1"
        }) {
      assertThatThrownBy(() -> CopySource.parse(bad))
          .as(bad)
          .isInstanceOfSatisfying(
              OssException.class,
              e -> {
                assertThat(e.code()).isEqualTo(OssErrorCode.INVALID_ARGUMENT);
              });
    }
    assertThatThrownBy(() -> CopySource.parse("/bkt/%2Fk"))
        .isInstanceOfSatisfying(
            OssException.class,
            e -> assertThat(e.code()).isEqualTo(OssErrorCode.INVALID_OBJECT_NAME));
  }
}
