package dev.osprey.jmh;

import dev.osprey.protocol.Crc64;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link Crc64#combine}, used once per part when a multipart upload completes and once per append
 * by {@code osprey bench} to check each returned CRC, against the previous code ({@link
 * LegacyCrc64}). The length of the second part is what sets the cost.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 3,
    jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
public class CombineBench {
  @Param({"1024", "1048576", "5368709120"})
  long len2;

  private long crc1 = 0x995DC9BBDF1939FAL;
  private long crc2 = 0x0123456789ABCDEFL;

  @Benchmark
  public long combine() {
    return Crc64.combine(crc1, crc2, len2);
  }

  @Benchmark
  public long legacyCombine() {
    return LegacyCrc64.combine(crc1, crc2, len2);
  }
}
