// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.DecryptionFailureException;
import software.amazon.awssdk.services.secretsmanager.model.InternalServiceErrorException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.InvalidKeyIdException;

/** Injected faults as the real SDK sees them: exception classes, retries, overlap, outages. */
class AwsEmulatorFaultsIT {
  private static final FakeTicker TICKER = FakeTicker.create();
  private static final AwsEmulator EMULATOR =
      AwsEmulator.start(FakeAws.builder().ticker(TICKER).build());
  private static final Sdk SDK = new Sdk(EMULATOR.endpoint());
  private final SecretsManagerClient sm = SDK.secretsManager("us-east-1");
  private final ExecutorService pool = Executors.newCachedThreadPool();

  @AfterAll
  static void stop() {
    SDK.close();
    EMULATOR.close();
  }

  @BeforeEach
  void reset() {
    EMULATOR.aws().reset();
    EMULATOR.aws().secretsManager("us-east-1").createSecret("s", "v");
    EMULATOR.aws().secretsManager("us-west-2").createSecret("s", "west");
    EMULATOR.aws().parameterStore("us-east-1").putSecureString("/p", "v");
  }

  @AfterEach
  void shutdown() {
    pool.shutdownNow();
  }

  @Test
  void modelledErrorsBecomeTheirSdkClasses() {
    FakeAws aws = EMULATOR.aws();
    aws.inject(AwsFault.error(AwsError.decryptionFailure()).times(1).build());
    assertThatThrownBy(() -> sm.getSecretValue(b -> b.secretId("s")))
        .isInstanceOf(DecryptionFailureException.class);
    aws.inject(AwsFault.error(AwsError.invalidKeyId()).times(1).build());
    try (SsmClient ssm = SDK.ssm("us-east-1")) {
      assertThatThrownBy(() -> ssm.getParameters(b -> b.names("/p").withDecryption(true)))
          .isInstanceOf(InvalidKeyIdException.class);
    }
    assertThat(aws.calls(AwsOperation.GET_SECRET_VALUE)).hasSize(1); // a 4xx is not retried
    // A 5xx is retried by the SDK until its attempts run out.
    aws.inject(AwsFault.error(AwsError.internalServiceError()).build());
    assertThatThrownBy(() -> sm.getSecretValue(b -> b.secretId("s")))
        .isInstanceOf(InternalServiceErrorException.class);
    assertThat(aws.calls(AwsOperation.GET_SECRET_VALUE)).hasSizeGreaterThan(2);
  }

  @Test
  void throttlingTwiceThenSuccessIsAbsorbedBySdkRetries() {
    EMULATOR
        .aws()
        .inject(
            AwsFault.error(AwsError.throttling())
                .operation(AwsOperation.GET_SECRET_VALUE)
                .times(2)
                .build());
    assertThat(sm.getSecretValue(b -> b.secretId("s")).secretString()).isEqualTo("v");
    assertThat(EMULATOR.aws().calls(AwsOperation.GET_SECRET_VALUE))
        .extracting(c -> c.errorCode().orElse("OK"))
        .containsExactly("ThrottlingException", "ThrottlingException", "OK");
  }

  @Test
  void unmodelledErrorsKeepTheirCode() {
    EMULATOR.aws().inject(AwsFault.error(AwsError.throttling()).build());
    assertThatThrownBy(() -> sm.getSecretValue(b -> b.secretId("s")))
        .isInstanceOfSatisfying(
            SecretsManagerException.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
              assertThat(e.isThrottlingException()).isTrue();
            });
  }

  @Test
  void perSecretFaultsLandInBatchErrors() {
    EMULATOR.aws().secretsManager("us-east-1").createSecret("t", "w");
    EMULATOR.aws().inject(AwsFault.error(AwsError.decryptionFailure()).object("t").build());
    BatchGetSecretValueResponse r = sm.batchGetSecretValue(b -> b.secretIdList("s", "t"));
    assertThat(r.secretValues()).extracting(v -> v.name()).containsExactly("s");
    assertThat(r.errors())
        .extracting(e -> e.secretId() + ":" + e.errorCode())
        .containsExactly("t:DecryptionFailure");
  }

  @Test
  void aRegionDownDropsConnectionsOnlyThere() {
    EMULATOR.aws().regionDown("us-west-2");
    try (SecretsManagerClient west = SDK.secretsManager("us-west-2")) {
      assertThatThrownBy(() -> west.getSecretValue(b -> b.secretId("s")))
          .isInstanceOf(SdkClientException.class);
    }
    assertThat(sm.getSecretValue(b -> b.secretId("s")).secretString()).isEqualTo("v");
    assertThat(EMULATOR.aws().calls(AwsOperation.GET_SECRET_VALUE))
        .filteredOn(c -> c.region().equals("us-west-2"))
        .allMatch(c -> c.errorCode().orElse("").equals("ConnectionFailure"))
        .hasSizeGreaterThanOrEqualTo(1);
  }

  @Test
  void latencyHoldsResponsesWithoutHoldingServerThreads() throws Exception {
    EMULATOR.aws().inject(AwsFault.latency(Duration.ofMillis(500)).build());
    List<Future<String>> futures = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      futures.add(pool.submit(() -> sm.getSecretValue(b -> b.secretId("s")).secretString()));
    }
    EMULATOR.aws().awaitInFlight(6, Duration.ofSeconds(30));
    assertThat(futures).noneMatch(Future::isDone);
    TICKER.advance(Duration.ofMillis(500));
    for (Future<String> f : futures) {
      assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo("v");
    }
    assertThat(RecordedCall.maxConcurrency(EMULATOR.aws().calls(AwsOperation.GET_SECRET_VALUE)))
        .isEqualTo(6);
  }

  @Test
  void realLatencyWithTheSystemClockAlsoOverlaps() throws Exception {
    try (AwsEmulator real = AwsEmulator.start();
        Sdk sdk = new Sdk(real.endpoint());
        SecretsManagerClient client = sdk.secretsManager("us-east-1")) {
      real.aws().secretsManager("us-east-1").createSecret("s", "v");
      real.aws().inject(AwsFault.latency(Duration.ofMillis(300)).build());
      List<Future<String>> futures = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        futures.add(pool.submit(() -> client.getSecretValue(b -> b.secretId("s")).secretString()));
      }
      real.aws().awaitInFlight(4, Duration.ofSeconds(30));
      for (Future<String> f : futures) {
        assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo("v");
      }
      assertThat(RecordedCall.maxConcurrency(real.aws().calls())).isEqualTo(4);
    }
  }
}
