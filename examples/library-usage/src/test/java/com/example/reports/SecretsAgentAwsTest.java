// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package com.example.reports;

import static io.ascp.testkit.assertions.AscpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ascp.api.AscpException;
import io.ascp.api.ErrorCode;
import io.ascp.aws.AwsSources;
import io.ascp.aws.AwsSourcesConfig;
import io.ascp.core.SecretMounter;
import io.ascp.core.SecretProviderClassManifest;
import io.ascp.testkit.AwsOperation;
import io.ascp.testkit.AwsService;
import io.ascp.testkit.FakeAws;
import io.ascp.testkit.junit.AwsEmulatorExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The production wiring ({@link Main#awsMounter}: {@link AwsSources}, the AWS SDK, HTTP) against
 * the testkit's AWS emulator on loopback.
 */
class SecretsAgentAwsTest {
  @RegisterExtension static final AwsEmulatorExtension AWS = new AwsEmulatorExtension();

  private static final String ACCESS_KEY = "AKIDREPORTSEXAMPLE";
  private static final SecretProviderClassManifest SPC =
      SecretProviderClassManifest.read(Path.of("config/secretproviderclass.yaml"));

  private final FakeAws aws = AWS.aws();
  private final ManualScheduler scheduler = new ManualScheduler();
  private AwsSources sources;
  private SecretMounter mounter;

  @BeforeEach
  void connect() {
    sources =
        AwsSources.builder()
            .config(AwsSourcesConfig.builder().endpoint(AWS.endpoint()).build())
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(ACCESS_KEY, "not-a-secret")))
            .build();
    mounter = Main.awsMounter(sources, "");
  }

  @AfterEach
  void close() {
    mounter.close();
    sources.close();
  }

  @Test
  void mountsAndRotatesThroughTheSdk() {
    ReportsStore.seed(aws, "us-east-1", "pw-1");
    try (SecretsAgent agent = SecretsAgent.builder(mounter, SPC).scheduler(scheduler).start()) {
      assertThat(agent.secrets().dbPassword()).isEqualTo("pw-1");
      assertThat(agent.secrets().signingKey()).containsExactly(ReportsStore.SIGNING_KEY);

      String v2 =
          aws.secretsManager("us-east-1")
              .rotate(ReportsStore.DB_SECRET, ReportsStore.dbJson("pw-2"));
      scheduler.runNext();
      assertThat(agent.mounted()).hasVersion("db-password", v2);
      assertThat(agent.secrets().dbPassword()).isEqualTo("pw-2");
    }
    assertThat(aws)
        .calls()
        .ofOperation(AwsOperation.GET_PARAMETERS)
        .hasSize(2)
        .allSucceeded()
        .allMadeBy(ACCESS_KEY);
  }

  @Test
  void accessDeniedFailsTheStartWithAwssReason() {
    ReportsStore.seed(aws, "us-east-1", "pw-1");
    aws.iam().allow(ACCESS_KEY, AwsService.SSM, "/reports/*");

    assertThatThrownBy(() -> SecretsAgent.builder(mounter, SPC).scheduler(scheduler).start())
        .isInstanceOfSatisfying(
            AscpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED))
        .hasMessageContaining("reports/")
        .hasMessageContaining("AccessDeniedException")
        .hasMessageNotContaining("pw-1");
  }
}
