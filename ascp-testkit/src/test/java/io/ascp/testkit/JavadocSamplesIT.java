// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit;

import static io.ascp.testkit.assertions.AscpAssertions.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.ascp.api.CallerIdentity;
import io.ascp.api.MountResult;
import io.ascp.api.MountedFile;
import io.ascp.api.ObjectType;
import io.ascp.api.ObjectVersion;
import io.ascp.api.spi.FetchBatch;
import io.ascp.api.spi.FetchResult;
import io.ascp.api.spi.ObjectRequest;
import io.ascp.api.spi.SecretSource;
import io.ascp.testkit.junit.AwsEmulatorExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The {@code <pre>} samples of the testkit's Javadoc, compiled and run. {@link DocsSnippetsTest}
 * checks that each sample is still a copy of the code here (or of another test).
 */
class JavadocSamplesIT {
  private final FakeAws aws = FakeAws.create();

  private List<FetchResult> fetch(String region, String name) {
    return aws.secretSource()
        .fetch(
            new FetchBatch(
                ObjectType.SECRETS_MANAGER,
                region,
                CallerIdentity.defaultChain(),
                List.of(ObjectRequest.of(name))));
  }

  @Test
  void fakeAws() {
    // FakeAws
    FakeAws aws = FakeAws.create();
    aws.secretsManager("us-east-1").createSecret("app/db", "pw-1");
    aws.parameterStore("us-east-1").putParameter("/app/url", "https://example.test");
    SecretSource source = aws.secretSource();

    assertThat(
            source.fetch(
                new FetchBatch(
                    ObjectType.SSM_PARAMETER,
                    "us-east-1",
                    CallerIdentity.defaultChain(),
                    List.of(ObjectRequest.of("/app/url")))))
        .singleElement()
        .isInstanceOf(FetchResult.Found.class);
  }

  @Test
  void seedingSecretsParametersAndSecretInputs() {
    // FakeSecretsManager
    FakeSecretsManager sm = aws.secretsManager("us-east-1");
    sm.createSecret("app/db", "pw-1"); // version 1: AWSCURRENT
    String v2 = sm.putSecretValue("app/db", "pw-2"); // v2: AWSCURRENT, v1: AWSPREVIOUS
    String v3 = sm.rotate("app/db", "pw-3"); // v3: AWSCURRENT, v2: AWSPREVIOUS
    assertThat(sm.describeSecret("app/db").versionWithStage("AWSPREVIOUS")).contains(v2);
    assertThat(sm.describeSecret("app/db").versionWithStage("AWSCURRENT")).contains(v3);

    // SecretInput
    String v4 = sm.putSecretValue("app/db", SecretInput.string("pw-4").withStages("AWSPENDING"));
    assertThat(sm.describeSecret("app/db").versionWithStage("AWSPENDING")).contains(v4);

    // FakeParameterStore
    FakeParameterStore ps = aws.parameterStore("us-east-1");
    ps.putParameter("/app/url", "https://v1.example.test"); // version 1
    ps.putParameter("/app/url", "https://v2.example.test"); // version 2
    ps.labelParameterVersion("/app/url", 1, "stable");
    assertThat(ps.getParameter("/app/url:stable").orElseThrow().version()).isEqualTo("1");
  }

  @Test
  void faultsAndAccessRules() {
    aws.secretsManager("us-east-1").createSecret("app/db", "pw-1");
    // AwsFault
    aws.inject(
        AwsFault.error(AwsError.throttling())
            .region("us-east-1")
            .operation(AwsOperation.GET_SECRET_VALUE)
            .times(2) // two failures, then success
            .build());
    fetch("us-east-1", "app/db");
    fetch("us-east-1", "app/db");
    assertThat(fetch("us-east-1", "app/db")).singleElement().isInstanceOf(FetchResult.Found.class);

    // RecordedCallsAssert
    assertThat(aws)
        .calls()
        .hasCount(AwsOperation.GET_SECRET_VALUE, 3)
        .hasErrorCount("ThrottlingException", 2);
    assertThat(aws).calls().inRegion("us-west-2").hasSize(0);

    // FakeIam
    aws.iam()
        .allow("arn:aws:iam::123456789012:role/app-a", AwsService.SECRETS_MANAGER, "app-a/*")
        .allow("arn:aws:iam::123456789012:role/app-b", AwsService.SECRETS_MANAGER, "app-b/*");
    assertThat(aws.iam().enforcesAccess()).isTrue();
  }

  @Test
  void tokensAndTicker() {
    // FakeTokens
    String token = FakeTokens.serviceAccountToken("team-a", "app", "sts.amazonaws.com");
    assertThat(token.split("\\.")).hasSize(3);

    // FakeTicker
    FakeTicker ticker = FakeTicker.create();
    long start = ticker.read();
    ticker.advance(Duration.ofSeconds(30));
    assertThat(ticker.read() - start).isEqualTo(Duration.ofSeconds(30).toNanos());
  }

  @Test
  void assertions() {
    aws.secretsManager("us-east-1").createSecret("app/db", "pw-1");
    fetch("us-east-1", "app/db");
    String v2 = "v2";
    MountResult result =
        new MountResult(
            List.of(
                new MountedFile("db-username", 0644, "admin".getBytes(UTF_8)),
                new MountedFile("db-password", 0400, "pw-2".getBytes(UTF_8))),
            List.of(new ObjectVersion("db-password", v2), new ObjectVersion("db-username", v2)));

    // AscpAssertions
    assertThat(result).hasExactlyFiles("db-username", "db-password");
    assertThat(result).hasFile("db-password").withMode(0400).withContent("pw-2");
    assertThat(aws).calls().hasCount(AwsOperation.GET_SECRET_VALUE, 1).allSucceeded();

    // MountResultAssert
    assertThat(result)
        .hasExactlyFiles("db-username", "db-password")
        .hasNoFile("db-url")
        .hasVersion("db-password", v2);
    assertThat(result).hasFile("db-password").withMode(0400).withContent("pw-2");
  }

  @Test
  void theEmulator() {
    // AwsEmulator
    try (AwsEmulator emulator = AwsEmulator.start();
        SecretsManagerClient client =
            SecretsManagerClient.builder()
                .endpointOverride(emulator.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(
                    StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIDTEST", "secret")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build()) {
      emulator.aws().secretsManager("us-east-1").createSecret("app/db", "pw-1");
      assertThat(client.getSecretValue(b -> b.secretId("app/db")).secretString()).isEqualTo("pw-1");
    }
  }

  /** AwsEmulatorExtension, declarative. */
  @Nested
  @ExtendWith(AwsEmulatorExtension.class)
  class MyAwsTest {
    @Test
    void readsSecret(AwsEmulator emulator, FakeAws aws) {
      aws.secretsManager("us-east-1").createSecret("app/db", "pw-1");
      // ... point an SDK client at emulator.endpoint()
      assertThat(emulator.aws()).isSameAs(aws);
    }
  }

  /** AwsEmulatorExtension, programmatic. */
  @Nested
  class Programmatic {
    private static final FakeTicker TICKER = FakeTicker.create();

    @RegisterExtension
    static final AwsEmulatorExtension AWS =
        AwsEmulatorExtension.builder().fakeAws(FakeAws.builder().ticker(TICKER).build()).build();

    @Test
    void servesTheStoreWithTheTicker(FakeTicker ticker) {
      assertThat(ticker).isSameAs(TICKER);
      assertThat(AWS.aws().ticker()).contains(TICKER);
    }
  }
}
