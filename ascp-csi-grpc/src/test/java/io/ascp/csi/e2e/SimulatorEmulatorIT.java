// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.e2e;

import static io.ascp.csi.e2e.Fixtures.NAMESPACE;
import static io.ascp.csi.e2e.Fixtures.POD_IDENTITY_ROLE;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.ascp.api.CallerIdentity;
import io.ascp.csi.testing.CsiDriverSimulator;
import io.ascp.csi.testing.DriverVersion;
import io.ascp.csi.testing.MountOutcome;
import io.ascp.csi.testing.MountedFiles;
import io.ascp.csi.testing.PodVolume;
import io.ascp.csi.testing.ProviderDaemonExtension;
import io.ascp.csi.testing.SecretObjectSpec;
import io.ascp.csi.testing.SecretSync;
import io.ascp.csi.testing.SyncResult;
import io.ascp.testkit.AwsOperation;
import io.ascp.testkit.FakeTicker;
import io.ascp.testkit.junit.AwsEmulatorExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator's driver behaviour against the real daemon: kubelet's republish with the rotation
 * poll interval on a fake clock (driver v1.6 and v1.5), a masked re-mount failure, unmount, and the
 * Secret sync of mounted files. Pod Identity through the emulator's agent, region from the daemon's
 * {@code AWS_REGION}: no Kubernetes API needed.
 */
class SimulatorEmulatorIT {
  private static final String REGION = "us-west-2";

  @Order(1)
  @RegisterExtension
  static final AwsEmulatorExtension AWS = AwsEmulatorExtension.builder().build();

  @Order(2)
  @RegisterExtension
  static final ProviderDaemonExtension PROVIDER_WRITES =
      ProviderDaemonExtension.builder()
          .awsEndpoint(AWS::endpoint)
          .podIdentityAgentUrl(() -> AWS.emulator().podIdentityAgentUri())
          .env("AWS_REGION", REGION)
          .build();

  @Order(3)
  @RegisterExtension
  static final ProviderDaemonExtension DRIVER_WRITES =
      ProviderDaemonExtension.builder()
          .awsEndpoint(AWS::endpoint)
          .podIdentityAgentUrl(() -> AWS.emulator().podIdentityAgentUri())
          .env("AWS_REGION", REGION)
          .driverWritesSecrets(true)
          .build();

  @TempDir Path dir;

  private final FakeTicker ticker = FakeTicker.create();

  @BeforeEach
  void seed() {
    AWS.aws().secretsManager(REGION).createSecret("shop/db", "{\"user\":\"admin\",\"pw\":\"p1\"}");
    AWS.aws().iam().associatePodIdentity(NAMESPACE, "web", POD_IDENTITY_ROLE);
  }

  private PodVolume volume(Path target) {
    return PodVolume.builder()
        .pod(NAMESPACE, "web-0", "uid-web-0")
        .serviceAccount("web")
        .secretProviderClass(
            "db",
            Map.of(
                "usePodIdentity",
                "true",
                "objects",
                """
                - objectName: shop/db
                  objectType: secretsmanager
                  objectAlias: db.json
                  jmesPath:
                    - {path: user, objectAlias: user}
                    - {path: pw, objectAlias: password}
                """))
        .token(
            CallerIdentity.POD_IDENTITY_AUDIENCE,
            Tokens.token(NAMESPACE, "web", CallerIdentity.POD_IDENTITY_AUDIENCE))
        .targetPath(target)
        .build();
  }

  private CsiDriverSimulator driver(ProviderDaemonExtension daemon, DriverVersion version) {
    return daemon.newSimulator(
        b ->
            b.driverVersion(version)
                .clock(ticker.clock())
                .rotationPollInterval(Duration.ofMinutes(2)));
  }

  private static MountOutcome called(Optional<MountOutcome> republish) {
    assertThat(republish).as("the driver called the provider").isPresent();
    MountOutcome outcome = republish.orElseThrow();
    assertThat(outcome.error()).isEmpty();
    return outcome;
  }

  @Test
  void driverWritesV16CallsOncePerIntervalUntilAWriteAndThenAtEveryRepublish() throws Exception {
    PodVolume volume = volume(Files.createDirectory(dir.resolve("t")));
    CsiDriverSimulator driver = driver(DRIVER_WRITES, DriverVersion.V1_6);
    assertThat(driver.mount(volume).error()).isEmpty();
    int calls = AWS.aws().calls(AwsOperation.GET_SECRET_VALUE).size();

    ticker.advance(Duration.ofSeconds(60));
    assertThat(driver.republish(volume)).isEmpty();
    ticker.advance(Duration.ofSeconds(61));
    assertThat(called(driver.republish(volume)).rewritten()).isFalse();
    // Nothing changed, so nothing was written and the volume's time stays old: the next republish
    // calls the provider again at once (the driver's behaviour, csi-contract §3.1).
    ticker.advance(Duration.ofSeconds(60));
    assertThat(called(driver.republish(volume)).rewritten()).isFalse();
    assertThat(AWS.aws().calls(AwsOperation.GET_SECRET_VALUE)).hasSize(calls + 2);

    AWS.aws()
        .secretsManager(REGION)
        .putSecretValue("shop/db", "{\"user\":\"admin\",\"pw\":\"p2\"}");
    ticker.advance(Duration.ofSeconds(60));
    assertThat(called(driver.republish(volume)).rewritten()).isTrue();
    assertThat(MountedFiles.readString(volume.targetPath(), "password")).isEqualTo("p2");
    ticker.advance(Duration.ofSeconds(60));
    assertThat(driver.republish(volume)).as("within the interval after a write").isEmpty();
  }

  @Test
  void providerWritesV16RewritesAtEveryCallSoTheIntervalHolds() throws Exception {
    PodVolume volume = volume(Files.createDirectory(dir.resolve("t")));
    CsiDriverSimulator driver = driver(PROVIDER_WRITES, DriverVersion.V1_6);
    assertThat(driver.mount(volume).error()).isEmpty();

    ticker.advance(Duration.ofMinutes(2));
    assertThat(called(driver.republish(volume)).rewritten()).isTrue();
    ticker.advance(Duration.ofMinutes(1));
    assertThat(driver.republish(volume)).isEmpty();
  }

  @Test
  void v15ReconcilesEveryIntervalWithTheMountedVersions() throws Exception {
    PodVolume volume = volume(Files.createDirectory(dir.resolve("t")));
    CsiDriverSimulator driver = driver(DRIVER_WRITES, DriverVersion.V1_5);
    MountOutcome first = driver.mount(volume);
    assertThat(first.error()).isEmpty();

    ticker.advance(Duration.ofMinutes(1));
    assertThat(driver.republish(volume)).isEmpty();
    ticker.advance(Duration.ofMinutes(1));
    assertThat(called(driver.republish(volume)).objectVersions()).isEqualTo(first.objectVersions());
    assertThat(AWS.aws().calls(AwsOperation.DESCRIBE_SECRET)).isNotEmpty();
  }

  @Test
  void aFailedRemountIsMaskedByV16AndKeepsTheOldFiles() throws Exception {
    PodVolume volume = volume(Files.createDirectory(dir.resolve("t")));
    CsiDriverSimulator driver = driver(PROVIDER_WRITES, DriverVersion.V1_6);
    MountOutcome first = driver.mount(volume);
    assertThat(first.error()).isEmpty();

    AWS.aws().secretsManager(REGION).forceDeleteSecret("shop/db");
    MountOutcome second = driver.remount(volume);

    assertThat(second.error()).hasValueSatisfying(e -> assertThat(e.masked()).isTrue());
    assertThat(second.error().orElseThrow().grpcCode()).contains("NOT_FOUND");
    assertThat(MountedFiles.readString(volume.targetPath(), "password")).isEqualTo("p1");
    assertThat(driver.status(volume)).contains(first.objectVersions());

    driver.unmount(volume);
    try (var entries = Files.list(volume.targetPath())) {
      assertThat(entries).isEmpty();
    }
    assertThat(driver.status(volume)).isEmpty();
  }

  @Test
  void theSyncBuildsTheSecretsFromTheMountedFiles() throws Exception {
    PodVolume volume = volume(Files.createDirectory(dir.resolve("t")));
    assertThat(DRIVER_WRITES.simulator().mount(volume).error()).isEmpty();

    SyncResult result =
        SecretSync.sync(
            volume,
            List.of(
                SecretObjectSpec.builder("db-basic", "kubernetes.io/basic-auth")
                    .data("user", "username")
                    .data("password", "password")
                    .build(),
                SecretObjectSpec.builder("db-json", "Opaque")
                    .data("db.json", "config.json")
                    .build()));

    assertThat(result.errors()).isEmpty();
    assertThat(result.secret("db-basic").dataAsString("username")).isEqualTo("admin");
    assertThat(result.secret("db-basic").dataAsString("password")).isEqualTo("p1");
    assertThat(new String(result.secret("db-json").data("config.json"), US_ASCII))
        .isEqualTo("{\"user\":\"admin\",\"pw\":\"p1\"}");
  }
}
