package dev.osprey.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lending: received chunks go out in place, in order, and each is released once used. */
class RequestBodyTest {
  private static ByteBuf directChunk(String text) {
    ByteBuf b = Unpooled.directBuffer();
    b.writeBytes(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    return b;
  }

  @Test
  void lendsEachChunkInPlaceAndReleasesIt() throws Exception {
    RequestBody body = new RequestBody(new EmbeddedChannel(), Duration.ofSeconds(5));
    List<ByteBuf> chunks =
        List.of(directChunk("hello "), directChunk("lent "), directChunk("world"));
    chunks.forEach(body::offer);
    body.end();

    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    List<Boolean> direct = new ArrayList<>();
    long n;
    while ((n =
            body.lend(
                bytes -> {
                  direct.add(bytes.isDirect());
                  byte[] copy = new byte[bytes.remaining()];
                  bytes.get(copy);
                  seen.write(copy);
                }))
        >= 0) {
      assertThat(n).isPositive();
    }

    assertThat(seen.toString(java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("hello lent world");
    assertThat(direct).containsOnly(true);
    assertThat(chunks).allSatisfy(c -> assertThat(c.refCnt()).isZero());
    assertThat(body.progress().consumed()).isTrue();
  }

  @Test
  void aChunkIsReleasedWhenItsBorrowerFails() {
    RequestBody body = new RequestBody(new EmbeddedChannel(), Duration.ofSeconds(5));
    ByteBuf chunk = directChunk("refused");
    body.offer(chunk);
    body.end();

    assertThatThrownBy(
            () ->
                body.lend(
                    (ByteBuffer bytes) -> {
                      throw new IllegalStateException("too large");
                    }))
        .hasMessage("too large");
    assertThat(chunk.refCnt()).isZero();
  }
}
