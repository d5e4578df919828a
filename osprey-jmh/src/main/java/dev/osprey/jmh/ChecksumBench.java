package dev.osprey.jmh;

import dev.osprey.protocol.Crc64;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The checksums every request body passes through, on the buffer sizes the server hands them: 1 KiB
 * (a small append), 64 KiB (one body chunk) and 1 MiB (a large append). The previous CRC-64 code
 * ({@link LegacyCrc64}) runs in the same JMH run as the baseline; MD5 shows what the ETag of a
 * normal object costs beside it. Bytes per second = size / time per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 3,
    jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
public class ChecksumBench {
  @Param({"1024", "65536", "1048576"})
  int size;

  private byte[] array;
  private ByteBuffer direct;
  private MessageDigest md5;

  @Setup
  public void setUp() throws NoSuchAlgorithmException {
    array = new byte[size];
    new SplittableRandom(size).nextBytes(array);
    direct = ByteBuffer.allocateDirect(size);
    direct.put(array).flip();
    md5 = MessageDigest.getInstance("MD5");
  }

  @Benchmark
  public long crc64Array() {
    return Crc64.update(0, array, 0, size);
  }

  @Benchmark
  public long crc64Direct() {
    return Crc64.update(0, direct);
  }

  @Benchmark
  public long legacyCrc64Array() {
    return LegacyCrc64.update(0, array, 0, size);
  }

  @Benchmark
  public long legacyCrc64Direct() {
    return LegacyCrc64.update(0, direct);
  }

  @Benchmark
  public byte[] md5Array() {
    md5.update(array, 0, size);
    return md5.digest();
  }

  /** What MD5 of a body chunk costs when it arrives in a direct (Netty) buffer. */
  @Benchmark
  public byte[] md5Direct() {
    md5.update(direct.duplicate());
    return md5.digest();
  }
}
