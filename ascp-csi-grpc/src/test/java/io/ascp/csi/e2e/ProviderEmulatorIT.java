// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.e2e;

import static io.ascp.csi.e2e.Fixtures.BINARY;
import static io.ascp.csi.e2e.Fixtures.DB_JSON;
import static io.ascp.csi.e2e.Fixtures.FAILOVER_REGION;
import static io.ascp.csi.e2e.Fixtures.FILES;
import static io.ascp.csi.e2e.Fixtures.NAMESPACE;
import static io.ascp.csi.e2e.Fixtures.NODE_REGION;
import static io.ascp.csi.e2e.Fixtures.PASSWORD;
import static io.ascp.csi.e2e.Fixtures.POD_IDENTITY_ROLE;
import static io.ascp.csi.e2e.Fixtures.ROLE;
import static io.ascp.csi.e2e.Fixtures.SECRET_MARKER;
import static io.ascp.csi.e2e.Fixtures.parameterName;
import static io.ascp.csi.e2e.Fixtures.parameterValue;
import static io.ascp.csi.e2e.Fixtures.volume;
import static org.assertj.core.api.Assertions.assertThat;

import io.ascp.api.CallerIdentity;
import io.ascp.api.MountedFile;
import io.ascp.api.ObjectVersion;
import io.ascp.csi.testing.CsiDriverSimulator;
import io.ascp.csi.testing.DriverVersion;
import io.ascp.csi.testing.MountCall;
import io.ascp.csi.testing.MountError;
import io.ascp.csi.testing.MountOutcome;
import io.ascp.csi.testing.MountedFiles;
import io.ascp.csi.testing.PodVolume;
import io.ascp.csi.testing.ProviderDaemonExtension;
import io.ascp.csi.testing.ProviderVersion;
import io.ascp.testkit.AwsOperation;
import io.ascp.testkit.AwsService;
import io.ascp.testkit.FakeAws;
import io.ascp.testkit.RecordedCall;
import io.ascp.testkit.SecretInput;
import io.ascp.testkit.junit.AwsEmulatorExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The daemon end to end with its production wiring (ascp-core over the AWS SDK), called over its
 * Unix socket by the CSI driver simulator as driver v1.6 calls it, backed by the testkit's AWS
 * emulator (Secrets Manager, SSM, STS, the Pod Identity agent) and a Kubernetes API on loopback.
 * The daemons run without {@code AWS_REGION}, so every mount takes its region from the label of the
 * pod's node.
 */
class ProviderEmulatorIT {
  @Order(0)
  @RegisterExtension
  static final LogCapture LOGS = new LogCapture();

  @Order(1)
  @RegisterExtension
  static final KubeApi KUBE = new KubeApi();

  @Order(2)
  @RegisterExtension
  static final AwsEmulatorExtension AWS = AwsEmulatorExtension.builder().build();

  /** Provider-writes mode; Pod Identity agent from --pod-identity-agent-url. */
  @Order(3)
  @RegisterExtension
  static final ProviderDaemonExtension PROVIDER_WRITES =
      ProviderDaemonExtension.builder()
          .awsEndpoint(AWS::endpoint)
          .kubernetesApi(KUBE::url)
          .podIdentityAgentUrl(() -> AWS.emulator().podIdentityAgentUri())
          .build();

  /** Driver-writes mode; Pod Identity agent from ASCP_POD_IDENTITY_AGENT_URL. */
  @Order(4)
  @RegisterExtension
  static final ProviderDaemonExtension DRIVER_WRITES =
      ProviderDaemonExtension.builder()
          .awsEndpoint(AWS::endpoint)
          .kubernetesApi(KUBE::url)
          .env("ASCP_POD_IDENTITY_AGENT_URL", () -> AWS.emulator().podIdentityAgentUri().toString())
          .driverWritesSecrets(true)
          .build();

  /** Every status message a test saw, for the marker check. */
  private static final List<String> MESSAGES = new ArrayList<>();

  @TempDir Path dir;

  @BeforeAll
  static void cluster() {
    Fixtures.seedKubernetes(KUBE);
  }

  @BeforeEach
  void seed() {
    FakeAws aws = AWS.aws();
    for (String region : List.of(NODE_REGION, FAILOVER_REGION)) {
      aws.secretsManager(region).createSecret("shop/db", DB_JSON);
      aws.secretsManager(region).createSecret("shop/tls", SecretInput.binary(BINARY));
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
  static void noMarkerInAnyLogLineOrStatusMessage() {
    assertThat(LOGS.lines()).isNotEmpty();
    assertThat(LOGS.lines())
        .noneMatch(line -> line.contains(Tokens.MARKER))
        .noneMatch(line -> line.contains(SECRET_MARKER))
        .noneMatch(line -> line.contains("pw-"));
    assertThat(MESSAGES).isNotEmpty();
    assertThat(MESSAGES)
        .noneMatch(m -> m.contains(Tokens.MARKER))
        .noneMatch(m -> m.contains(SECRET_MARKER));
  }

  private Path target(String name) throws Exception {
    return Files.createDirectory(dir.resolve(name));
  }

  private static MountOutcome succeed(MountOutcome outcome) {
    assertThat(outcome.error()).as("the mount's error").isEmpty();
    return outcome;
  }

  private static MountError fail(MountOutcome outcome) {
    MountError error =
        outcome.error().orElseThrow(() -> new AssertionError("the mount succeeded: " + outcome));
    synchronized (MESSAGES) {
      MESSAGES.add(error.message());
    }
    return error;
  }

  private static String file(Path target, String name) {
    return MountedFiles.readString(target, name);
  }

  private static byte[] bytes(Path target, String name) {
    return MountedFiles.read(target).stream()
        .filter(f -> f.path().equals(name))
        .findFirst()
        .orElseThrow()
        .contents();
  }

  @Test
  void versionAnswersLikeTheReference() {
    ProviderVersion version = PROVIDER_WRITES.simulator().version();
    assertThat(version.version()).isEqualTo("v1alpha1");
    assertThat(version.runtimeName()).isEqualTo("ascp-java");
    assertThat(version.runtimeVersion()).isNotEmpty();
  }

  @Test
  void providerWritesTheFilesWithTheAtomicLayout() throws Exception {
    Path target = target("t");
    MountOutcome outcome = succeed(PROVIDER_WRITES.simulator().mount(volume(target).build()));

    assertThat(outcome.responseFiles()).isEmpty();
    assertThat(outcome.rewritten()).isTrue();
    assertThat(MountedFiles.read(target))
        .extracting(MountedFile::path)
        .containsExactlyElementsOf(FILES);
    assertThat(Files.isSymbolicLink(target.resolve("..data"))).isTrue();
    assertThat(Files.readSymbolicLink(target.resolve("db-user")).toString())
        .isEqualTo("..data/db-user");
    assertThat(file(target, "db.json")).isEqualTo(DB_JSON);
    assertThat(file(target, "db-user")).isEqualTo("admin");
    assertThat(file(target, "db-password")).isEqualTo(PASSWORD);
    assertThat(bytes(target, "tls.bin")).isEqualTo(BINARY);
    for (int n = 1; n <= 11; n++) {
      assertThat(file(target, "_shop_p%02d".formatted(n))).isEqualTo(parameterValue(n));
    }
    assertThat(MountedFiles.read(target))
        .allSatisfy(
            f -> assertThat(f.mode()).isEqualTo(f.path().equals("db-password") ? 0600 : 0644));
  }

  @Test
  void driverWritesGetsEveryFileInTheResponse() throws Exception {
    Path target = target("t");
    MountOutcome outcome = succeed(DRIVER_WRITES.simulator().mount(volume(target).build()));

    assertThat(outcome.responseFiles())
        .extracting(MountedFile::path)
        .containsExactlyInAnyOrderElementsOf(FILES);
    assertThat(outcome.rewritten()).isTrue();
    assertThat(file(target, "db-user")).isEqualTo("admin");
    assertThat(bytes(target, "tls.bin")).isEqualTo(BINARY);
    assertThat(Files.isSymbolicLink(target.resolve("..data"))).isTrue();
  }

  @Test
  void bothWriteModesGiveThePodTheSameFilesAndVersions() throws Exception {
    Path a = target("a");
    Path b = target("b");
    MountOutcome provider = succeed(PROVIDER_WRITES.simulator().mount(volume(a).build()));
    MountOutcome driver = succeed(DRIVER_WRITES.simulator().mount(volume(b).build()));

    assertThat(MountedFiles.read(b)).isEqualTo(MountedFiles.read(a));
    assertThat(driver.objectVersions()).isEqualTo(provider.objectVersions());
    assertThat(provider.objectVersions())
        .extracting(ObjectVersion::id)
        .containsExactlyElementsOf(FILES);
  }

  @Test
  void versionsAreTheBackendVersions() throws Exception {
    MountOutcome outcome = succeed(PROVIDER_WRITES.simulator().mount(volume(target("t")).build()));
    String dbVersion =
        AWS.aws()
            .secretsManager(NODE_REGION)
            .describeSecret("shop/db")
            .versionWithStage("AWSCURRENT")
            .orElseThrow();
    assertThat(outcome.version("db.json")).isEqualTo(dbVersion);
    assertThat(outcome.version("db-user")).isEqualTo(dbVersion);
    assertThat(outcome.version("db-password")).isEqualTo(dbVersion);
    assertThat(outcome.version("_shop_p07")).isEqualTo("1");
  }

  @Test
  void elevenParametersTakeTwoGetParametersCallsAndTheRegionComesFromTheNodeLabel()
      throws Exception {
    succeed(PROVIDER_WRITES.simulator().mount(volume(target("t")).build()));

    List<RecordedCall> ssm = AWS.aws().calls(AwsOperation.GET_PARAMETERS);
    assertThat(ssm).hasSize(2);
    assertThat(ssm).extracting(c -> c.objects().size()).containsExactlyInAnyOrder(10, 1);
    assertThat(AWS.aws().calls(AwsOperation.GET_SECRET_VALUE)).hasSize(2);
    assertThat(AWS.aws().calls())
        .filteredOn(c -> c.service() != AwsService.STS)
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c.region()).isEqualTo(NODE_REGION));
  }

  @Test
  void irsaAssumesTheRoleAnnotatedOnTheServiceAccount() throws Exception {
    succeed(PROVIDER_WRITES.simulator().mount(volume(target("t")).build()));

    assertThat(AWS.aws().calls(AwsOperation.ASSUME_ROLE_WITH_WEB_IDENTITY))
        .hasSize(1)
        .allSatisfy(c -> assertThat(c.succeeded()).isTrue());
    assertThat(AWS.aws().calls())
        .filteredOn(c -> c.service() == AwsService.SECRETS_MANAGER || c.service() == AwsService.SSM)
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c.principal()).isEqualTo(ROLE));
  }

  static Stream<Arguments> daemons() {
    return Stream.of(
        Arguments.of("--pod-identity-agent-url", PROVIDER_WRITES),
        Arguments.of("ASCP_POD_IDENTITY_AGENT_URL", DRIVER_WRITES));
  }

  @ParameterizedTest(name = "agent from {0}")
  @MethodSource("daemons")
  void podIdentityGetsCredentialsFromTheAgentOverride(String how, ProviderDaemonExtension daemon)
      throws Exception {
    Path target = target("t");
    PodVolume volume =
        volume(target)
            .pod(NAMESPACE, "pi-0", "7d1c2b4a-0000-4000-8000-000000000pi0")
            .serviceAccount("pi")
            .withoutTokens()
            .token(
                CallerIdentity.POD_IDENTITY_AUDIENCE,
                Tokens.token(NAMESPACE, "pi", CallerIdentity.POD_IDENTITY_AUDIENCE))
            .parameter("usePodIdentity", "true")
            .build();
    succeed(daemon.simulator().mount(volume));

    assertThat(file(target, "db-user")).isEqualTo("admin");
    assertThat(AWS.aws().calls(AwsOperation.POD_IDENTITY_CREDENTIALS)).hasSize(1);
    assertThat(AWS.aws().calls(AwsOperation.ASSUME_ROLE_WITH_WEB_IDENTITY)).isEmpty();
    assertThat(AWS.aws().calls())
        .filteredOn(c -> c.service() == AwsService.SECRETS_MANAGER)
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c.principal()).isEqualTo(POD_IDENTITY_ROLE));
  }

  static Stream<Arguments> writeModes() {
    return Stream.of(
        Arguments.of("provider writes", PROVIDER_WRITES),
        Arguments.of("driver writes", DRIVER_WRITES));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("writeModes")
  void aRotationShowsOnTheNextMountWithChangedVersions(String mode, ProviderDaemonExtension daemon)
      throws Exception {
    Path target = target("t");
    PodVolume volume = volume(target).build();
    CsiDriverSimulator driver = daemon.simulator();
    MountOutcome first = succeed(driver.mount(volume));

    String newJson = "{\"username\":\"admin2\",\"password\":\"pw-" + SECRET_MARKER + "-2\"}";
    AWS.aws().secretsManager(NODE_REGION).putSecretValue("shop/db", newJson);
    AWS.aws()
        .parameterStore(NODE_REGION)
        .putParameter(parameterName(3), "rotated-" + SECRET_MARKER);
    MountOutcome second = succeed(driver.remount(volume));

    assertThat(second.rewritten()).isTrue();
    assertThat(file(target, "db.json")).isEqualTo(newJson);
    assertThat(file(target, "db-user")).isEqualTo("admin2");
    assertThat(file(target, "_shop_p03")).isEqualTo("rotated-" + SECRET_MARKER);
    for (String changed : List.of("db.json", "db-user", "db-password", "_shop_p03")) {
      assertThat(second.version(changed)).as(changed).isNotEqualTo(first.version(changed));
    }
    assertThat(second.version("_shop_p03")).isEqualTo("2");
    for (String same : List.of("tls.bin", "_shop_p01", "_shop_p11")) {
      assertThat(second.version(same)).as(same).isEqualTo(first.version(same));
    }
    assertThat(driver.status(volume)).contains(second.objectVersions());
  }

  @Test
  void withoutChangesTheDriverLeavesTheVolumeAloneAndTheVersionsStay() throws Exception {
    Path target = target("t");
    PodVolume volume = volume(target).build();
    CsiDriverSimulator driver = DRIVER_WRITES.simulator();
    MountOutcome first = succeed(driver.mount(volume));
    Path data = Files.readSymbolicLink(target.resolve("..data"));

    MountOutcome second = succeed(driver.remount(volume));

    assertThat(second.rewritten()).isFalse();
    assertThat(Files.readSymbolicLink(target.resolve("..data"))).isEqualTo(data);
    assertThat(second.objectVersions()).isEqualTo(first.objectVersions());
  }

  @Test
  void aDriverUpTo15SendsTheMountedVersionsAndGetsTheSameFiles() throws Exception {
    Path target = target("t");
    PodVolume volume = volume(target).build();
    CsiDriverSimulator driver =
        PROVIDER_WRITES.newSimulator(b -> b.driverVersion(DriverVersion.V1_5));
    MountOutcome first = succeed(driver.mount(volume));
    AWS.aws().clearCalls();

    MountOutcome second = succeed(driver.remount(volume));

    assertThat(second.objectVersions()).isEqualTo(first.objectVersions());
    assertThat(file(target, "db-password")).isEqualTo(PASSWORD);
    // With the mounted versions known, Secrets Manager is asked whether they are still current.
    assertThat(AWS.aws().calls(AwsOperation.DESCRIBE_SECRET)).isNotEmpty();
  }

  @Test
  void theFailoverRegionServesWhenThePrimaryRegionIsDown() throws Exception {
    Path target = target("t");
    String failoverJson =
        "{\"username\":\"admin-fo\",\"password\":\"pw-" + SECRET_MARKER + "-fo\"}";
    AWS.aws().secretsManager(FAILOVER_REGION).putSecretValue("shop/db", failoverJson);
    AWS.aws().regionDown(NODE_REGION);
    PodVolume volume = volume(target).parameter("failoverRegion", FAILOVER_REGION).build();

    MountOutcome outcome = succeed(PROVIDER_WRITES.simulator().mount(volume));

    assertThat(file(target, "db-user")).isEqualTo("admin-fo");
    assertThat(file(target, "_shop_p05")).isEqualTo(parameterValue(5));
    String failoverVersion =
        AWS.aws()
            .secretsManager(FAILOVER_REGION)
            .describeSecret("shop/db")
            .versionWithStage("AWSCURRENT")
            .orElseThrow();
    assertThat(outcome.version("db-user")).isEqualTo(failoverVersion);
    assertThat(AWS.aws().calls())
        .filteredOn(c -> c.service() == AwsService.SECRETS_MANAGER && c.succeeded())
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c.region()).isEqualTo(FAILOVER_REGION));
  }

  /** One bad request per class of the reference's order of checks, with its first error. */
  static Stream<Arguments> badRequests() {
    UnaryOperator<PodVolume.Builder> same = b -> b;
    return Stream.of(
        bad(
            "target path",
            raw(c -> c.withTargetPath("")),
            "INVALID_ARGUMENT",
            "Missing mount path"),
        bad(
            "attributes",
            raw(c -> c.withAttributes("{")),
            "INVALID_ARGUMENT",
            "failed to unmarshal attributes, error: unexpected end of JSON input"),
        bad(
            "tokens",
            onVolume(b -> b.withoutTokens()),
            "UNAUTHENTICATED",
            "CSI token error: serviceAccount.tokens not provided - ensure tokenRequests is"
                + " configured in CSIDriver - ensure tokenRequests is configured in CSIDriver spec"),
        bad(
            "permission",
            raw(c -> c.withPermission("0644")),
            "INVALID_ARGUMENT",
            "failed to unmarshal file permission, error: invalid character '6' after top-level"
                + " value"),
        bad(
            "region",
            onVolume(b -> b.pod(NAMESPACE, "ghost-0", "uid-ghost")),
            "UNKNOWN",
            "failed to retrieve region from node. error pods \"ghost-0\" not found"),
        bad(
            "failover region",
            onVolume(b -> b.parameter("failoverRegion", NODE_REGION)),
            "INVALID_ARGUMENT",
            NODE_REGION + ": failover region cannot be the same as the primary region"),
        bad(
            "usePodIdentity",
            onVolume(b -> b.parameter("usePodIdentity", "maybe")),
            "INVALID_ARGUMENT",
            "failed to parse usePodIdentity value, error: strconv.ParseBool: parsing \"maybe\":"
                + " invalid syntax"),
        bad(
            "IRSA token",
            onVolume(
                b ->
                    b.withoutTokens()
                        .token(
                            CallerIdentity.POD_IDENTITY_AUDIENCE,
                            Tokens.token(NAMESPACE, "web", CallerIdentity.POD_IDENTITY_AUDIENCE))),
            "UNAUTHENTICATED",
            "IRSA token extraction failed: token for audience \"sts.amazonaws.com\" not found -"
                + " ensure tokenRequests includes this audience in CSIDriver"),
        bad(
            "role annotation",
            onVolume(b -> b.serviceAccount("norole")),
            "UNAUTHENTICATED",
            "An IAM role must be associated with service account norole (namespace: shop)"),
        bad(
            "objects",
            onVolume(
                b ->
                    b.parameter(
                        "objects", "- objectName: shop/db\n  objectType: SecretsManager\n")),
            "INVALID_ARGUMENT",
            "Invalid objectType: SecretsManager"),
        bad(
            "missing secret",
            onVolume(
                b ->
                    b.parameter(
                        "objects", "- objectName: shop/absent\n  objectType: secretsmanager\n")),
            "NOT_FOUND",
            NODE_REGION + ": Failed fetching secret shop/absent: ResourceNotFoundException"),
        bad(
            "access denied",
            onVolume(
                b ->
                    b.parameter(
                        "objects", "- objectName: other/db\n  objectType: secretsmanager\n")),
            "PERMISSION_DENIED",
            "Failed to fetch secret from all regions. Verify secret exists and required"
                + " permissions are granted for: other/db; "
                + NODE_REGION
                + ": Failed fetching secret other/db: AccessDeniedException"),
        bad("a good request", onVolume(same), "", ""));
  }

  private record Request(
      UnaryOperator<MountCall> call, UnaryOperator<PodVolume.Builder> volume, boolean raw) {}

  private static Request raw(UnaryOperator<MountCall> call) {
    return new Request(call, b -> b, true);
  }

  private static Request onVolume(UnaryOperator<PodVolume.Builder> volume) {
    return new Request(c -> c, volume, false);
  }

  private static Arguments bad(String name, Request request, String code, String message) {
    return Arguments.of(name, request, code, message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void theFirstErrorOfEachClassHasTheReferenceText(
      String name, Request request, String code, String message) throws Exception {
    Path target = target("t");
    PodVolume volume = request.volume().apply(volume(target)).build();
    CsiDriverSimulator driver = PROVIDER_WRITES.simulator();
    MountOutcome outcome =
        request.raw()
            ? driver.send(request.call().apply(MountCall.of(volume)))
            : driver.mount(volume);
    if (code.isEmpty()) {
      succeed(outcome);
      return;
    }
    MountError error = fail(outcome);
    assertThat(error.errorType()).isEqualTo("GRPCProviderError");
    assertThat(error.grpcCode()).contains(code);
    assertThat(error.detail()).startsWith(message);
    assertThat(error.message())
        .startsWith("failed to mount secrets store objects for pod ")
        .contains(", err: rpc error: code = ")
        .endsWith(" desc = " + error.detail());
    try (Stream<Path> entries = Files.list(target)) {
      assertThat(entries).as("nothing is left in the target").isEmpty();
    }
  }
}
