// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.e2e;

import static io.ascp.csi.e2e.Fixtures.DB_JSON;
import static io.ascp.csi.e2e.Fixtures.FAILOVER_REGION;
import static io.ascp.csi.e2e.Fixtures.NAMESPACE;
import static io.ascp.csi.e2e.Fixtures.NODE_REGION;
import static io.ascp.csi.e2e.Fixtures.POD_IDENTITY_ROLE;
import static io.ascp.csi.e2e.Fixtures.ROLE;
import static io.ascp.csi.e2e.Fixtures.SECRET_MARKER;
import static io.ascp.csi.e2e.Fixtures.parameterName;
import static io.ascp.csi.e2e.Fixtures.parameterValue;
import static io.ascp.csi.e2e.Fixtures.volume;
import static org.assertj.core.api.Assertions.assertThat;

import io.ascp.api.CallerIdentity;
import io.ascp.csi.testing.CsiDriverSimulator;
import io.ascp.csi.testing.MountError;
import io.ascp.csi.testing.MountOutcome;
import io.ascp.csi.testing.MountedFiles;
import io.ascp.csi.testing.PodVolume;
import io.ascp.csi.testing.ProviderDaemonExtension;
import io.ascp.testkit.AwsError;
import io.ascp.testkit.AwsFault;
import io.ascp.testkit.AwsOperation;
import io.ascp.testkit.AwsService;
import io.ascp.testkit.FakeTokens;
import io.ascp.testkit.SecretInput;
import io.ascp.testkit.junit.AwsEmulatorExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Backend faults through the socket: the production daemon (ascp-core over the AWS SDK) in
 * provider-writes mode, called by the CSI driver simulator, with the testkit's AWS emulator, the
 * Kubernetes API and the Pod Identity agent each behind a {@link FaultProxy}. Every case mounts a
 * volume once successfully, injects one fault, mounts again, and checks the gRPC code and message,
 * that the answer came before the call's deadline, and that the volume is byte for byte what the
 * first mount wrote (no partial file set, the previous content intact); then it clears the fault
 * and checks that the next mount succeeds. Each case prints one line of the table in
 * docs/reliability.md.
 */
class BackendFaultsIT {
  /** The deadline of the cases that run into it (kubelet gives 2 minutes). */
  private static final Duration SHORT_DEADLINE = Duration.ofSeconds(3);

  /** The deadline of every other case. */
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @Order(0)
  @RegisterExtension
  static final LogCapture LOGS = new LogCapture();

  @Order(1)
  @RegisterExtension
  static final KubeApi KUBE = new KubeApi();

  @Order(2)
  @RegisterExtension
  static final AwsEmulatorExtension AWS = AwsEmulatorExtension.builder().build();

  @Order(3)
  @RegisterExtension
  static final FaultProxy AWS_NET = new FaultProxy(AWS::endpoint);

  @Order(4)
  @RegisterExtension
  static final FaultProxy KUBE_NET = new FaultProxy(KUBE::url);

  @Order(5)
  @RegisterExtension
  static final FaultProxy AGENT_NET = new FaultProxy(() -> AWS.emulator().podIdentityAgentUri());

  @Order(6)
  @RegisterExtension
  static final ProviderDaemonExtension PROVIDER =
      ProviderDaemonExtension.builder()
          .awsEndpoint(AWS_NET::uri)
          .kubernetesApi(KUBE_NET::uri)
          .podIdentityAgentUrl(AGENT_NET::uri)
          .build();

  private static final List<String> TABLE = new ArrayList<>();
  private static final List<String> MESSAGES = new ArrayList<>();

  @TempDir Path dir;

  @BeforeAll
  static void cluster() {
    Fixtures.seedKubernetes(KUBE);
  }

  @BeforeEach
  void seed() {
    var aws = AWS.aws();
    for (String region : List.of(NODE_REGION, FAILOVER_REGION)) {
      aws.secretsManager(region).createSecret("shop/db", DB_JSON);
      aws.secretsManager(region).createSecret("shop/tls", SecretInput.binary(Fixtures.BINARY));
      for (int n = 1; n <= 11; n++) {
        aws.parameterStore(region).putParameter(parameterName(n), parameterValue(n));
      }
    }
    aws.iam()
        .allow(ROLE, AwsService.SECRETS_MANAGER, "shop/*")
        .allow(ROLE, AwsService.SSM, "/shop/*")
        .allowWebIdentity(ROLE, "system:serviceaccount:shop:web")
        .allow(POD_IDENTITY_ROLE, AwsService.SECRETS_MANAGER, "shop/*")
        .allow(POD_IDENTITY_ROLE, AwsService.SSM, "/shop/*")
        .associatePodIdentity(NAMESPACE, "pi", POD_IDENTITY_ROLE);
  }

  @AfterAll
  static void printTheTableAndCheckForMarkers() {
    System.out.println("| fault | gRPC code | message | answered after | files |");
    System.out.println("|---|---|---|---|---|");
    TABLE.forEach(System.out::println);
    assertThat(MESSAGES).isNotEmpty();
    assertThat(MESSAGES)
        .noneMatch(m -> m.contains(SECRET_MARKER))
        .noneMatch(m -> m.contains(Tokens.MARKER));
    assertThat(LOGS.lines())
        .isNotEmpty()
        .noneMatch(l -> l.contains(SECRET_MARKER))
        .noneMatch(l -> l.contains(Tokens.MARKER));
  }

  /** How a case's volumes look: IRSA (the default) or Pod Identity. */
  enum Auth {
    IRSA,
    POD_IDENTITY
  }

  /**
   * One fault.
   *
   * @param name the fault, as the table names it
   * @param auth the volume's authentication
   * @param inject turns the fault on after the first mount
   * @param second changes the volume of the faulty mount
   * @param deadline the faulty mount's deadline
   * @param code the expected gRPC code, empty for a mount that must succeed
   * @param message the expected start of the status message
   */
  record Case(
      String name,
      Auth auth,
      Runnable inject,
      Function<PodVolume.Builder, PodVolume.Builder> second,
      Duration deadline,
      String code,
      String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Case fails(String name, Runnable inject, String code, String message) {
    return new Case(name, Auth.IRSA, inject, b -> b, DEADLINE, code, message);
  }

  private static AwsFault.Builder everyFetch(AwsFault.Builder fault) {
    return fault.region(NODE_REGION);
  }

  static Stream<Case> cases() {
    Instant past = Instant.parse("2020-01-01T00:00:00Z");
    String unknownAll =
        "Failed to fetch secret from all regions. Verify secret exists and required permissions"
            + " are granted for: shop/db; "
            + NODE_REGION
            + ": ";
    return Stream.of(
        fails(
            "throttling storm (every Secrets Manager call throttled)",
            () ->
                AWS.aws()
                    .inject(
                        everyFetch(AwsFault.error(AwsError.throttling()))
                            .operation(AwsOperation.GET_SECRET_VALUE)
                            .build()),
            "RESOURCE_EXHAUSTED",
            unknownAll + "Failed fetching secret shop/db: ThrottlingException: Rate exceeded"),
        new Case(
            "throttling burst (2 throttled calls, then success)",
            Auth.IRSA,
            () ->
                AWS.aws()
                    .inject(
                        everyFetch(AwsFault.error(AwsError.throttling()))
                            .operation(AwsOperation.GET_SECRET_VALUE)
                            .times(2)
                            .build()),
            b -> b,
            DEADLINE,
            "",
            ""),
        fails(
            "HTTP 500 from Secrets Manager",
            () ->
                AWS.aws()
                    .inject(
                        everyFetch(AwsFault.error(AwsError.internalServiceError()))
                            .operation(AwsOperation.GET_SECRET_VALUE)
                            .build()),
            "UNKNOWN",
            unknownAll
                + "Failed fetching secret shop/db: InternalServiceError: An error occurred on the server side."),
        fails(
            "HTTP 503 from SSM",
            () ->
                AWS.aws()
                    .inject(
                        everyFetch(AwsFault.error(AwsError.serviceUnavailable()))
                            .operation(AwsOperation.GET_PARAMETERS)
                            .build()),
            "UNKNOWN",
            "Failed to fetch parameters from all regions.; "
                + NODE_REGION
                + ": Failed fetching parameters: ServiceUnavailable: Service Unavailable"),
        new Case(
            "backend slower than the deadline (60 s latency)",
            Auth.IRSA,
            () ->
                AWS.aws()
                    .inject(
                        everyFetch(AwsFault.latency(Duration.ofSeconds(60)))
                            .operation(AwsOperation.GET_SECRET_VALUE)
                            .build()),
            b -> b,
            SHORT_DEADLINE,
            "DEADLINE_EXCEEDED",
            ""),
        new Case(
            "AWS endpoint hangs (accepts, never answers)",
            Auth.IRSA,
            () -> AWS_NET.mode(FaultProxy.Mode.HANG),
            b -> b,
            SHORT_DEADLINE,
            "DEADLINE_EXCEEDED",
            ""),
        fails(
            "AWS endpoint refuses connections",
            () -> AWS_NET.mode(FaultProxy.Mode.REFUSE),
            "UNKNOWN",
            unknownAll
                + "Failed fetching secret shop/db: failed to assume role "
                + ROLE
                + " with web identity: Unable to execute HTTP request"),
        fails(
            "region outage (connections dropped), one region only",
            () -> AWS.aws().regionDown(NODE_REGION),
            "UNKNOWN",
            unknownAll
                + "Failed fetching secret shop/db: Unable to execute HTTP request: The target server failed to respond"),
        new Case(
            "region outage with a failover region",
            Auth.IRSA,
            () -> AWS.aws().regionDown(NODE_REGION),
            b -> b.parameter("failoverRegion", FAILOVER_REGION),
            DEADLINE,
            "",
            ""),
        fails(
            "STS AccessDenied",
            () ->
                AWS.aws()
                    .inject(
                        AwsFault.error(
                                AwsError.of(
                                    "AccessDenied",
                                    403,
                                    "Not authorized to perform sts:AssumeRoleWithWebIdentity"))
                            .operation(AwsOperation.ASSUME_ROLE_WITH_WEB_IDENTITY)
                            .build()),
            "UNAUTHENTICATED",
            NODE_REGION
                + ": Failed fetching secret shop/db: failed to assume role "
                + ROLE
                + " with web identity: AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity"),
        fails(
            "STS HTTP 500",
            () ->
                AWS.aws()
                    .inject(
                        AwsFault.error(AwsError.of("InternalFailure", 500, "internal failure"))
                            .operation(AwsOperation.ASSUME_ROLE_WITH_WEB_IDENTITY)
                            .build()),
            "UNKNOWN",
            unknownAll
                + "Failed fetching secret shop/db: failed to assume role "
                + ROLE
                + " with web identity: InternalFailure: internal failure (Service: Sts, Status Code: 500"),
        fails(
            "STS throttling",
            () ->
                AWS.aws()
                    .inject(
                        AwsFault.error(AwsError.of("Throttling", 400, "Rate exceeded"))
                            .operation(AwsOperation.ASSUME_ROLE_WITH_WEB_IDENTITY)
                            .build()),
            "RESOURCE_EXHAUSTED",
            unknownAll
                + "Failed fetching secret shop/db: failed to assume role "
                + ROLE
                + " with web identity: Throttling: Rate exceeded"),
        new Case(
            "expired IRSA token",
            Auth.IRSA,
            () -> {},
            b ->
                b.withoutTokens()
                    .token(
                        CallerIdentity.STS_AUDIENCE,
                        FakeTokens.serviceAccountToken(
                                NAMESPACE, "web", CallerIdentity.STS_AUDIENCE, past)
                            + Tokens.MARKER,
                        past),
            DEADLINE,
            "UNAUTHENTICATED",
            NODE_REGION
                + ": Failed fetching secret shop/db: failed to assume role "
                + ROLE
                + " with web identity: ExpiredTokenException: The web identity token that was passed is expired"),
        new Case(
            "expired Pod Identity token",
            Auth.POD_IDENTITY,
            () -> {},
            b ->
                b.withoutTokens()
                    .token(
                        CallerIdentity.POD_IDENTITY_AUDIENCE,
                        FakeTokens.serviceAccountToken(
                                NAMESPACE, "pi", CallerIdentity.POD_IDENTITY_AUDIENCE, past)
                            + Tokens.MARKER,
                        past),
            DEADLINE,
            "UNAUTHENTICATED",
            NODE_REGION
                + ": Failed fetching secret shop/db: failed to get credentials from the EKS Pod Identity agent: "),
        new Case(
            "Pod Identity agent down (connection refused)",
            Auth.POD_IDENTITY,
            () -> AGENT_NET.mode(FaultProxy.Mode.REFUSE),
            b -> b,
            DEADLINE,
            "UNKNOWN",
            unknownAll
                + "Failed fetching secret shop/db: failed to get credentials from the EKS Pod Identity agent: "),
        new Case(
            "Pod Identity agent hangs",
            Auth.POD_IDENTITY,
            () -> AGENT_NET.mode(FaultProxy.Mode.HANG),
            b -> b,
            DEADLINE,
            "UNKNOWN",
            unknownAll
                + "Failed fetching secret shop/db: failed to get credentials from the EKS Pod Identity agent: "),
        new Case(
            "Pod Identity agent HTTP 500",
            Auth.POD_IDENTITY,
            () ->
                AWS.aws()
                    .inject(
                        AwsFault.error(AwsError.of("InternalServerError", 500, "agent failure"))
                            .operation(AwsOperation.POD_IDENTITY_CREDENTIALS)
                            .build()),
            b -> b,
            DEADLINE,
            "UNKNOWN",
            unknownAll
                + "Failed fetching secret shop/db: failed to get credentials from the EKS Pod Identity agent: "),
        new Case(
            "Kubernetes API down, pod not looked up before",
            Auth.IRSA,
            () -> KUBE_NET.mode(FaultProxy.Mode.REFUSE),
            b -> b.pod(NAMESPACE, "web-9", "7d1c2b4a-0000-4000-8000-00000000web9"),
            DEADLINE,
            "UNKNOWN",
            "failed to retrieve region from node. error GET pods \"web-9\" failed: "),
        new Case(
            "Kubernetes API down, answers cached",
            Auth.IRSA,
            () -> KUBE_NET.mode(FaultProxy.Mode.REFUSE),
            b -> b,
            DEADLINE,
            "",
            ""),
        new Case(
            "Kubernetes API hangs, pod not looked up before",
            Auth.IRSA,
            () -> KUBE_NET.mode(FaultProxy.Mode.HANG),
            b -> b.pod(NAMESPACE, "web-9", "7d1c2b4a-0000-4000-8000-00000000web9"),
            SHORT_DEADLINE,
            "DEADLINE_EXCEEDED",
            ""));
  }

  private static PodVolume.Builder volumeOf(Auth auth, Path target) {
    PodVolume.Builder b = volume(target);
    if (auth == Auth.POD_IDENTITY) {
      b.pod(NAMESPACE, "pi-0", "7d1c2b4a-0000-4000-8000-000000000pi0")
          .serviceAccount("pi")
          .withoutTokens()
          .token(
              CallerIdentity.POD_IDENTITY_AUDIENCE,
              Tokens.token(NAMESPACE, "pi", CallerIdentity.POD_IDENTITY_AUDIENCE))
          .parameter("usePodIdentity", "true");
    }
    return b;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aFaultGivesItsCodeInTimeAndLeavesTheVolumeAsItWas(Case c) throws Exception {
    Path target = Files.createDirectory(dir.resolve("t"));
    boolean failover = c.name().equals("region outage with a failover region");
    Function<PodVolume.Builder, PodVolume.Builder> base =
        failover ? b -> b.parameter("failoverRegion", FAILOVER_REGION) : b -> b;
    CsiDriverSimulator driver = PROVIDER.newSimulator(b -> b.mountTimeout(c.deadline()));

    MountOutcome first = driver.mount(base.apply(volumeOf(c.auth(), target)).build());
    assertThat(first.error()).as("the first mount").isEmpty();
    Map<String, String> before = DirectorySnapshot.of(target);
    var filesBefore = MountedFiles.read(target);

    c.inject().run();
    long start = System.nanoTime();
    MountOutcome second =
        driver.remount(c.second().apply(base.apply(volumeOf(c.auth(), target))).build());
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    String files;
    if (c.code().isEmpty()) {
      assertThat(second.error()).as("the mount under the fault").isEmpty();
      assertThat(MountedFiles.read(target)).isEqualTo(filesBefore);
      files = "rewritten, same values";
      TABLE.add(row(c, "OK", "", took, files));
    } else {
      MountError error = second.error().orElseThrow(() -> new AssertionError(c + " succeeded"));
      synchronized (MESSAGES) {
        MESSAGES.add(error.message());
      }
      assertThat(error.masked()).as("driver v1.6 masks a failed re-mount").isTrue();
      assertThat(error.grpcCode()).contains(c.code());
      assertThat(error.detail()).startsWith(c.message());
      assertThat(took).as("answered within the deadline").isLessThan(c.deadline().plusSeconds(2));
      assertThat(DirectorySnapshot.of(target)).as("byte-identical volume").isEqualTo(before);
      files = "unchanged (byte-identical)";
      TABLE.add(row(c, c.code(), error.detail(), took, files));
    }

    // Recovery: with the fault gone, the next mount succeeds.
    AWS.aws().clearFaults();
    AWS_NET.mode(FaultProxy.Mode.FORWARD);
    KUBE_NET.mode(FaultProxy.Mode.FORWARD);
    AGENT_NET.mode(FaultProxy.Mode.FORWARD);
    // Kubelet retries a failed publish; a client may first meet keep-alive connections that the
    // fault closed, so the recovery is awaited over a few mounts rather than one.
    Awaitility.await("a mount after the fault")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              MountOutcome third = driver.remount(base.apply(volumeOf(c.auth(), target)).build());
              assertThat(third.error()).as("the mount after the fault").isEmpty();
              assertThat(third.rewritten()).isTrue();
            });
    assertThat(MountedFiles.read(target)).isEqualTo(filesBefore);
  }

  private static String row(Case c, String code, String message, Duration took, String files) {
    return "| "
        + c.name()
        + " | "
        + (code.isEmpty() ? "OK" : "`" + code + "`")
        + " | "
        + (message.isEmpty() ? "" : "`" + message.replace("|", "\\|") + "`")
        + " | "
        + took.toMillis()
        + " ms | "
        + files
        + " |";
  }
}
