// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package com.example.orders;

import static io.ascp.testkit.assertions.AscpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ascp.testkit.AwsError;
import io.ascp.testkit.AwsFault;
import io.ascp.testkit.AwsOperation;
import io.ascp.testkit.AwsService;
import io.ascp.testkit.FakeAws;
import io.ascp.testkit.junit.AwsEmulatorExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Tests code that calls the AWS SDK itself: the real SDK clients talk HTTP to the testkit's
 * emulator on loopback, which behaves as AWS does (errors, retries, identities) and records every
 * call.
 */
class SdkConfigLoaderTest {
  // One emulator for the class; its store is emptied before each test.
  @RegisterExtension static final AwsEmulatorExtension AWS = new AwsEmulatorExtension();

  private static final String ACCESS_KEY = "AKIDORDERSEXAMPLE";
  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, "not-a-secret"));

  private final FakeAws aws = AWS.aws();
  private SecretsManagerClient secrets;
  private SsmClient ssm;
  private SdkConfigLoader loader;

  @BeforeEach
  void connect() {
    // Point the clients at the emulator: everything else is what production code does.
    secrets =
        SecretsManagerClient.builder()
            .endpointOverride(AWS.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(CREDENTIALS)
            .overrideConfiguration(SdkConfigLoaderTest::testClientConfig)
            .build();
    ssm =
        SsmClient.builder()
            .endpointOverride(AWS.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(CREDENTIALS)
            .overrideConfiguration(SdkConfigLoaderTest::testClientConfig)
            .build();
    loader = new SdkConfigLoader(secrets, ssm);
  }

  private static void testClientConfig(ClientOverrideConfiguration.Builder c) {
    c.appId("orders-service")
        // Three attempts whatever AWS_MAX_ATTEMPTS or AWS_RETRY_MODE say, and no backoff waits:
        // the retries are the SDK's, the test is about what the loader does with the outcome.
        .retryStrategy(
            r ->
                r.maxAttempts(3)
                    .backoffStrategy(BackoffStrategy.retryImmediately())
                    .throttlingBackoffStrategy(BackoffStrategy.retryImmediately()));
  }

  @AfterEach
  void close() {
    secrets.close();
    ssm.close();
  }

  @Test
  void loadsTheSettingsWithOneCallPerService() {
    OrdersStore.seed(aws, "us-east-1", "pw-1");

    assertThat(loader.load())
        .isEqualTo(new DatabaseConfig(OrdersStore.URL, OrdersStore.USERNAME, "pw-1"));

    // The API-call budget, who called, and with which app id.
    assertThat(aws)
        .calls()
        .hasSize(2)
        .hasCount(AwsOperation.GET_PARAMETERS, 1)
        .hasCount(AwsOperation.GET_SECRET_VALUE, 1)
        .allSucceeded()
        .allMadeBy(ACCESS_KEY)
        .allHaveUserAgentContaining("app/orders-service");
  }

  @Test
  void throttlingIsRetriedByTheSdk() {
    OrdersStore.seed(aws, "us-east-1", "pw-1");
    aws.inject(
        AwsFault.error(AwsError.throttling())
            .operation(AwsOperation.GET_SECRET_VALUE)
            .times(2)
            .build());

    assertThat(loader.load().password()).isEqualTo("pw-1");

    assertThat(aws)
        .calls()
        .ofOperation(AwsOperation.GET_SECRET_VALUE)
        .hasSize(3)
        .hasErrorCount("ThrottlingException", 2);
  }

  @Test
  void throttlingThatOutlastsTheRetriesIsReported() {
    OrdersStore.seed(aws, "us-east-1", "pw-1");
    aws.inject(
        AwsFault.error(AwsError.throttling()).operation(AwsOperation.GET_SECRET_VALUE).build());

    assertThatThrownBy(loader::load)
        .isInstanceOf(ConfigException.class)
        .hasMessage("Cannot read secret orders/db-password: ThrottlingException");
    // Three attempts in all (see testClientConfig).
    assertThat(aws).calls().ofOperation(AwsOperation.GET_SECRET_VALUE).hasSize(3);
  }

  @Test
  void accessDeniedNamesTheSecretButNotItsValue() {
    OrdersStore.seed(aws, "us-east-1", "pw-1");
    // From the first rule on, a principal reaches only what its rules allow: no Secrets Manager.
    aws.iam().allow(ACCESS_KEY, AwsService.SSM, "/orders/*");

    assertThatThrownBy(loader::load)
        .isInstanceOf(ConfigException.class)
        .hasMessage("Cannot read secret orders/db-password: AccessDeniedException")
        .hasStackTraceContaining("is not authorized to perform: secretsmanager:GetSecretValue")
        .satisfies(e -> assertThat(e.toString()).doesNotContain("pw-1"));
  }

  @Test
  void aMissingSecretIsReported() {
    OrdersStore.seedParameters(aws, "us-east-1");

    assertThatThrownBy(loader::load)
        .isInstanceOf(ConfigException.class)
        .hasMessage("Secret orders/db-password does not exist");
    assertThat(aws).calls().hasErrorCount("ResourceNotFoundException", 1);
  }

  @Test
  void aMissingParameterIsReported() {
    aws.secretsManager("us-east-1").createSecret(SdkConfigLoader.PASSWORD_SECRET, "pw-1");

    assertThatThrownBy(loader::load)
        .isInstanceOf(ConfigException.class)
        .hasMessage("Missing parameters: [/orders/db-url, /orders/db-username]");
    // The loader stops before reading the secret.
    assertThat(aws).calls().hasCount(AwsOperation.GET_SECRET_VALUE, 0);
  }
}
