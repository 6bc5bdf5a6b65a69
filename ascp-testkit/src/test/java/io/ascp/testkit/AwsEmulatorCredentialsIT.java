// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.InvalidIdentityTokenException;
import software.amazon.awssdk.services.sts.model.StsException;

/** STS, the Pod Identity agent, and access rules keyed on the identities they issue. */
class AwsEmulatorCredentialsIT {
  private static final String ROLE_A = "arn:aws:iam::123456789012:role/app-a";
  private static final String ROLE_B = "arn:aws:iam::123456789012:role/app-b";
  private static final FakeTicker TICKER = FakeTicker.create();
  private static final AwsEmulator EMULATOR =
      AwsEmulator.start(FakeAws.builder().ticker(TICKER).build());
  private static final Sdk SDK = new Sdk(EMULATOR.endpoint());

  @AfterAll
  static void stop() {
    SDK.close();
    EMULATOR.close();
  }

  @BeforeEach
  void reset() {
    EMULATOR.aws().reset();
    EMULATOR.aws().secretsManager("us-east-1").createSecret("a/db", "pw-a");
    EMULATOR.aws().secretsManager("us-east-1").createSecret("b/db", "pw-b");
    EMULATOR
        .aws()
        .iam()
        .allow(ROLE_A, AwsService.SECRETS_MANAGER, "a/*")
        .allow(ROLE_B, AwsService.SECRETS_MANAGER, "b/*");
  }

  private static SecretsManagerClient as(Credentials c) {
    return SDK.secretsManager(
        "us-east-1",
        StaticCredentialsProvider.create(
            AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken())));
  }

  private static Credentials assume(String role, String namespace, String sa) {
    try (StsClient sts = SDK.sts("us-east-1")) {
      return sts.assumeRoleWithWebIdentity(
              b ->
                  b.roleArn(role)
                      .roleSessionName("ascp-test")
                      .webIdentityToken(
                          FakeTokens.serviceAccountToken(namespace, sa, "sts.amazonaws.com")))
          .credentials();
    }
  }

  @Test
  void webIdentityCredentialsActAsTheRole() {
    AssumeRoleWithWebIdentityResponse r;
    java.time.Instant now = TICKER.instant();
    try (StsClient sts = SDK.sts("us-east-1")) {
      r =
          sts.assumeRoleWithWebIdentity(
              b ->
                  b.roleArn(ROLE_A)
                      .roleSessionName("session-1")
                      .webIdentityToken(
                          FakeTokens.serviceAccountToken("ns", "sa", "sts.amazonaws.com")));
    }
    assertThat(r.subjectFromWebIdentityToken()).isEqualTo("system:serviceaccount:ns:sa");
    assertThat(r.assumedRoleUser().arn())
        .isEqualTo("arn:aws:sts::123456789012:assumed-role/app-a/session-1");
    assertThat(r.audience()).isEqualTo("sts.amazonaws.com");
    assertThat(r.credentials().accessKeyId()).startsWith("ASIA").hasSize(20);
    assertThat(r.credentials().expiration()).isEqualTo(now.plus(Duration.ofHours(1)));
    assertThat(EMULATOR.aws().iam().principalOf(r.credentials().accessKeyId())).contains(ROLE_A);

    try (SecretsManagerClient a = as(r.credentials())) {
      assertThat(a.getSecretValue(b -> b.secretId("a/db")).secretString()).isEqualTo("pw-a");
      assertThatThrownBy(() -> a.getSecretValue(b -> b.secretId("b/db")))
          .isInstanceOfSatisfying(
              SecretsManagerException.class,
              e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                assertThat(e.awsErrorDetails().errorMessage())
                    .startsWith(
                        "User: arn:aws:sts::123456789012:assumed-role/app-a/session-1 is not"
                            + " authorized to perform: secretsmanager:GetSecretValue");
              });
    }
    assertThat(EMULATOR.aws().calls(AwsOperation.GET_SECRET_VALUE))
        .extracting(RecordedCall::principal)
        .containsExactly(ROLE_A, ROLE_A);
    assertThat(EMULATOR.aws().calls(AwsOperation.GET_SECRET_VALUE).get(0).accessKeyId())
        .contains(r.credentials().accessKeyId());
    assertThat(EMULATOR.aws().calls(AwsOperation.GET_SECRET_VALUE).get(0).userAgent().orElse(""))
        .contains("aws-sdk-java");
  }

  @Test
  void temporaryCredentialsExpireOnTheStoreClock() {
    Credentials c = assume(ROLE_B, "ns", "sa");
    try (SecretsManagerClient b = as(c)) {
      assertThat(b.getSecretValue(x -> x.secretId("b/db")).secretString()).isEqualTo("pw-b");
      TICKER.advance(Duration.ofHours(1));
      assertThatThrownBy(() -> b.getSecretValue(x -> x.secretId("b/db")))
          .isInstanceOfSatisfying(
              SecretsManagerException.class,
              e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ExpiredTokenException"));
    }
    // Refused calls are recorded too, as the principal the key stood for.
    assertThat(EMULATOR.aws().calls(AwsOperation.GET_SECRET_VALUE))
        .extracting(call -> call.principal() + ":" + call.errorCode().orElse("OK"))
        .containsExactly(ROLE_B + ":OK", ROLE_B + ":ExpiredTokenException");
    Credentials forged =
        Credentials.builder()
            .accessKeyId(c.accessKeyId())
            .secretAccessKey(c.secretAccessKey())
            .sessionToken("not-the-token")
            .build();
    try (SecretsManagerClient b = as(forged)) {
      assertThatThrownBy(() -> b.getSecretValue(x -> x.secretId("b/db")))
          .isInstanceOfSatisfying(
              SecretsManagerException.class,
              e ->
                  assertThat(e.awsErrorDetails().errorCode())
                      .isEqualTo("UnrecognizedClientException"));
    }
  }

  @Test
  void trustPoliciesAndBadTokensAreEnforced() {
    EMULATOR.aws().iam().allowWebIdentity(ROLE_A, "system:serviceaccount:team-a:*");
    assertThat(assume(ROLE_A, "team-a", "app").accessKeyId()).startsWith("ASIA");
    assertThatThrownBy(() -> assume(ROLE_A, "team-b", "app"))
        .isInstanceOfSatisfying(
            StsException.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
              assertThat(e.statusCode()).isEqualTo(403);
            });
    try (StsClient sts = SDK.sts("us-east-1")) {
      assertThatThrownBy(
              () ->
                  sts.assumeRoleWithWebIdentity(
                      b -> b.roleArn(ROLE_A).roleSessionName("s1").webIdentityToken("garbage")))
          .isInstanceOf(InvalidIdentityTokenException.class);
      String expired =
          FakeTokens.serviceAccountToken(
              "team-a", "app", "sts.amazonaws.com", TICKER.instant().minusSeconds(1));
      assertThatThrownBy(
              () ->
                  sts.assumeRoleWithWebIdentity(
                      b -> b.roleArn(ROLE_A).roleSessionName("s1").webIdentityToken(expired)))
          .isInstanceOfSatisfying(
              StsException.class,
              e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ExpiredTokenException"));
      assertThatThrownBy(
              () ->
                  sts.assumeRoleWithWebIdentity(
                      b ->
                          b.roleArn("not-an-arn")
                              .roleSessionName("s1")
                              .webIdentityToken(
                                  FakeTokens.serviceAccountToken("a", "b", "sts.amazonaws.com"))))
          .isInstanceOfSatisfying(
              StsException.class,
              e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
    }
    assertThat(EMULATOR.aws().calls(AwsOperation.ASSUME_ROLE_WITH_WEB_IDENTITY))
        .extracting(RecordedCall::principal)
        .startsWith("system:serviceaccount:team-a:app", "system:serviceaccount:team-b:app");
  }

  @Test
  void podIdentityAgentIssuesCredentialsOfTheAssociatedRole() throws Exception {
    EMULATOR.aws().iam().associatePodIdentity("team-b", "app", ROLE_B);
    HttpClient http = HttpClient.newHttpClient();
    URI agent = EMULATOR.podIdentityAgentUri();
    String expiry = TICKER.instant().plus(Duration.ofHours(6)).toString();
    assertThat(agent.getPath()).isEqualTo("/v1/credentials");
    HttpResponse<String> ok =
        http.send(
            HttpRequest.newBuilder(agent)
                .header(
                    "Authorization",
                    FakeTokens.serviceAccountToken("team-b", "app", "pods.eks.amazonaws.com"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(ok.statusCode()).isEqualTo(200);
    Map<String, Object> creds = Json.parseObject(ok.body());
    assertThat(creds)
        .containsKeys("AccessKeyId", "SecretAccessKey", "Token", "Expiration", "AccountId");
    assertThat(creds.get("Expiration")).isEqualTo(expiry);
    Credentials c =
        Credentials.builder()
            .accessKeyId((String) creds.get("AccessKeyId"))
            .secretAccessKey((String) creds.get("SecretAccessKey"))
            .sessionToken((String) creds.get("Token"))
            .build();
    try (SecretsManagerClient b = as(c)) {
      assertThat(b.getSecretValue(x -> x.secretId("b/db")).secretString()).isEqualTo("pw-b");
    }

    HttpResponse<String> noAssociation =
        http.send(
            HttpRequest.newBuilder(agent)
                .header(
                    "Authorization",
                    FakeTokens.serviceAccountToken("team-c", "app", "pods.eks.amazonaws.com"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(noAssociation.statusCode()).isEqualTo(400);
    HttpResponse<String> noToken =
        http.send(HttpRequest.newBuilder(agent).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(noToken.statusCode()).isEqualTo(400);
    assertThat(EMULATOR.aws().calls(AwsOperation.POD_IDENTITY_CREDENTIALS)).hasSize(3);
  }

  @Test
  void unsignedOrMisScopedRequestsAreRejected() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> unsigned =
        http.send(
            HttpRequest.newBuilder(EMULATOR.endpoint())
                .header("X-Amz-Target", "secretsmanager.GetSecretValue")
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"SecretId\":\"a/db\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(unsigned.statusCode()).isEqualTo(400);
    assertThat(Json.parseObject(unsigned.body()).get("__type"))
        .isEqualTo("MissingAuthenticationTokenException");
    HttpResponse<String> wrongService =
        http.send(
            HttpRequest.newBuilder(EMULATOR.endpoint())
                .header("X-Amz-Target", "secretsmanager.GetSecretValue")
                .header(
                    "Authorization",
                    "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/ssm/aws4_request,"
                        + " SignedHeaders=host, Signature=00")
                .POST(HttpRequest.BodyPublishers.ofString("{\"SecretId\":\"a/db\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(Json.parseObject(wrongService.body()).get("__type"))
        .isEqualTo("InvalidSignatureException");
    HttpResponse<String> unknown =
        http.send(
            HttpRequest.newBuilder(EMULATOR.endpoint())
                .header("X-Amz-Target", "secretsmanager.RotateSecret")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(Json.parseObject(unknown.body()).get("__type"))
        .isEqualTo("UnknownOperationException");
  }
}
