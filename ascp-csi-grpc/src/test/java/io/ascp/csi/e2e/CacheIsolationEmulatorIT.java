// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.ascp.api.CallerIdentity;
import io.ascp.core.Ticker;
import io.ascp.core.ValueCachePolicy;
import io.ascp.csi.daemon.Daemon;
import io.ascp.csi.daemon.DaemonConfig;
import io.ascp.csi.kube.KubernetesAccess;
import io.ascp.csi.testing.CsiDriverSimulator;
import io.ascp.csi.testing.MountError;
import io.ascp.csi.testing.MountOutcome;
import io.ascp.csi.testing.MountedFiles;
import io.ascp.csi.testing.PodVolume;
import io.ascp.testkit.AwsFault;
import io.ascp.testkit.AwsOperation;
import io.ascp.testkit.AwsService;
import io.ascp.testkit.FakeAws;
import io.ascp.testkit.FakeTicker;
import io.ascp.testkit.FakeTokens;
import io.ascp.testkit.RecordedCall;
import io.ascp.testkit.junit.AwsEmulatorExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Identity isolation with every cache on (issue 11 §3): the daemon's production wiring with a value
 * cache ({@code --cache-ttl=5m}), single-flight and the credentials cache, called over its Unix
 * socket by the CSI driver simulator, against the testkit's AWS emulator with per-role access
 * rules. Pods of service account {@code web} (role {@code shop-web}) may read {@code shop/*}, pods
 * of {@code api} (role {@code shop-api}) only {@code api/*}. Whatever the order or the overlap of
 * their mounts, each pod gets exactly what its own role may read; the other gets {@code
 * PERMISSION_DENIED} and no file.
 */
class CacheIsolationEmulatorIT {
  static final String NAMESPACE = "shop";
  static final String NODE = "node-c";
  static final String REGION = "eu-west-1";
  static final String WEB_ROLE = "arn:aws:iam::123456789012:role/shop-web";
  static final String API_ROLE = "arn:aws:iam::123456789012:role/shop-api";
  static final String VALUE_MARKER = "VALUEMARKERci5";
  static final String WEB_SECRET = "shop/db";
  static final String API_SECRET = "api/key";
  static final Duration LATENCY = Duration.ofSeconds(1);
  static final Duration WAIT = Duration.ofSeconds(60);
  static final Instant TOKEN_EXPIRY = Instant.parse("2099-01-01T00:00:00Z");

  // Virtual latency; starts at the wall time on purpose: the daemon checks the expiry of the
  // credentials the emulator issues against its own wall clock.
  @SuppressWarnings("TimeInStaticInitializer")
  static final FakeTicker TICKER = FakeTicker.startingAt(Instant.now());

  @Order(0)
  @RegisterExtension
  static final LogCapture LOGS = new LogCapture();

  @Order(1)
  @RegisterExtension
  static final KubeApi KUBE = new KubeApi();

  @Order(2)
  @RegisterExtension
  static final AwsEmulatorExtension AWS =
      AwsEmulatorExtension.builder()
          .fakeAws(FakeAws.builder().ticker(TICKER).build())
          // The daemon (and its caches) live for the class; so do the store and the credentials.
          .resetBetweenTests(false)
          .build();

  /** A pod: its name and service account, and its tokens, made once (kubelet reuses them). */
  record Pod(String name, String serviceAccount, String sts, String eks) {
    static Pod of(String name, String serviceAccount) {
      return of(name, serviceAccount, "");
    }

    /** The pod with tokens of their own (a new token is exchanged anew). */
    static Pod of(String name, String serviceAccount, String tokenSuffix) {
      return new Pod(
          name,
          serviceAccount,
          token(name, serviceAccount, CallerIdentity.STS_AUDIENCE, tokenSuffix),
          token(name, serviceAccount, CallerIdentity.POD_IDENTITY_AUDIENCE, tokenSuffix));
    }

    private static String token(String pod, String serviceAccount, String audience, String s) {
      String jwt =
          FakeTokens.serviceAccountToken(NAMESPACE, serviceAccount, audience, TOKEN_EXPIRY);
      return jwt.substring(0, jwt.lastIndexOf('.')) + "." + Tokens.MARKER + pod + s;
    }

    String uid() {
      return "7d1c2b4a-0000-4000-8000-" + String.format("%12s", name).replace(' ', '0');
    }

    boolean mayRead(String secret) {
      return serviceAccount.equals("web") ? secret.startsWith("shop/") : secret.startsWith("api/");
    }

    String role() {
      return serviceAccount.equals("web") ? WEB_ROLE : API_ROLE;
    }
  }

  static final List<Pod> PODS =
      List.of(Pod.of("web-0", "web"), Pod.of("web-1", "web"), Pod.of("api-0", "api"));

  private static @Nullable Daemon daemon;
  private static @Nullable Path socketDir;
  private static final List<String> MESSAGES = new ArrayList<>();

  @TempDir Path dir;
  CsiDriverSimulator driver;
  ExecutorService pool;

  @BeforeAll
  static void start() throws Exception {
    FakeAws aws = AWS.aws();
    aws.secretsManager(REGION).createSecret(WEB_SECRET, "web-" + VALUE_MARKER);
    aws.secretsManager(REGION).createSecret(API_SECRET, "api-" + VALUE_MARKER);
    aws.iam()
        .allow(WEB_ROLE, AwsService.SECRETS_MANAGER, "shop/*")
        .allowWebIdentity(WEB_ROLE, "system:serviceaccount:shop:web")
        .allow(API_ROLE, AwsService.SECRETS_MANAGER, "api/*")
        .allowWebIdentity(API_ROLE, "system:serviceaccount:shop:api");
    KUBE.node(NODE, REGION)
        .serviceAccount(NAMESPACE, "web", WEB_ROLE)
        .serviceAccount(NAMESPACE, "api", API_ROLE);
    for (Pod pod : PODS) {
      KUBE.pod(NAMESPACE, pod.name(), pod.uid(), NODE);
    }
    Path sockets = Files.createTempDirectory(Path.of("/tmp"), "ascp-iso");
    socketDir = sockets;
    daemon =
        Daemon.start(
            DaemonConfig.builder()
                .providerVolume(sockets.toString())
                .valueCache(ValueCachePolicy.builder().ttl(Duration.ofMinutes(5)).build())
                .build(),
            Map.of(
                "AWS_ENDPOINT_URL", AWS.endpoint().toString(),
                "ASCP_POD_IDENTITY_AGENT_URL", AWS.emulator().podIdentityAgentUri().toString()),
            KubernetesAccess.forApiServer(KUBE.url(), -1, 0, Ticker.system()));
  }

  @AfterAll
  static void stop() throws Exception {
    Daemon d = daemon;
    if (d != null) {
      d.shutdown();
    }
    if (socketDir != null) {
      Files.deleteIfExists(socketDir);
    }
    assertThat(LOGS.lines())
        .noneMatch(line -> line.contains(VALUE_MARKER))
        .noneMatch(line -> line.contains(Tokens.MARKER));
    assertThat(MESSAGES)
        .isNotEmpty()
        .noneMatch(m -> m.contains(VALUE_MARKER))
        .noneMatch(m -> m.contains(Tokens.MARKER));
  }

  @BeforeEach
  void connect() {
    AWS.aws().clearCalls();
    Daemon d = java.util.Objects.requireNonNull(daemon, "the daemon did not start");
    driver = CsiDriverSimulator.connect(Path.of(d.socketPath()));
    pool = Executors.newFixedThreadPool(8);
  }

  @AfterEach
  void close() {
    pool.shutdownNow();
    driver.close();
    AWS.aws().clearFaults();
    // The daemon's caches stay warm across tests: each test mounts objects of its own.
  }

  Path target() throws Exception {
    return Files.createTempDirectory(dir, "t");
  }

  static PodVolume volume(Pod pod, Path target, String secret) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("objects", "- objectName: " + secret + "\n  objectType: secretsmanager\n");
    return PodVolume.builder()
        .pod(NAMESPACE, pod.name(), pod.uid())
        .serviceAccount(pod.serviceAccount())
        .secretProviderClass("shop-secrets", parameters)
        .token(CallerIdentity.STS_AUDIENCE, pod.sts(), TOKEN_EXPIRY)
        .token(CallerIdentity.POD_IDENTITY_AUDIENCE, pod.eks(), TOKEN_EXPIRY)
        .targetPath(target)
        .build();
  }

  /** Checks one outcome against the access rules: the value, or PERMISSION_DENIED and no file. */
  static void assertIsolated(Pod pod, String secret, Path target, MountOutcome outcome)
      throws Exception {
    if (pod.mayRead(secret)) {
      assertThat(outcome.error()).as("%s mounting %s", pod.name(), secret).isEmpty();
      String expected = (secret.startsWith("shop/") ? "web-" : "api-") + VALUE_MARKER;
      assertThat(MountedFiles.readString(target, secret.replace('/', '_'))).isEqualTo(expected);
    } else {
      MountError error =
          outcome.error().orElseThrow(() -> new AssertionError(pod.name() + " read " + secret));
      synchronized (MESSAGES) {
        MESSAGES.add(error.detail());
      }
      assertThat(error.grpcCode())
          .as("%s mounting %s", pod.name(), secret)
          .contains("PERMISSION_DENIED");
      try (Stream<Path> files = Files.list(target)) {
        assertThat(files).as("files written for %s", pod.name()).isEmpty();
      }
    }
  }

  MountOutcome mount(Pod pod, Path target, String secret) {
    return driver.mount(volume(pod, target, secret));
  }

  static Pod pod(String name) {
    return PODS.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
  }

  static long calls(AwsOperation operation, String role) {
    return AWS.aws().calls(operation).stream().filter(c -> c.principal().contains(role)).count();
  }

  @Test
  void inSequenceTheCacheNeverServesAnotherIdentity() throws Exception {
    String secret = "shop/seq";
    AWS.aws().secretsManager(REGION).createSecret(secret, "web-" + VALUE_MARKER);
    // Tokens of their own, so that this test sees each credentials exchange.
    Pod web = Pod.of("web-0", "web", "-seq");
    Pod api = Pod.of("api-0", "api", "-seq");
    Pod web1 = Pod.of("web-1", "web", "-seq");
    for (int round = 0; round < 3; round++) {
      Path t1 = target();
      assertIsolated(web, secret, t1, mount(web, t1, secret));
      Path t2 = target();
      assertIsolated(api, secret, t2, mount(api, t2, secret));
    }
    // Another pod of the same service account and role shares the cached value.
    Path t3 = target();
    assertIsolated(web1, secret, t3, mount(web1, t3, secret));

    // web read once (then cache hits); api asked each time and was refused each time.
    assertThat(calls(AwsOperation.GET_SECRET_VALUE, "shop-web")).isEqualTo(1);
    assertThat(calls(AwsOperation.GET_SECRET_VALUE, "shop-api")).isEqualTo(3);
    // One credentials exchange per identity across the 7 mounts (kubelet reuses tokens); web-1
    // made none: its mount was served from the value cache, with its own unexpired token.
    assertThat(AWS.aws().calls(AwsOperation.ASSUME_ROLE_WITH_WEB_IDENTITY))
        .extracting(RecordedCall::principal)
        .containsExactlyInAnyOrder(
            "system:serviceaccount:shop:web", "system:serviceaccount:shop:api");
  }

  @Test
  void theDeniedIdentityFirstThenTheAllowedOne() throws Exception {
    String secret = "api/first";
    AWS.aws().secretsManager(REGION).createSecret(secret, "api-" + VALUE_MARKER);
    Pod web = pod("web-1");
    Pod api = pod("api-0");
    Path t1 = target();
    assertIsolated(web, secret, t1, mount(web, t1, secret));
    Path t2 = target();
    assertIsolated(api, secret, t2, mount(api, t2, secret));
    Path t3 = target();
    assertIsolated(web, secret, t3, mount(web, t3, secret));
  }

  @Test
  void concurrentMountsOfTwoIdentitiesAreNeverCoalesced() throws Exception {
    String secret = "shop/concurrent";
    AWS.aws().secretsManager(REGION).createSecret(secret, "web-" + VALUE_MARKER);
    Pod web = pod("web-0");
    Pod api = pod("api-0");
    // Warm the credentials, so that only the value calls are delayed and overlap.
    Path w = target();
    assertIsolated(web, WEB_SECRET, w, mount(web, w, WEB_SECRET));
    Path a = target();
    assertIsolated(api, API_SECRET, a, mount(api, a, API_SECRET));
    AWS.aws().clearCalls();
    AWS.aws().inject(AwsFault.latency(LATENCY).operation(AwsOperation.GET_SECRET_VALUE).build());

    Path t1 = target();
    Path t2 = target();
    Future<MountOutcome> webMount = pool.submit(() -> mount(web, t1, secret));
    Future<MountOutcome> apiMount = pool.submit(() -> mount(api, t2, secret));
    AWS.aws().awaitInFlight(2, WAIT);
    TICKER.advance(LATENCY);

    assertIsolated(web, secret, t1, webMount.get(WAIT.toSeconds(), TimeUnit.SECONDS));
    assertIsolated(api, secret, t2, apiMount.get(WAIT.toSeconds(), TimeUnit.SECONDS));
    List<RecordedCall> calls = AWS.aws().calls(AwsOperation.GET_SECRET_VALUE);
    assertThat(calls).hasSize(2);
    assertThat(calls.get(0).overlaps(calls.get(1))).isTrue();
    assertThat(calls).extracting(RecordedCall::principal).anyMatch(p -> p.contains("shop-web"));
    assertThat(calls).extracting(RecordedCall::principal).anyMatch(p -> p.contains("shop-api"));
  }

  @Test
  void randomInterleavingsGiveEachPodOnlyWhatItsRoleMayRead() throws Exception {
    long seed = Long.getLong("ascp.isolation.seed", 20261129L);
    Random random = new Random(seed);
    List<String> secrets = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String shop = "shop/r" + i;
      String api = "api/r" + i;
      AWS.aws().secretsManager(REGION).createSecret(shop, "web-" + VALUE_MARKER);
      AWS.aws().secretsManager(REGION).createSecret(api, "api-" + VALUE_MARKER);
      secrets.add(shop);
      secrets.add(api);
    }
    int checked = 0;
    for (int wave = 0; wave < 6; wave++) {
      int width = 2 + random.nextInt(6);
      List<Pod> pods = new ArrayList<>();
      List<String> names = new ArrayList<>();
      List<Path> targets = new ArrayList<>();
      List<Future<MountOutcome>> outcomes = new ArrayList<>();
      for (int k = 0; k < width; k++) {
        Pod pod = PODS.get(random.nextInt(PODS.size()));
        String secret = secrets.get(random.nextInt(secrets.size()));
        Path target = target();
        pods.add(pod);
        names.add(secret);
        targets.add(target);
        outcomes.add(pool.submit(() -> mount(pod, target, secret)));
      }
      for (int k = 0; k < width; k++) {
        assertIsolated(
            pods.get(k),
            names.get(k),
            targets.get(k),
            outcomes.get(k).get(WAIT.toSeconds(), TimeUnit.SECONDS));
        checked++;
      }
    }
    assertThat(checked).as("mounts checked with seed %s", seed).isGreaterThanOrEqualTo(12);
  }
}
