// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.benchmarks;

import io.ascp.csi.v1alpha1.MountRequest;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Benchmark 2 of docs/performance.md: the provider's own cost per Mount. The provider is the fat
 * jar in its own JVM with {@code --backend=memory:FILE} (no AWS, no latency) in driver-writes mode;
 * each Mount asks for 10 objects (5 secrets, 5 parameters) and gets 10 files back over the socket.
 * Closed-loop at each concurrency, then open-loop at each rate with latency measured from the
 * intended send time. Also reports the provider's CPU time per mount and its resident memory.
 *
 * <pre>
 * java -cp ... io.ascp.benchmarks.ThroughputBenchmark [--concurrency=16,200] [--rate=1000]
 *     [--warmup-s=10] [--measure-s=20] [--jvm="..."] [--jar=...]
 * </pre>
 */
public final class ThroughputBenchmark {
  static final int SECRETS = 5;
  static final int PARAMETERS = 5;
  static final String REGION = "us-east-1";

  private ThroughputBenchmark() {}

  /** Runs the benchmark; see the class comment for the options. */
  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    List<Integer> concurrencies = args.integers("concurrency", "16,200");
    List<Integer> rates = args.integers("rate", "1000");
    Duration warmup = Duration.ofSeconds(args.integer("warmup-s", 10));
    Duration measure = Duration.ofSeconds(args.integer("measure-s", 20));
    List<String> jvm = args.words("jvm", Jvm.SHIPPED_IN_256_MIB);
    Path jar = args.jar();
    args.checkAllKnown();
    PrintStream out = System.out;

    Path dir = ProviderProcess.temporaryDirectory("ascp-bench-store");
    Path store = MemoryStore.write(dir, SECRETS, PARAMETERS);
    out.printf(
        "Throughput: in-memory backend, %d objects per mount, driver-writes mode; provider JVM"
            + " options: %s%n%n",
        SECRETS + PARAMETERS, String.join(" ", jvm));
    Table table =
        new Table(
            "load",
            "mounts/s",
            "errors",
            "p50 ms",
            "p90 ms",
            "p99 ms",
            "max ms",
            "provider CPU ms per mount",
            "driver CPU ms per mount",
            "provider RSS MiB (end)",
            "provider peak RSS MiB",
            "load average (end)");
    try (ProviderProcess provider =
            ProviderProcess.start(
                jar,
                jvm,
                List.of("--backend=memory:" + store, "--driver-writes-secrets=true"),
                Map.of());
        ProviderClient client = new ProviderClient(provider.socket())) {
      out.printf(
          "ready in %.0f ms; idle RSS %d MiB; load average %s%n",
          provider.readyNanos() / 1e6, provider.rssKib() / 1024, Jvm.loadAverage());
      MountRequest request =
          Requests.mount("web-0", "web", Requests.objects(SECRETS, PARAMETERS), REGION, false);
      LoadDriver driver = new LoadDriver(client, request, SECRETS + PARAMETERS);
      for (int concurrency : concurrencies) {
        Usage usage = new Usage(provider);
        LoadDriver.Result result = driver.closedLoop(concurrency, warmup, measure);
        row(table, "closed loop, concurrency " + concurrency, result, usage.end(), provider);
      }
      for (int rate : rates) {
        Usage usage = new Usage(provider);
        LoadDriver.Result result = driver.openLoop(rate, warmup, measure);
        row(table, "open loop, " + rate + "/s", result, usage.end(), provider);
      }
    }
    out.println();
    table.print(out);
  }

  private static void row(
      Table table, String load, LoadDriver.Result result, double[] cpu, ProviderProcess provider) {
    long[] sorted = result.latencies().sorted();
    // CPU over warm-up and measurement, divided by every mount of both.
    double mounts = Math.max(1, result.total());
    table.row(
        load,
        Stats.fixed(result.perSecond(), 0),
        result.errors(),
        Stats.ms2(Stats.quantileMillis(sorted, 0.5)),
        Stats.ms2(Stats.quantileMillis(sorted, 0.9)),
        Stats.ms2(Stats.quantileMillis(sorted, 0.99)),
        Stats.ms2(Stats.maxMillis(sorted)),
        Stats.fixed(cpu[0] / 1e6 / mounts, 3),
        Stats.fixed(cpu[1] / 1e6 / mounts, 3),
        provider.rssKib() / 1024,
        provider.peakRssKib() / 1024,
        Jvm.loadAverage());
  }

  /** CPU time of the provider and of this JVM over a run. */
  static final class Usage {
    private final ProviderProcess provider;
    private final long providerStart;
    private final long selfStart;
    private final long wallStart;

    Usage(ProviderProcess provider) {
      this.provider = provider;
      this.providerStart = provider.cpuNanos();
      this.selfStart = selfCpuNanos();
      this.wallStart = System.nanoTime();
    }

    /** Provider CPU ns, driver CPU ns, wall seconds. */
    double[] end() {
      return new double[] {
        provider.cpuNanos() - providerStart,
        selfCpuNanos() - selfStart,
        (System.nanoTime() - wallStart) / 1e9
      };
    }

    static long selfCpuNanos() {
      return ((com.sun.management.OperatingSystemMXBean)
              ManagementFactory.getOperatingSystemMXBean())
          .getProcessCpuTime();
    }
  }
}
