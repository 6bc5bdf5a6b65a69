// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ascp.api.AuthMode;
import io.ascp.api.CallerIdentity;
import io.ascp.api.ErrorCode;
import io.ascp.api.ObjectType;
import io.ascp.api.spi.FetchBatch;
import io.ascp.api.spi.FetchResult;
import io.ascp.api.spi.ObjectRequest;
import io.ascp.api.spi.SecretSource;
import io.ascp.testkit.junit.AwsEmulatorExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** The examples of docs/testkit.md, compiled and run. Keep the two in step. */
class DocsExamplesIT {

  @RegisterExtension
  static final AwsEmulatorExtension AWS =
      AwsEmulatorExtension.builder()
          .fakeAws(FakeAws.builder().ticker(FakeTicker.create()).build())
          .build();

  @Test
  void fastTestsOnTheSecretSource() {
    // --- docs: fast tests ---
    FakeAws aws = FakeAws.create();
    aws.secretsManager("us-east-1").createSecret("app/db", "{\"password\":\"pw-1\"}");
    aws.parameterStore("us-east-1").putParameter("/app/url", "https://v1.example.test");

    SecretSource source = aws.secretSource();
    List<FetchResult> results =
        source.fetch(
            new FetchBatch(
                ObjectType.SECRETS_MANAGER,
                "us-east-1",
                CallerIdentity.defaultChain(),
                List.of(ObjectRequest.of("app/db"), ObjectRequest.of("app/missing"))));

    assertThat(results.get(0)).isInstanceOf(FetchResult.Found.class);
    assertThat(((FetchResult.Failed) results.get(1)).error().code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(aws.calls(AwsOperation.GET_SECRET_VALUE)).hasSize(2);
    // --- end ---
  }

  @Test
  void versionsStagesAndLabels() {
    FakeAws aws = FakeAws.create();
    // --- docs: seeding ---
    FakeSecretsManager sm = aws.secretsManager("us-east-1");
    String arn = sm.createSecret("app/db", "pw-1"); // v1: AWSCURRENT
    String v2 = sm.putSecretValue("app/db", "pw-2"); // v2: AWSCURRENT, v1: AWSPREVIOUS
    String v3 =
        sm.putSecretValue(
            "app/db",
            SecretInput.string("pw-3")
                .withVersionId("33333333-3333-4333-8333-333333333333")
                .withStages("AWSPENDING"));
    sm.updateSecretVersionStage("app/db", "AWSCURRENT", v3); // v2 becomes AWSPREVIOUS
    String v4 = sm.rotate("app/db", "pw-4"); // AWSPENDING then AWSCURRENT on v4
    sm.createSecret("app/cert", SecretInput.binary(new byte[] {0x30, (byte) 0x82}));

    FakeParameterStore ps = aws.parameterStore("us-east-1");
    ps.putParameter("/app/url", "https://v1.example.test"); // version 1
    ps.putParameter("/app/url", "https://v2.example.test"); // version 2
    ps.labelParameterVersion("/app/url", 1, "stable");
    ps.putSecureString("/app/token", "t-1");
    ps.putStringList("/app/hosts", List.of("a.example.test", "b.example.test"));
    // --- end ---
    assertThat(arn).startsWith("arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db-");
    assertThat(sm.describeSecret("app/db").versionWithStage("AWSCURRENT")).contains(v4);
    assertThat(sm.describeSecret("app/db").versionWithStage("AWSPREVIOUS")).contains(v3);
    assertThat(sm.getSecretValueByVersionId("app/db", v2).size()).isEqualTo(4);
    assertThat(ps.getParameter("/app/url:stable").orElseThrow().version()).isEqualTo("1");
  }

  @Test
  void faultsLatencyAndOverlap() throws Exception {
    // --- docs: faults ---
    FakeTicker ticker = FakeTicker.create();
    FakeAws aws = FakeAws.builder().ticker(ticker).build();
    aws.secretsManager("us-east-1").createSecret("app/db", "pw");
    aws.secretsManager("us-west-2").createSecret("app/db", "pw");

    // Two throttles in us-east-1, then success.
    aws.inject(
        AwsFault.error(AwsError.throttling())
            .region("us-east-1")
            .operation(AwsOperation.GET_SECRET_VALUE)
            .times(2)
            .build());
    // us-west-2 is unreachable until regionUp.
    aws.regionDown("us-west-2");
    // Every GetSecretValue takes 2 s of virtual time.
    aws.inject(
        AwsFault.latency(Duration.ofSeconds(2)).operation(AwsOperation.GET_SECRET_VALUE).build());
    // --- end ---
    SecretSource source = aws.secretSource();
    FetchBatch east =
        new FetchBatch(
            ObjectType.SECRETS_MANAGER,
            "us-east-1",
            CallerIdentity.defaultChain(),
            List.of(ObjectRequest.of("app/db")));
    assertThat(((FetchResult.Failed) source.fetch(east).get(0)).error().code())
        .isEqualTo(ErrorCode.THROTTLED);
    assertThat(((FetchResult.Failed) source.fetch(east).get(0)).error().code())
        .isEqualTo(ErrorCode.THROTTLED);
    aws.clearCalls();

    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      // --- docs: overlap ---
      List<Future<List<FetchResult>>> inFlight =
          List.of(pool.submit(() -> source.fetch(east)), pool.submit(() -> source.fetch(east)));
      aws.awaitInFlight(2, Duration.ofSeconds(10)); // both calls have arrived
      ticker.advance(Duration.ofSeconds(2)); // ...and now both complete
      for (Future<List<FetchResult>> f : inFlight) {
        assertThat(f.get(10, TimeUnit.SECONDS).get(0)).isInstanceOf(FetchResult.Found.class);
      }
      assertThat(RecordedCall.maxConcurrency(aws.calls())).isEqualTo(2);
      // --- end ---
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void identities() {
    FakeAws aws = FakeAws.create();
    aws.secretsManager("us-east-1").createSecret("team-a/db", "a");
    aws.secretsManager("us-east-1").createSecret("team-b/db", "b");
    // --- docs: identities ---
    String roleA = "arn:aws:iam::123456789012:role/team-a";
    aws.iam()
        .allow(roleA, AwsService.SECRETS_MANAGER, "team-a/*")
        .allowWebIdentity(roleA, "system:serviceaccount:team-a:*")
        .associatePodIdentity("team-a", "app", roleA);

    CallerIdentity podA = CallerIdentity.builder().authMode(AuthMode.IRSA).roleArn(roleA).build();
    List<FetchResult> r =
        aws.secretSource()
            .fetch(
                new FetchBatch(
                    ObjectType.SECRETS_MANAGER,
                    "us-east-1",
                    podA,
                    List.of(ObjectRequest.of("team-a/db"), ObjectRequest.of("team-b/db"))));
    assertThat(((FetchResult.Failed) r.get(1)).error().code()).isEqualTo(ErrorCode.ACCESS_DENIED);
    // --- end ---
    assertThat(r.get(0)).isInstanceOf(FetchResult.Found.class);
  }

  @Test
  void realSdkAgainstTheEmulator() {
    // --- docs: emulator ---
    AwsEmulator emulator = AWS.emulator(); // or AwsEmulator.start(), closed after use
    emulator.aws().secretsManager("us-east-1").createSecret("app/db", "pw-1");

    try (SecretsManagerClient client =
        SecretsManagerClient.builder()
            .endpointOverride(emulator.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build()) {
      assertThat(client.getSecretValue(b -> b.secretId("app/db")).secretString()).isEqualTo("pw-1");
    }
    RecordedCall call = emulator.aws().calls().get(0);
    assertThat(call.accessKeyId()).contains("AKIDTEST");
    assertThat(call.principal()).isEqualTo("AKIDTEST");
    // --- end ---
  }
}
