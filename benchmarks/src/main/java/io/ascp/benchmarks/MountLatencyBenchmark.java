// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.benchmarks;

import io.ascp.csi.v1alpha1.MountRequest;
import io.ascp.csi.v1alpha1.MountResponse;
import io.ascp.testkit.AwsEmulator;
import io.ascp.testkit.AwsFault;
import io.ascp.testkit.AwsService;
import io.ascp.testkit.FakeAws;
import io.ascp.testkit.RecordedCall;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark 1 of docs/performance.md: the latency of one Mount of 20 Secrets Manager secrets and 20
 * SSM parameters through the provider's socket, with every AWS call and every Kubernetes GET
 * answered after an injected round-trip time (RTT). Warm: the identity's credentials and IAM role
 * are cached, so a mount is the fetch alone. Cold: a new service account each time, so a mount also
 * looks up the service account's role and calls STS {@code AssumeRoleWithWebIdentity}.
 *
 * <p>The provider is the fat jar in its own JVM in driver-writes mode (the files come back in the
 * response, nothing touches a disk), once per {@code --fetch-parallelism} value. The AWS emulator
 * and the Kubernetes API run in this JVM. Mounts are sequential: one in flight at a time.
 *
 * <pre>
 * java -cp ... io.ascp.benchmarks.MountLatencyBenchmark [--rtt-ms=20] [--parallelism=8,24]
 *     [--warmup=100] [--warm=100] [--cold=30] [--jvm="-XX:+UseSerialGC ..."] [--jar=...]
 * </pre>
 */
public final class MountLatencyBenchmark {
  private static final String REGION = "us-east-1";
  private static final String ROLE = "arn:aws:iam::123456789012:role/bench";
  private static final int SECRETS = 20;
  private static final int PARAMETERS = 20;
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  private MountLatencyBenchmark() {}

  /** Runs the benchmark; see the class comment for the options. */
  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    int rttMs = args.integer("rtt-ms", 20);
    List<Integer> parallelisms = args.integers("parallelism", "8,24");
    int warm = args.integer("warm", 100);
    int cold = args.integer("cold", 30);
    int warmup = args.integer("warmup", 100);
    // Cold mounts one at a time, paced under the provider's default Kubernetes client limit
    // (--qps=5, --burst=10), which would otherwise queue the service-account GETs.
    int coldPaceMs = args.integer("cold-pace-ms", 300);
    List<String> jvm = args.words("jvm", Jvm.SHIPPED_IN_256_MIB);
    Path jar = args.jar();
    args.checkAllKnown();
    PrintStream out = System.out;
    Duration rtt = Duration.ofMillis(rttMs);

    FakeAws aws = FakeAws.create();
    for (int i = 1; i <= SECRETS; i++) {
      aws.secretsManager(REGION).createSecret(Requests.secretName(i), Requests.value("s" + i, 64));
    }
    for (int i = 1; i <= PARAMETERS; i++) {
      aws.parameterStore(REGION)
          .putParameter(Requests.parameterName(i), Requests.value("p" + i, 64));
    }
    aws.iam()
        .allow(ROLE, AwsService.SECRETS_MANAGER, "bench/*")
        .allow(ROLE, AwsService.SSM, "/bench/*")
        .allowWebIdentity(ROLE, "system:serviceaccount:bench:*");
    if (!rtt.isZero()) {
      aws.inject(AwsFault.latency(rtt).build());
    }
    String objects = Requests.objects(SECRETS, PARAMETERS);
    int files = SECRETS + PARAMETERS;

    Table table =
        new Table(
            "fetch parallelism",
            "mount",
            "mounts",
            "p50 ms",
            "p90 ms",
            "max ms",
            "p50 / RTT",
            "p90 / RTT",
            "target",
            "AWS calls per mount",
            "Kubernetes GETs per mount",
            "AWS call waves (last mount)",
            "provider CPU ms per mount");
    Path work = ProviderProcess.temporaryDirectory("ascp-bench-kube");
    try (AwsEmulator emulator = AwsEmulator.start(aws);
        FakeKubernetesApi kube = new FakeKubernetesApi(rtt, ROLE, REGION)) {
      Path kubeconfig = kube.writeKubeconfig(work);
      Map<String, String> env =
          Map.of(
              "AWS_ENDPOINT_URL", emulator.endpoint().toString(),
              "KUBECONFIG", kubeconfig.toString());
      out.printf(
          "Mount latency: %d secrets + %d parameters, RTT %d ms on every AWS call and Kubernetes"
              + " GET, provider JVM options: %s%n%n",
          SECRETS, PARAMETERS, rttMs, String.join(" ", jvm));
      for (int parallelism : parallelisms) {
        List<String> flags =
            List.of("--driver-writes-secrets=true", "--fetch-parallelism=" + parallelism);
        try (ProviderProcess provider = ProviderProcess.start(jar, jvm, flags, env);
            ProviderClient client = new ProviderClient(provider.socket())) {
          out.printf("load average before p=%d: %s%n", parallelism, Jvm.loadAverage());
          // Warm-up: the JIT, the connection pools, the SDK clients.
          MountRequest warmRequest = Requests.mount("warm", "warm", objects, REGION, true);
          for (int i = 0; i < 5; i++) {
            mount(
                client,
                Requests.mount(
                    "w" + parallelism + "-" + i,
                    "w" + parallelism + "-" + i,
                    objects,
                    REGION,
                    true),
                files);
            TimeUnit.MILLISECONDS.sleep(coldPaceMs);
          }
          for (int i = 0; i < warmup; i++) {
            mount(client, warmRequest, files);
          }

          Phase warmPhase = new Phase(aws, kube, provider);
          for (int i = 0; i < warm; i++) {
            warmPhase.beforeMount();
            warmPhase.add(mount(client, warmRequest, files));
          }
          warmPhase.row(table, parallelism, "warm", rtt, "≤ 1.5 RTT + 5 ms");

          Phase coldPhase = new Phase(aws, kube, provider);
          for (int i = 0; i < cold; i++) {
            String account = "cold-" + parallelism + "-" + i;
            MountRequest request = Requests.mount(account, account, objects, REGION, true);
            coldPhase.beforeMount();
            coldPhase.add(mount(client, request, files));
            TimeUnit.MILLISECONDS.sleep(coldPaceMs);
          }
          coldPhase.row(table, parallelism, "cold", rtt, "≤ 3.5 RTT");
          out.printf(
              "after p=%d: load average %s; provider RSS %d MiB (RssAnon %d MiB, peak %d MiB)%n",
              parallelism,
              Jvm.loadAverage(),
              provider.rssKib() / 1024,
              provider.anonRssKib() / 1024,
              provider.peakRssKib() / 1024);
        }
      }
    }
    out.println();
    table.print(out);
  }

  private static long mount(ProviderClient client, MountRequest request, int files) {
    long start = System.nanoTime();
    MountResponse response = client.mount(request, DEADLINE);
    long nanos = System.nanoTime() - start;
    if (response.getFilesCount() != files) {
      throw new IllegalStateException(
          "expected " + files + " files, got " + response.getFilesCount());
    }
    return nanos;
  }

  /**
   * The mounts of one kind (warm or cold): their latencies, the AWS calls and Kubernetes GETs they
   * caused, how the calls of the last mount overlapped, and the provider's CPU time.
   */
  private static final class Phase {
    private final FakeAws aws;
    private final FakeKubernetesApi kube;
    private final ProviderProcess provider;
    private final Stats stats = new Stats();
    private final long kubeBefore;
    private final long cpuBefore;
    private int callsBeforeLast;

    Phase(FakeAws aws, FakeKubernetesApi kube, ProviderProcess provider) {
      this.aws = aws;
      this.kube = kube;
      this.provider = provider;
      aws.clearCalls();
      this.kubeBefore = kube.gets();
      this.cpuBefore = provider.cpuNanos();
    }

    void add(long nanos) {
      stats.add(nanos);
    }

    /** Notes where the next mount's calls begin; outside the timed part. */
    void beforeMount() {
      callsBeforeLast = aws.calls().size();
    }

    void row(Table table, int parallelism, String mode, Duration rtt, String target) {
      long cpu = provider.cpuNanos() - cpuBefore;
      List<RecordedCall> calls = aws.calls();
      int mounts = stats.count();
      Map<String, Integer> perOperation = new TreeMap<>();
      for (RecordedCall call : calls) {
        perOperation.merge(call.operation().apiName(), 1, Integer::sum);
      }
      StringBuilder perMount = new StringBuilder();
      perOperation.forEach(
          (op, n) ->
              perMount
                  .append(perMount.length() == 0 ? "" : ", ")
                  .append(op)
                  .append(" × ")
                  .append(Stats.fixed((double) n / mounts, 2)));
      long[] sorted = stats.sorted();
      double rttMs = rtt.toNanos() / 1e6;
      double p50 = Stats.quantileMillis(sorted, 0.5);
      double p90 = Stats.quantileMillis(sorted, 0.9);
      table.row(
          parallelism,
          mode,
          mounts,
          Stats.ms(p50),
          Stats.ms(p90),
          Stats.ms(Stats.maxMillis(sorted)),
          rttMs == 0 ? "—" : Stats.fixed(p50 / rttMs, 2),
          rttMs == 0 ? "—" : Stats.fixed(p90 / rttMs, 2),
          target,
          perMount,
          Stats.fixed((double) (kube.gets() - kubeBefore) / mounts, 2),
          waves(calls.subList(callsBeforeLast, calls.size())),
          Stats.fixed(cpu / 1e6 / mounts, 1));
    }
  }

  /**
   * How the calls of one mount overlapped: the number of calls in each wave, a wave being calls
   * that started before the first of the previous wave's calls ended ("8+8+6": three round trips).
   */
  static String waves(List<RecordedCall> calls) {
    List<RecordedCall> byStart =
        calls.stream().sorted(Comparator.comparingLong(RecordedCall::startNanos)).toList();
    StringBuilder out = new StringBuilder();
    int inWave = 0;
    long waveEnd = Long.MAX_VALUE;
    for (RecordedCall call : byStart) {
      if (inWave > 0 && call.startNanos() >= waveEnd) {
        out.append(out.length() == 0 ? "" : "+").append(inWave);
        inWave = 0;
        waveEnd = Long.MAX_VALUE;
      }
      inWave++;
      waveEnd = Math.min(waveEnd, call.endNanos());
    }
    if (inWave > 0) {
      out.append(out.length() == 0 ? "" : "+").append(inWave);
    }
    return out.toString();
  }
}
