package dev.osprey.protocol.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MultipartFormReaderTest {
  private static final String B = "----WebKitFormBoundaryx7Q2";

  private static byte[] form(byte[] file) {
    String head =
        "preamble to ignore\r\n--"
            + B
            + "\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\nuploads/${filename}\r\n--"
            + B
            + "\r\nContent-Disposition: form-data; name=\"empty\"\r\n\r\n\r\n--"
            + B
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a b.bin\"\r\n"
            + "Content-Type: application/octet-stream\r\n\r\n";
    String tail = "\r\n--" + B + "--\r\n";
    byte[] h = head.getBytes(StandardCharsets.UTF_8);
    byte[] t = tail.getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[h.length + file.length + t.length];
    System.arraycopy(h, 0, all, 0, h.length);
    System.arraycopy(file, 0, all, h.length, file.length);
    System.arraycopy(t, 0, all, h.length + file.length, t.length);
    return all;
  }

  /** Hands out at most {@code step} bytes per read, so delimiters straddle reads. */
  private static InputStream trickle(byte[] bytes, int step) {
    return new FilterInputStream(new ByteArrayInputStream(bytes)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(len, step));
      }
    };
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 7, 64, 100_000})
  void fieldsThenTheFileWhateverTheReadSizes(int step) throws IOException {
    byte[] file = new byte[200_000];
    new Random(step).nextBytes(file);
    // bytes that look like the start of a delimiter must pass through
    byte[] lookalike = ("\r\n--" + B.substring(0, 10)).getBytes(StandardCharsets.UTF_8);
    System.arraycopy(lookalike, 0, file, 1000, lookalike.length);
    MultipartFormReader r = new MultipartFormReader(trickle(form(file), step), B);
    MultipartFormReader.Part key = r.next();
    assertThat(key.name()).isEqualTo("key");
    assertThat(key.filename()).isNull();
    assertThat(new String(key.body().readAllBytes(), StandardCharsets.UTF_8))
        .isEqualTo("uploads/${filename}");
    MultipartFormReader.Part empty = r.next();
    assertThat(empty.body().readAllBytes()).isEmpty();
    MultipartFormReader.Part f = r.next();
    assertThat(f.name()).isEqualTo("file");
    assertThat(f.filename()).isEqualTo("a b.bin");
    assertThat(f.contentType()).isEqualTo("application/octet-stream");
    assertThat(f.body().readAllBytes()).isEqualTo(file);
    assertThat(r.next()).isNull();
  }

  @Test
  void aBodyCutShortIsMalformed() throws IOException {
    byte[] whole = form(new byte[50]);
    byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 20);
    MultipartFormReader r = new MultipartFormReader(new ByteArrayInputStream(cut), B);
    r.next();
    r.next();
    MultipartFormReader.Part f = r.next();
    assertThatThrownBy(() -> f.body().readAllBytes())
        .isInstanceOf(OssException.class)
        .extracting(e -> ((OssException) e).code())
        .isEqualTo(OssErrorCode.MALFORMED_POST_REQUEST);
  }

  @Test
  void boundaryComesFromTheContentType() {
    assertThat(MultipartFormReader.boundary("multipart/form-data; boundary=abc")).isEqualTo("abc");
    assertThat(MultipartFormReader.boundary("Multipart/Form-Data;boundary=\"a b\""))
        .isEqualTo("a b");
    assertThat(MultipartFormReader.boundary("text/plain; boundary=abc")).isNull();
    assertThat(MultipartFormReader.boundary("multipart/form-data")).isNull();
    assertThat(MultipartFormReader.boundary(null)).isNull();
  }
}
