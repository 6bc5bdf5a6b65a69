// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.e2e;

import static io.ascp.csi.e2e.Fixtures.BINARY;
import static io.ascp.csi.e2e.Fixtures.DB_JSON;
import static io.ascp.csi.e2e.Fixtures.FILES;
import static io.ascp.csi.e2e.Fixtures.NODE_REGION;
import static io.ascp.csi.e2e.Fixtures.PASSWORD;
import static io.ascp.csi.e2e.Fixtures.SECRET_MARKER;
import static io.ascp.csi.e2e.Fixtures.parameterName;
import static io.ascp.csi.e2e.Fixtures.parameterValue;
import static io.ascp.csi.e2e.Fixtures.volume;
import static org.assertj.core.api.Assertions.assertThat;

import io.ascp.api.MountedFile;
import io.ascp.api.ObjectVersion;
import io.ascp.csi.testing.CsiDriverSimulator;
import io.ascp.csi.testing.MountOutcome;
import io.ascp.csi.testing.MountedFiles;
import io.ascp.csi.testing.PodVolume;
import io.ascp.csi.testing.ProviderDaemonExtension;
import io.ascp.testkit.junit.MotoServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
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
 * The daemon end to end against moto_server, an emulator that is not ours: Secrets Manager, SSM and
 * STS ({@code AssumeRoleWithWebIdentity} for IRSA, the role read from the service account's
 * annotation on a loopback Kubernetes API), both write modes, and a rotation. The region comes from
 * the pod's node label. Skipped without moto_server, failed when {@code CI=true}.
 */
class ProviderMotoIT {
  @Order(1)
  @RegisterExtension
  static final KubeApi KUBE = new KubeApi();

  @Order(2)
  @RegisterExtension
  static final MotoServerExtension MOTO = new MotoServerExtension();

  @Order(3)
  @RegisterExtension
  static final ProviderDaemonExtension PROVIDER_WRITES =
      ProviderDaemonExtension.builder()
          .awsEndpoint(() -> MOTO.server().endpoint())
          .kubernetesApi(KUBE::url)
          .build();

  @Order(4)
  @RegisterExtension
  static final ProviderDaemonExtension DRIVER_WRITES =
      ProviderDaemonExtension.builder()
          .awsEndpoint(() -> MOTO.server().endpoint())
          .kubernetesApi(KUBE::url)
          .driverWritesSecrets(true)
          .build();

  @TempDir Path dir;

  private MotoSeed moto;
  private String dbVersion;

  @BeforeAll
  static void cluster() {
    Fixtures.seedKubernetes(KUBE);
  }

  @BeforeEach
  void seed() {
    moto = new MotoSeed(MOTO.server().endpoint(), NODE_REGION);
    dbVersion = moto.createSecret("shop/db", DB_JSON);
    moto.createBinarySecret("shop/tls", BINARY);
    for (int n = 1; n <= 11; n++) {
      moto.putParameter(parameterName(n), parameterValue(n));
    }
  }

  static Stream<Arguments> writeModes() {
    return Stream.of(
        Arguments.of("provider writes", PROVIDER_WRITES),
        Arguments.of("driver writes", DRIVER_WRITES));
  }

  private Path target(String name) throws Exception {
    return Files.createDirectory(dir.resolve(name));
  }

  private static MountOutcome succeed(MountOutcome outcome) {
    assertThat(outcome.error()).as("the mount's error").isEmpty();
    return outcome;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("writeModes")
  void twoSecretsAndElevenParametersWithJmesPathAndBinaryViaIrsa(
      String mode, ProviderDaemonExtension daemon) throws Exception {
    Path target = target("t");
    MountOutcome outcome = succeed(daemon.simulator().mount(volume(target).build()));

    assertThat(MountedFiles.read(target))
        .extracting(MountedFile::path)
        .containsExactlyElementsOf(FILES);
    assertThat(MountedFiles.readString(target, "db.json")).isEqualTo(DB_JSON);
    assertThat(MountedFiles.readString(target, "db-user")).isEqualTo("admin");
    assertThat(MountedFiles.readString(target, "db-password")).isEqualTo(PASSWORD);
    assertThat(
            MountedFiles.read(target).stream()
                .filter(f -> f.path().equals("tls.bin"))
                .findFirst()
                .orElseThrow()
                .contents())
        .isEqualTo(BINARY);
    for (int n = 1; n <= 11; n++) {
      assertThat(MountedFiles.readString(target, "_shop_p%02d".formatted(n)))
          .isEqualTo(parameterValue(n));
    }
    assertThat(MountedFiles.read(target))
        .allSatisfy(
            f -> assertThat(f.mode()).isEqualTo(f.path().equals("db-password") ? 0600 : 0644));
    assertThat(outcome.objectVersions())
        .extracting(ObjectVersion::id)
        .containsExactlyElementsOf(FILES);
    assertThat(outcome.version("db-user")).isEqualTo(dbVersion);
    assertThat(outcome.version("_shop_p11")).isEqualTo("1");
    assertThat(outcome.responseFiles()).hasSize(daemon == DRIVER_WRITES ? FILES.size() : 0);
  }

  @Test
  void bothWriteModesGiveThePodTheSameFiles() throws Exception {
    Path a = target("a");
    Path b = target("b");
    succeed(PROVIDER_WRITES.simulator().mount(volume(a).build()));
    succeed(DRIVER_WRITES.simulator().mount(volume(b).build()));
    assertThat(MountedFiles.read(b)).isEqualTo(MountedFiles.read(a));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("writeModes")
  void aRotationShowsOnTheNextMountWithAChangedVersion(String mode, ProviderDaemonExtension daemon)
      throws Exception {
    Path target = target("t");
    PodVolume volume = volume(target).build();
    CsiDriverSimulator driver = daemon.simulator();
    MountOutcome first = succeed(driver.mount(volume));

    String newJson = "{\"username\":\"admin2\",\"password\":\"pw-" + SECRET_MARKER + "-2\"}";
    String newVersion = moto.putSecretValue("shop/db", newJson);
    moto.putParameter(parameterName(4), "rotated");
    MountOutcome second = succeed(driver.remount(volume));

    assertThat(MountedFiles.readString(target, "db-user")).isEqualTo("admin2");
    assertThat(MountedFiles.readString(target, "_shop_p04")).isEqualTo("rotated");
    assertThat(second.version("db-user"))
        .isEqualTo(newVersion)
        .isNotEqualTo(first.version("db-user"));
    assertThat(second.version("_shop_p04")).isEqualTo("2");
    for (String same : List.of("tls.bin", "_shop_p01")) {
      assertThat(second.version(same)).isEqualTo(first.version(same));
    }
  }
}
