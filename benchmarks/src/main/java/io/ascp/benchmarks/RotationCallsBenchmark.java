// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.benchmarks;

import io.ascp.api.AuthMode;
import io.ascp.api.CallerIdentity;
import io.ascp.api.MountParameters;
import io.ascp.api.MountRequest;
import io.ascp.api.MountResult;
import io.ascp.api.MountedFile;
import io.ascp.api.ObjectType;
import io.ascp.api.ServiceAccountToken;
import io.ascp.aws.AwsSources;
import io.ascp.aws.AwsSourcesConfig;
import io.ascp.core.AttributeKeys;
import io.ascp.core.ParameterParser;
import io.ascp.core.SecretMounter;
import io.ascp.core.ValueCachePolicy;
import io.ascp.testkit.AwsEmulator;
import io.ascp.testkit.AwsOperation;
import io.ascp.testkit.AwsService;
import io.ascp.testkit.FakeAws;
import io.ascp.testkit.FakeTicker;
import io.ascp.testkit.FakeTokens;
import io.ascp.testkit.RecordedCall;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Benchmark 3 of docs/performance.md: the AWS calls of a simulated hour of re-mounts. Not a timing
 * benchmark: a deterministic simulation on a {@link FakeTicker}, whose figures are the calls the
 * testkit's AWS emulator records.
 *
 * <p>{@code --pods} pods (default 50) of IRSA service accounts each mount the same objects every
 * {@code --interval-s} seconds (default 60, the CSI driver's {@code requiresRepublish} period) for
 * {@code --rounds} rounds (default 60: one hour), through one {@link SecretMounter} and one {@link
 * AwsSources} pointed at the emulator over loopback HTTP with the real AWS SDK, as the daemon runs
 * them. Time moves only between rounds; the value cache, the credentials cache, the token checks
 * and the emulator's STS all read the fake clock. Mounts run one after another, so single flight
 * never folds two of them.
 *
 * <p>Tokens follow kubelet's token manager: each pod's token is valid for one hour and replaced at
 * 80% of its lifetime, so every pod presents a new token from minute 48. Pod {@code i} started
 * {@code i} seconds before the simulation (so the pods of one service account hold distinct tokens,
 * as pod-bound tokens are). STS issues credentials for one hour.
 *
 * <p>Every mount must return every file with its seeded value, and every recorded AWS call must
 * have succeeded; otherwise the run stops with an exception (a non-zero exit).
 *
 * <pre>
 * java -cp ... io.ascp.benchmarks.RotationCallsBenchmark [--pods=50] [--service-accounts=5]
 *     [--rounds=60] [--interval-s=60] [--cache=off,1m,5m,5m+revalidate,15m]
 * </pre>
 */
public final class RotationCallsBenchmark {
  private static final String REGION = "us-east-1";
  private static final String NAMESPACE = "bench";
  private static final String ACCOUNT = "123456789012";
  private static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
  // kubelet renews a projected token once 80% of its lifetime has passed.
  private static final Duration TOKEN_RENEWAL = TOKEN_LIFETIME.multipliedBy(4).dividedBy(5);
  private static final Duration CREDENTIALS_LIFETIME = Duration.ofHours(1);
  private static final StaticCredentialsProvider DEFAULT_CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIABENCH", "bench-secret"));

  /** The objects of every pod's {@code SecretProviderClass}. */
  record Mix(int secrets, int parameters) {
    String label() {
      return secrets + " SM + " + parameters + " SSM";
    }

    int getParametersPerMount() {
      return (parameters + 9) / 10;
    }
  }

  /** Pods and the service accounts they run as. */
  record Scenario(String label, int pods, int serviceAccounts) {
    String serviceAccount(int pod) {
      return "sa" + (pod % serviceAccounts);
    }
  }

  /** The calls one run made, as the emulator recorded them. */
  record Counts(int getSecretValue, int getParameters, int describeSecret, int sts, int other) {
    int valueCalls() {
      return getSecretValue + getParameters;
    }
  }

  private RotationCallsBenchmark() {}

  /** Runs the simulation; see the class comment for the options. */
  public static void main(String[] argv) {
    // Before the emulator's HttpServer starts: without it, Nagle's algorithm and delayed ACKs add
    // 40 ms to every response written in parts (the counts do not depend on it, the run time does).
    System.setProperty("sun.net.httpserver.nodelay", "true");
    Args args = new Args(argv);
    int pods = args.integer("pods", 50);
    int serviceAccounts = args.integer("service-accounts", 5);
    int rounds = args.integer("rounds", 60);
    Duration interval = Duration.ofSeconds(args.integer("interval-s", 60));
    List<String> cacheNames = Args.split(args.string("cache", "off,1m,5m,5m+revalidate,15m"), ",");
    args.checkAllKnown();
    Map<String, ValueCachePolicy> settings = new LinkedHashMap<>();
    for (String name : cacheNames) {
      settings.put(name.strip(), policy(name.strip()));
    }
    List<Scenario> scenarios =
        List.of(
            new Scenario("(a) " + pods + " pods, own service account each", pods, pods),
            new Scenario(
                "(b) " + pods + " pods in " + serviceAccounts + " service accounts",
                pods,
                serviceAccounts));
    List<Mix> mixes = List.of(new Mix(5, 5), new Mix(10, 0));
    PrintStream out = System.out;
    out.printf(
        Locale.ROOT,
        "%d pods re-mounting every %d s for %d rounds (%s simulated); tokens valid %d min, renewed"
            + " at minute %d; STS credentials valid %d min; one region%n%n",
        pods,
        interval.toSeconds(),
        rounds,
        interval.multipliedBy(rounds),
        TOKEN_LIFETIME.toMinutes(),
        TOKEN_RENEWAL.toMinutes(),
        CREDENTIALS_LIFETIME.toMinutes());

    Table table =
        new Table(
            "scenario",
            "objects per pod",
            "cache",
            "`GetSecretValue`",
            "`GetParameters`",
            "value calls (reference)",
            "ratio",
            "`DescribeSecret`",
            "STS (reference)",
            "STS per pod",
            "other");
    List<String> verdicts = new ArrayList<>();
    for (Scenario scenario : scenarios) {
      for (Mix mix : mixes) {
        long refValues = (long) pods * rounds * (mix.secrets() + mix.getParametersPerMount());
        long refSts = (long) pods * rounds;
        for (Map.Entry<String, ValueCachePolicy> setting : settings.entrySet()) {
          Counts c = simulate(scenario, mix, setting.getValue(), rounds, interval);
          table.row(
              scenario.label(),
              mix.label(),
              setting.getKey(),
              c.getSecretValue(),
              c.getParameters(),
              c.valueCalls() + " (" + refValues + ")",
              ratio(c.valueCalls(), refValues),
              c.describeSecret(),
              c.sts() + " (" + refSts + ")",
              String.format(Locale.ROOT, "%.2f", (double) c.sts() / pods),
              c.other());
          if (setting.getKey().equals("5m")) {
            boolean met = c.valueCalls() * 5L <= refValues;
            verdicts.add(
                String.format(
                    Locale.ROOT,
                    "- %s, %s, ttl=5m: value calls %d = %s of the reference's %d (target <= 1/5):"
                        + " %s",
                    scenario.label(),
                    mix.label(),
                    c.valueCalls(),
                    ratio(c.valueCalls(), refValues),
                    refValues,
                    met ? "met" : "missed"));
          }
          if (mix.equals(mixes.get(0))) {
            double lifetimes =
                interval.multipliedBy(rounds).toSeconds()
                    / (double) CREDENTIALS_LIFETIME.toSeconds();
            double perServiceAccount = c.sts() / (double) scenario.serviceAccounts() / lifetimes;
            double perPod = c.sts() / (double) pods / lifetimes;
            verdicts.add(
                String.format(
                    Locale.ROOT,
                    "- %s, cache %s: STS %d calls = %.2f per service account and %.2f per pod per"
                        + " %d-minute credential lifetime (target <= 1 per identity): %s",
                    scenario.label(),
                    setting.getKey(),
                    c.sts(),
                    perServiceAccount,
                    perPod,
                    CREDENTIALS_LIFETIME.toMinutes(),
                    perServiceAccount <= 1.0 ? "met" : "missed"));
          }
        }
      }
    }
    table.print(out);
    out.println(
        "Reference: every Secrets Manager object every mount (GetSecretValue), one GetParameters"
            + " per 10 parameters per mount, one STS AssumeRoleWithWebIdentity per region per"
            + " mount; no DescribeSecret (driver v1.6 sends no versions).");
    out.println();
    verdicts.forEach(out::println);
    out.flush();
  }

  static ValueCachePolicy policy(String name) {
    return switch (name) {
      case "off" -> ValueCachePolicy.disabled();
      case "5m+revalidate" ->
          ValueCachePolicy.builder()
              .ttl(Duration.ofMinutes(5))
              .revalidateAfter(Duration.ZERO)
              .build();
      default -> {
        if (!name.matches("[1-9][0-9]*m")) {
          throw new IllegalArgumentException(
              "unknown cache setting " + name + "; known: off, 5m+revalidate, <minutes>m");
        }
        yield ValueCachePolicy.builder()
            .ttl(Duration.ofMinutes(Long.parseLong(name.substring(0, name.length() - 1))))
            .build();
      }
    };
  }

  /** One simulated run on a fresh emulator, credentials cache and value cache. */
  static Counts simulate(
      Scenario scenario, Mix mix, ValueCachePolicy policy, int rounds, Duration interval) {
    FakeTicker ticker = FakeTicker.create();
    FakeAws aws = FakeAws.builder().ticker(ticker).build();
    Map<String, String> expected = new LinkedHashMap<>();
    StringBuilder objects = new StringBuilder();
    for (int i = 0; i < mix.secrets(); i++) {
      String name = "app/s" + i;
      aws.secretsManager(REGION).createSecret(name, "secret-" + i);
      expected.put("app_s" + i, "secret-" + i);
      objects.append("- objectName: ").append(name).append("\n  objectType: secretsmanager\n");
    }
    for (int i = 0; i < mix.parameters(); i++) {
      String name = "/app/p" + i;
      aws.parameterStore(REGION).putParameter(name, "parameter-" + i);
      expected.put("_app_p" + i, "parameter-" + i);
      objects.append("- objectName: ").append(name).append("\n  objectType: ssmparameter\n");
    }
    for (int s = 0; s < scenario.serviceAccounts(); s++) {
      String sa = "sa" + s;
      aws.iam()
          .allow(role(sa), AwsService.SECRETS_MANAGER, "app/*")
          .allow(role(sa), AwsService.SSM, "/app/*")
          .allowWebIdentity(role(sa), FakeTokens.subject(NAMESPACE, sa));
    }
    MountParameters parameters =
        ParameterParser.parse(Map.of(AttributeKeys.OBJECTS, objects.toString()), REGION);
    Instant start = ticker.instant();

    try (AwsEmulator emulator = AwsEmulator.start(aws);
        AwsSources sources =
            AwsSources.builder()
                .config(AwsSourcesConfig.builder().endpoint(emulator.endpoint()).build())
                .credentialsProvider(DEFAULT_CREDENTIALS)
                .clock(ticker.clock())
                .build();
        SecretMounter mounter =
            SecretMounter.builder()
                .source(ObjectType.SECRETS_MANAGER, sources.secretsManager())
                .source(ObjectType.SSM_PARAMETER, sources.parameterStore())
                .valueCache(policy)
                .ticker(ticker::read)
                .clock(ticker.clock())
                .build()) {
      for (int round = 0; round < rounds; round++) {
        Duration elapsed = Duration.between(start, ticker.instant());
        for (int pod = 0; pod < scenario.pods(); pod++) {
          MountResult result =
              mounter.mount(MountRequest.of(parameters, identity(scenario, pod, start, elapsed)));
          check(result, expected, round, pod);
        }
        ticker.advance(interval);
      }
    }

    List<RecordedCall> failed = aws.calls().stream().filter(c -> !c.succeeded()).toList();
    if (!failed.isEmpty()) {
      throw new IllegalStateException(
          failed.size() + " AWS calls failed, the first: " + failed.get(0).operation());
    }
    int gsv = aws.calls(AwsOperation.GET_SECRET_VALUE).size();
    int gp = aws.calls(AwsOperation.GET_PARAMETERS).size();
    int describe = aws.calls(AwsOperation.DESCRIBE_SECRET).size();
    int sts = aws.calls(AwsOperation.ASSUME_ROLE_WITH_WEB_IDENTITY).size();
    int other = aws.calls().size() - gsv - gp - describe - sts;
    return new Counts(gsv, gp, describe, sts, other);
  }

  /**
   * The caller of {@code pod}'s mount {@code elapsed} into the simulation: the pod started {@code
   * pod} seconds before it, and presents the token kubelet holds for it at that time.
   */
  static CallerIdentity identity(Scenario scenario, int pod, Instant start, Duration elapsed) {
    String sa = scenario.serviceAccount(pod);
    Duration sincePodStart = elapsed.plusSeconds(pod);
    long generation = sincePodStart.toNanos() / TOKEN_RENEWAL.toNanos();
    Instant issued = start.minusSeconds(pod).plus(TOKEN_RENEWAL.multipliedBy(generation));
    Instant expiry = issued.plus(TOKEN_LIFETIME);
    String token =
        FakeTokens.serviceAccountToken(NAMESPACE, sa, CallerIdentity.STS_AUDIENCE, expiry);
    return CallerIdentity.builder()
        .namespace(NAMESPACE)
        .serviceAccount(sa)
        .podName("pod-" + pod)
        .podUid("uid-" + pod)
        .authMode(AuthMode.IRSA)
        .roleArn(role(sa))
        .token(
            CallerIdentity.STS_AUDIENCE,
            new ServiceAccountToken(token, Optional.of(expiry.toString())))
        .build();
  }

  private static void check(MountResult result, Map<String, String> expected, int round, int pod) {
    if (result.files().size() != expected.size()) {
      throw new IllegalStateException(
          "round " + round + ", pod " + pod + ": " + result.files().size() + " files");
    }
    for (MountedFile file : result.files()) {
      String want = expected.get(file.path());
      if (want == null || !want.equals(new String(file.contents(), StandardCharsets.UTF_8))) {
        throw new IllegalStateException(
            "round " + round + ", pod " + pod + ": unexpected contents of " + file.path());
      }
    }
  }

  private static String role(String serviceAccount) {
    return "arn:aws:iam::" + ACCOUNT + ":role/" + serviceAccount;
  }

  private static String ratio(long calls, long reference) {
    return String.format(Locale.ROOT, "%.3f", (double) calls / reference);
  }
}
