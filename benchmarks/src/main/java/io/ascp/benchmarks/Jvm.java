// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** JVM option sets of the provider process, and the machine's state. */
final class Jvm {
  private Jvm() {}

  /**
   * The JVM options the image, the chart and the manifests ship (deploy/, ascp-deploy); keep in
   * step with them.
   */
  static final String SHIPPED =
      "-XX:+UseSerialGC -XX:MinRAMPercentage=40 -XX:MaxRAMPercentage=40"
          + " -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=24m -XX:MaxMetaspaceSize=64m"
          + " -Xss512k -XX:-UsePerfData -XX:+ExitOnOutOfMemoryError";

  /**
   * {@link #SHIPPED} in a container with the chart's memory limit: {@code -XX:MaxRAM} makes the JVM
   * size its heap as it would under a 256 MiB cgroup limit on this host.
   */
  static final String SHIPPED_IN_256_MIB = SHIPPED + " -XX:MaxRAM=256m";

  /** The 1, 5 and 15 minute load averages, as {@code /proc/loadavg} gives them. */
  static String loadAverage() {
    try {
      List<String> fields = Args.split(Files.readString(Path.of("/proc/loadavg")), "\\s+");
      return fields.get(0) + " " + fields.get(1) + " " + fields.get(2);
    } catch (IOException e) {
      return "unknown";
    }
  }
}
