package dev.osprey.cli.bench;

import java.lang.management.ManagementFactory;

/** The CPU time this process has used, in nanoseconds (-1 where the JVM cannot tell). */
final class ProcessCpu {
  private ProcessCpu() {}

  static long nanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }
}
