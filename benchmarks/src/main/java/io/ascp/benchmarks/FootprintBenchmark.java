// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.benchmarks;

import io.ascp.csi.v1alpha1.MountRequest;
import io.ascp.testkit.AwsEmulator;
import io.ascp.testkit.AwsService;
import io.ascp.testkit.FakeAws;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark 4 of docs/performance.md: the provider process's memory and start time under JVM option
 * sets. For each set and each of {@code --runs} rounds, two processes of the fat jar:
 *
 * <ol>
 *   <li>the production daemon ({@code --backend=aws}, no Kubernetes configuration): time from
 *       starting the process to an answered {@code Version} call over the socket, then its resident
 *       memory ({@code VmRSS}) after {@code --idle-s} seconds without calls;
 *   <li>the {@code --backend=memory:FILE} daemon under benchmark 2's closed loop (concurrency 16,
 *       10 objects per mount): mounts/s, p99, and {@code VmRSS} at the end and {@code VmHWM}.
 * </ol>
 *
 * <p>Every set runs as in a container of {@code --container-memory} MiB and {@code
 * --container-cpus} CPUs ({@code -XX:MaxRAM} and {@code -XX:ActiveProcessorCount}, which is what
 * the JVM derives from a cgroup limit), so the heap and the thread pools are sized as in the chart.
 * The AppCDS set first records an archive ({@code -XX:ArchiveClassesAtExit}) in a training run of
 * the production daemon serving mounts from the AWS emulator, then starts with {@code
 * -XX:SharedArchiveFile}.
 *
 * <pre>
 * java -cp ... io.ascp.benchmarks.FootprintBenchmark [--runs=3] [--idle-s=5] [--load-s=10]
 *     [--container-memory=100] [--container-cpus=1] [--only="shipped;shipped + AppCDS"]
 *     [--jar=...]
 * </pre>
 */
public final class FootprintBenchmark {
  private FootprintBenchmark() {}

  /** Runs the benchmark; see the class comment for the options. */
  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    int runs = args.integer("runs", 3);
    int idleSeconds = args.integer("idle-s", 5);
    int loadSeconds = args.integer("load-s", 10);
    int memoryMib = args.integer("container-memory", 100);
    int cpus = args.integer("container-cpus", 1);
    List<String> only =
        Args.split(args.string("only", ""), ";").stream().filter(x -> !x.isBlank()).toList();
    Path jar = args.jar();
    args.checkAllKnown();
    PrintStream out = System.out;

    Path work = ProviderProcess.temporaryDirectory("ascp-bench-fp");
    Path store =
        MemoryStore.write(work, ThroughputBenchmark.SECRETS, ThroughputBenchmark.PARAMETERS);
    Path archive = work.resolve("ascp-provider.jsa");
    List<String> container =
        List.of("-XX:MaxRAM=" + memoryMib + "m", "-XX:ActiveProcessorCount=" + cpus);

    Map<String, String> variants = new LinkedHashMap<>();
    variants.put("defaults", "");
    variants.put("shipped", Jvm.SHIPPED);
    variants.put("shipped, G1", Jvm.SHIPPED.replace("-XX:+UseSerialGC", "-XX:+UseG1GC"));
    variants.put(
        "shipped, C2 (no TieredStopAtLevel=1)",
        Jvm.SHIPPED.replace(" -XX:TieredStopAtLevel=1", ""));
    variants.put("shipped, default stack (no -Xss512k)", Jvm.SHIPPED.replace(" -Xss512k", ""));
    variants.put(
        "shipped, no metaspace/code cache caps",
        Jvm.SHIPPED
            .replace(" -XX:ReservedCodeCacheSize=24m", "")
            .replace(" -XX:MaxMetaspaceSize=64m", ""));
    variants.put(
        "shipped, MaxRAMPercentage=25",
        Jvm.SHIPPED.replace("RAMPercentage=40", "RAMPercentage=25"));
    variants.put("shipped, MALLOC_ARENA_MAX=2", Jvm.SHIPPED);
    variants.put("shipped + AppCDS", Jvm.SHIPPED + " -XX:SharedArchiveFile=" + archive);

    out.printf(
        "Footprint: container of %d MiB and %d CPU(s) (-XX:MaxRAM, -XX:ActiveProcessorCount);"
            + " %d runs per option set (medians); load average %s%n%n",
        memoryMib, cpus, runs, Jvm.loadAverage());
    Table table =
        new Table(
            "JVM options",
            "ready ms (process start → Version answered)",
            "idle RSS MiB",
            "idle RssAnon MiB",
            "threads",
            "loaded mounts/s (c=16)",
            "loaded p99 ms",
            "loaded RSS MiB (end)",
            "loaded RssAnon MiB (end)",
            "loaded peak RSS MiB",
            "errors");
    for (Map.Entry<String, String> variant : variants.entrySet()) {
      String name = variant.getKey();
      if (!only.isEmpty() && !only.contains(name)) {
        continue;
      }
      List<String> options = new ArrayList<>(container);
      if (!variant.getValue().isEmpty()) {
        options.addAll(Args.split(variant.getValue(), " "));
      }
      // glibc's malloc arenas (one per thread that allocates, up to 8 per CPU) hold memory the
      // JVM freed; the variable caps them.
      Map<String, String> env =
          name.contains("MALLOC_ARENA_MAX=2") ? Map.of("MALLOC_ARENA_MAX", "2") : Map.of();
      if (name.contains("AppCDS")) {
        List<String> training = new ArrayList<>(container);
        training.addAll(Args.split(Jvm.SHIPPED, " "));
        training.add("-XX:ArchiveClassesAtExit=" + archive);
        train(jar, training, work);
        out.printf("AppCDS archive: %d KiB%n", Files.size(archive) / 1024);
      }
      double[] ready = new double[runs];
      double[] idle = new double[runs];
      double[] idleAnon = new double[runs];
      double[] anonEnd = new double[runs];
      double[] threads = new double[runs];
      double[] rate = new double[runs];
      double[] p99 = new double[runs];
      double[] rssEnd = new double[runs];
      double[] peak = new double[runs];
      long errors = 0;
      for (int run = 0; run < runs; run++) {
        try (ProviderProcess p =
            ProviderProcess.start(
                jar, options, List.of(), concat(env, Map.of("AWS_REGION", "us-east-1")))) {
          ready[run] = p.readyNanos() / 1e6;
          TimeUnit.SECONDS.sleep(idleSeconds);
          idle[run] = p.rssKib() / 1024.0;
          idleAnon[run] = p.anonRssKib() / 1024.0;
          threads[run] = p.threads();
        }
        try (ProviderProcess p =
                ProviderProcess.start(
                    jar,
                    options,
                    List.of("--backend=memory:" + store, "--driver-writes-secrets=true"),
                    env);
            ProviderClient client = new ProviderClient(p.socket())) {
          MountRequest request =
              Requests.mount(
                  "web-0",
                  "web",
                  Requests.objects(ThroughputBenchmark.SECRETS, ThroughputBenchmark.PARAMETERS),
                  ThroughputBenchmark.REGION,
                  false);
          LoadDriver.Result result =
              new LoadDriver(
                      client, request, ThroughputBenchmark.SECRETS + ThroughputBenchmark.PARAMETERS)
                  .closedLoop(16, Duration.ofSeconds(5), Duration.ofSeconds(loadSeconds));
          rate[run] = result.perSecond();
          p99[run] = Stats.quantileMillis(result.latencies().sorted(), 0.99);
          rssEnd[run] = p.rssKib() / 1024.0;
          anonEnd[run] = p.anonRssKib() / 1024.0;
          peak[run] = p.peakRssKib() / 1024.0;
          errors += result.errors();
        }
      }
      table.row(
          "`" + name + "`",
          Stats.fixed(Stats.median(ready), 0) + " (" + range(ready, 0) + ")",
          Stats.fixed(Stats.median(idle), 1) + " (" + range(idle, 1) + ")",
          Stats.fixed(Stats.median(idleAnon), 1),
          Stats.fixed(Stats.median(threads), 0),
          Stats.fixed(Stats.median(rate), 0) + " (" + range(rate, 0) + ")",
          Stats.ms2(Stats.median(p99)),
          Stats.fixed(Stats.median(rssEnd), 1),
          Stats.fixed(Stats.median(anonEnd), 1),
          Stats.fixed(Stats.median(peak), 1) + " (" + range(peak, 1) + ")",
          errors);
      out.printf("%s done; load average %s%n", name, Jvm.loadAverage());
    }
    out.println();
    out.println("Option sets (after the container options " + String.join(" ", container) + "):");
    for (Map.Entry<String, String> variant : variants.entrySet()) {
      out.println(
          "- `"
              + variant.getKey()
              + "`: `"
              + variant.getValue()
              + (variant.getKey().contains("MALLOC_ARENA_MAX=2")
                  ? "` and `MALLOC_ARENA_MAX=2`"
                  : "`"));
    }
    out.println();
    table.print(out);
  }

  private static Map<String, String> concat(Map<String, String> a, Map<String, String> b) {
    Map<String, String> out = new LinkedHashMap<>(a);
    out.putAll(b);
    return out;
  }

  private static String range(double[] values, int decimals) {
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    for (double v : values) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    return Stats.fixed(min, decimals) + "–" + Stats.fixed(max, decimals);
  }

  /**
   * The AppCDS training run: the production daemon serves cold and warm mounts of 20 secrets and 20
   * parameters from the AWS emulator and a Kubernetes API, then stops, and the JVM writes the
   * classes it loaded into the archive.
   */
  private static void train(Path jar, List<String> options, Path work) throws Exception {
    String role = "arn:aws:iam::123456789012:role/bench";
    FakeAws aws = FakeAws.create();
    for (int i = 1; i <= 20; i++) {
      aws.secretsManager("us-east-1").createSecret(Requests.secretName(i), Requests.value("s", 64));
      aws.parameterStore("us-east-1")
          .putParameter(Requests.parameterName(i), Requests.value("p", 64));
    }
    aws.iam()
        .allow(role, AwsService.SECRETS_MANAGER, "bench/*")
        .allow(role, AwsService.SSM, "/bench/*")
        .allowWebIdentity(role, "system:serviceaccount:bench:*");
    try (AwsEmulator emulator = AwsEmulator.start(aws);
        FakeKubernetesApi kube = new FakeKubernetesApi(Duration.ZERO, role, "us-east-1")) {
      Map<String, String> env =
          Map.of(
              "AWS_ENDPOINT_URL", emulator.endpoint().toString(),
              "KUBECONFIG", kube.writeKubeconfig(work).toString());
      String objects = Requests.objects(20, 20);
      try (ProviderProcess p =
              ProviderProcess.start(jar, options, List.of("--driver-writes-secrets=true"), env);
          ProviderClient client = new ProviderClient(p.socket())) {
        for (int i = 0; i < 20; i++) {
          client.mount(
              Requests.mount("train-" + i, "train-" + (i % 4), objects, "us-east-1", true),
              Duration.ofSeconds(30));
        }
      }
    }
  }
}
