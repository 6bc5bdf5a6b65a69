// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import static io.ascp.aws.Emulated.EAST;
import static io.ascp.aws.Emulated.irsa;
import static io.ascp.aws.Emulated.mountParameters;
import static io.ascp.aws.Emulated.podIdentity;
import static io.ascp.aws.Emulated.role;
import static io.ascp.aws.Emulated.secrets;
import static io.ascp.aws.Emulated.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.ascp.api.AddressPreference;
import io.ascp.api.MountRequest;
import io.ascp.core.SecretMounter;
import io.ascp.testkit.AwsOperation;
import io.ascp.testkit.FakeAws;
import io.ascp.testkit.RecordedCall;
import io.ascp.testkit.junit.AwsEmulatorExtension;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The User-Agent app id (DESIGN §6.5) as the emulator records it on every kind of call: Secrets
 * Manager, Parameter Store, STS and the Pod Identity agent.
 */
class UserAgentEmulatorIT {
  @RegisterExtension static final AwsEmulatorExtension AWS = new AwsEmulatorExtension();

  FakeAws aws;

  @BeforeEach
  void seed() {
    aws = AWS.aws();
    aws.secretsManager(EAST).createSecret("app/db", "pw");
    aws.parameterStore(EAST).putParameter("/app/url", "u");
    aws.iam().associatePodIdentity("team", "app", role("app"));
  }

  /** Mounts as an IRSA pod and reads as a Pod Identity pod; returns every recorded call. */
  List<RecordedCall> callsWith(UnaryOperator<AwsSourcesConfig.Builder> config) {
    try (AwsSources sources = Emulated.sources(AWS.emulator(), config);
        SecretMounter mounter = Emulated.mounter(sources)) {
      mounter.mount(
          MountRequest.of(
              mountParameters(
                  EAST,
                  null,
                  """
                  - objectName: app/db
                    objectType: secretsmanager
                  - objectName: /app/url
                    objectType: ssmparameter
                  """),
              irsa("team", "app", role("app"))));
      assertThat(
              text(
                  sources
                      .secretsManager()
                      .fetch(
                          secrets(
                              EAST,
                              podIdentity("team", "app", "uid-1", AddressPreference.AUTO),
                              "app/db"))
                      .get(0)))
          .isEqualTo("pw");
    }
    List<RecordedCall> calls = aws.calls();
    assertThat(calls)
        .extracting(RecordedCall::operation)
        .contains(
            AwsOperation.GET_SECRET_VALUE,
            AwsOperation.GET_PARAMETERS,
            AwsOperation.ASSUME_ROLE_WITH_WEB_IDENTITY,
            AwsOperation.POD_IDENTITY_CREDENTIALS);
    return calls;
  }

  @Test
  void everyCallCarriesTheRuntimeNameAndVersion() {
    String version = AwsSourcesConfig.artifactVersion();
    assertThat(version).matches("\\d+\\.\\d+\\.\\d+.*");

    List<RecordedCall> calls = callsWith(b -> b);

    assertThat(calls)
        .allSatisfy(
            c ->
                assertThat(c.userAgent())
                    .as("User-Agent of %s", c.operation())
                    .hasValueSatisfying(ua -> assertThat(ua).contains("app/ascp-java-" + version)));
  }

  @Test
  void theEksAddonVersionReplacesTheRuntimeVersion() {
    List<RecordedCall> calls = callsWith(b -> b.eksAddonVersion("v1.2.3-eksbuild.1"));

    assertThat(calls)
        .allSatisfy(
            c ->
                assertThat(c.userAgent())
                    .as("User-Agent of %s", c.operation())
                    .hasValueSatisfying(
                        ua ->
                            assertThat(ua)
                                .contains("app/ascp-java-v1.2.3-eksbuild.1")
                                .doesNotContain(AwsSourcesConfig.artifactVersion())));
  }

  @Test
  void theReferenceProvidersNameIsSentWholeThoughLongerThanTheSdkRecommends() {
    String appId = "secrets-store-csi-driver-provider-aws-v1.2.3-eksbuild.1";
    assertThat(appId.length()).isGreaterThan(50);

    List<RecordedCall> calls =
        callsWith(
            b ->
                b.runtimeName("secrets-store-csi-driver-provider-aws")
                    .eksAddonVersion("v1.2.3-eksbuild.1"));

    assertThat(calls)
        .allSatisfy(
            c ->
                assertThat(c.userAgent())
                    .hasValueSatisfying(ua -> assertThat(ua).contains("app/" + appId)));
  }
}
