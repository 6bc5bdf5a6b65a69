// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.ascp.csi.testing.CsiDriverSimulator;
import io.ascp.csi.testing.MountOutcome;
import io.ascp.csi.testing.MountedFiles;
import io.ascp.csi.testing.PodVolume;
import io.ascp.csi.testing.ProviderDaemonExtension;
import io.ascp.testkit.FakeTokens;
import io.ascp.testkit.junit.AwsEmulatorExtension;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The examples of docs/simulator.md, compiled and run. */
class SimulatorDocsExampleIT {
  // docs/simulator.md, "A test" -- begin
  @RegisterExtension
  @Order(1)
  static final AwsEmulatorExtension AWS = AwsEmulatorExtension.builder().build();

  @RegisterExtension
  @Order(2)
  static final ProviderDaemonExtension PROVIDER =
      ProviderDaemonExtension.builder()
          .awsEndpoint(AWS::endpoint) // or moto_server's endpoint
          .podIdentityAgentUrl(() -> AWS.emulator().podIdentityAgentUri())
          .env("AWS_REGION", "us-east-1") // or .kubernetesApi(...)
          .build();

  @Test
  void mountsTheDatabasePassword(CsiDriverSimulator driver, @TempDir Path target) {
    AWS.aws().secretsManager("us-east-1").createSecret("app/db", "{\"password\":\"pw\"}");
    AWS.aws().iam().associatePodIdentity("shop", "web", "arn:aws:iam::123456789012:role/web");
    PodVolume volume =
        PodVolume.builder()
            .pod("shop", "web-0", "uid-1")
            .serviceAccount("web")
            .secretProviderClass(
                "db",
                Map.of(
                    "usePodIdentity",
                    "true",
                    "objects",
                    """
                    - objectName: app/db
                      objectType: secretsmanager
                      jmesPath: [{path: password, objectAlias: password}]
                    """))
            .token(
                "pods.eks.amazonaws.com",
                FakeTokens.serviceAccountToken("shop", "web", "pods.eks.amazonaws.com"))
            .targetPath(target)
            .build();

    MountOutcome outcome = driver.mount(volume);

    assertThat(outcome.error()).isEmpty();
    assertThat(MountedFiles.readString(target, "password")).isEqualTo("pw");
  }

  // docs/simulator.md, "A test" -- end

  /** An instance field: one daemon per test, which sees none of the test JVM's variables. */
  @Nested
  class PerTest {
    @RegisterExtension
    final ProviderDaemonExtension perTest = ProviderDaemonExtension.builder().build();

    @Test
    void theDaemonHasNoRegionAndNoKubernetesUnlessGiven(@TempDir Path target) {
      MountOutcome outcome =
          perTest
              .simulator()
              .mount(
                  PodVolume.builder()
                      .pod("shop", "web-0", "uid-1")
                      .secretProviderClass("db", Map.of("objects", ""))
                      .token("sts.amazonaws.com", "t")
                      .targetPath(target)
                      .build());
      assertThat(outcome.error())
          .hasValueSatisfying(
              e ->
                  assertThat(e.detail())
                      .startsWith(
                          "failed to retrieve region from node. error no Kubernetes API"
                              + " configuration"));
      assertThat(perTest.socketPath().toString()).hasSizeLessThan(108);
    }
  }
}
