// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package com.example.orders;

import static io.ascp.testkit.assertions.AscpAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ascp.api.AscpException;
import io.ascp.api.ErrorCode;
import io.ascp.api.MountParameters;
import io.ascp.aws.AwsSources;
import io.ascp.aws.AwsSourcesConfig;
import io.ascp.core.SecretMounter;
import io.ascp.testkit.AwsFault;
import io.ascp.testkit.AwsOperation;
import io.ascp.testkit.AwsService;
import io.ascp.testkit.FakeAws;
import io.ascp.testkit.FakeTicker;
import io.ascp.testkit.junit.AwsEmulatorExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Tests the production wiring ({@link AwsSources}, the AWS SDK, HTTP) of the mounting loader
 * against the testkit's emulator: the same code path as in production, on loopback.
 */
class MountedConfigLoaderAwsTest {
  // The store's time is virtual, so latency can hold calls until the test releases them.
  private static final FakeTicker TICKER = FakeTicker.create();

  @RegisterExtension
  static final AwsEmulatorExtension AWS =
      AwsEmulatorExtension.builder().fakeAws(FakeAws.builder().ticker(TICKER).build()).build();

  private static final String ACCESS_KEY = "AKIDORDERSEXAMPLE";
  private static final MountParameters SPC =
      MountedConfigLoader.parameters(Path.of("k8s/secretproviderclass.yaml"));

  private final FakeAws aws = AWS.aws();
  private AwsSources sources;
  private SecretMounter mounter;
  private MountedConfigLoader loader;

  @BeforeEach
  void connect() {
    sources =
        AwsSources.builder()
            .config(
                AwsSourcesConfig.builder()
                    .endpoint(AWS.endpoint())
                    .runtimeName("orders-service")
                    .runtimeVersion("1.0")
                    .build())
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(ACCESS_KEY, "not-a-secret")))
            .build();
    mounter = MountedConfigLoader.awsMounter(sources);
    loader = new MountedConfigLoader(mounter, SPC);
  }

  @AfterEach
  void close() {
    mounter.close();
    sources.close();
  }

  @Test
  void readsThroughTheSdkWithOneCallPerObjectType() {
    OrdersStore.seed(aws, "us-east-1", "pw-1");

    assertThat(loader.load())
        .isEqualTo(new DatabaseConfig(OrdersStore.URL, OrdersStore.USERNAME, "pw-1"));

    // Both parameters in one GetParameters call; every call as our key, with our app id.
    assertThat(aws)
        .calls()
        .hasSize(2)
        .hasCount(AwsOperation.GET_PARAMETERS, 1)
        .hasCount(AwsOperation.GET_SECRET_VALUE, 1)
        .allMadeBy(ACCESS_KEY)
        .allHaveUserAgentContaining("app/orders-service-1.0");
  }

  @Test
  void secretsAndParametersAreFetchedConcurrently() throws Exception {
    OrdersStore.seed(aws, "us-east-1", "pw-1");
    aws.inject(AwsFault.latency(Duration.ofSeconds(1)).build());

    CompletableFuture<DatabaseConfig> loading = CompletableFuture.supplyAsync(loader::load);
    aws.awaitInFlight(2, Duration.ofSeconds(30)); // both calls have arrived and are held...
    TICKER.advance(Duration.ofSeconds(1)); // ...until now

    assertThat(loading.get(30, TimeUnit.SECONDS).password()).isEqualTo("pw-1");
    assertThat(aws).calls().hasSize(2).overlapped();
  }

  @Test
  void accessDeniedInEveryRegionFailsTheMount() {
    OrdersStore.seed(aws, "us-east-1", "pw-1");
    OrdersStore.seed(aws, "us-west-2", "pw-1");
    aws.iam().allow(ACCESS_KEY, AwsService.SSM, "/orders/*");

    assertThatThrownBy(loader::load)
        .isInstanceOfSatisfying(
            AscpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED))
        .hasMessageContaining("orders/db-password")
        .hasMessageContaining("AccessDeniedException")
        .hasMessageNotContaining("pw-1");
    assertThat(aws)
        .calls()
        .ofOperation(AwsOperation.GET_SECRET_VALUE)
        .hasErrorCount("AccessDeniedException", 2);
  }
}
