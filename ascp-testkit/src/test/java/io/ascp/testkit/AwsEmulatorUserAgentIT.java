// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit;

import static io.ascp.testkit.assertions.AscpAssertions.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.ascp.testkit.junit.AwsEmulatorExtension;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The emulator records each call's {@code User-Agent} (issue 4), so that a test can prove which
 * client and app id made a call: the SDK's own, with {@code app/<id>} for a client configured with
 * an app id, on every service and on the Pod Identity agent; none when the request had none.
 */
class AwsEmulatorUserAgentIT {
  @RegisterExtension static final AwsEmulatorExtension AWS = new AwsEmulatorExtension();

  private static ClientOverrideConfiguration appId(String id) {
    return ClientOverrideConfiguration.builder().appId(id).build();
  }

  @Test
  void everyServiceRecordsTheSdkUserAgentWithItsAppId() {
    FakeAws aws = AWS.aws();
    aws.secretsManager("eu-west-1").createSecret("app/db", "pw");
    aws.parameterStore("eu-west-1").putParameter("/app/url", "https://example.test");
    try (UrlConnectionHttpClient http = (UrlConnectionHttpClient) UrlConnectionHttpClient.create();
        SecretsManagerClient sm =
            SecretsManagerClient.builder()
                .endpointOverride(AWS.endpoint())
                .region(Region.EU_WEST_1)
                .credentialsProvider(Sdk.staticCredentials(Sdk.ACCESS_KEY))
                .httpClient(http)
                .overrideConfiguration(appId("orders-service-1.4"))
                .build();
        SsmClient ssm =
            SsmClient.builder()
                .endpointOverride(AWS.endpoint())
                .region(Region.EU_WEST_1)
                .credentialsProvider(Sdk.staticCredentials(Sdk.ACCESS_KEY))
                .httpClient(http)
                .overrideConfiguration(appId("orders-service-1.4"))
                .build();
        StsClient sts =
            StsClient.builder()
                .endpointOverride(AWS.endpoint())
                .region(Region.EU_WEST_1)
                .credentialsProvider(Sdk.staticCredentials(Sdk.ACCESS_KEY))
                .httpClient(http)
                .overrideConfiguration(appId("orders-service-1.4"))
                .build()) {
      sm.getSecretValue(b -> b.secretId("app/db"));
      ssm.getParameters(b -> b.names("/app/url"));
      sts.assumeRoleWithWebIdentity(
          b ->
              b.roleArn("arn:aws:iam::123456789012:role/orders")
                  .roleSessionName("session-1")
                  .webIdentityToken(
                      FakeTokens.serviceAccountToken("ns", "sa", "sts.amazonaws.com")));
    }

    assertThat(aws)
        .calls()
        .hasSize(3)
        .allHaveUserAgentContaining("aws-sdk-java/")
        .allHaveUserAgentContaining("app/orders-service-1.4");
    assertThat(aws.calls())
        .extracting(c -> c.operation().apiName())
        .containsExactly("GetSecretValue", "GetParameters", "AssumeRoleWithWebIdentity");
  }

  @Test
  void thePodIdentityAgentRecordsItsCallersUserAgent() throws Exception {
    FakeAws aws = AWS.aws();
    aws.iam().associatePodIdentity("ns", "sa", "arn:aws:iam::123456789012:role/orders");
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(AWS.emulator().podIdentityAgentUri())
                    .header(
                        "Authorization",
                        FakeTokens.serviceAccountToken("ns", "sa", "pods.eks.amazonaws.com"))
                    .header("User-Agent", "ascp-aws app/ascp-java-0.1.0")
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(aws.calls(AwsOperation.POD_IDENTITY_CREDENTIALS))
        .singleElement()
        .extracting(RecordedCall::userAgent)
        .isEqualTo(Optional.of("ascp-aws app/ascp-java-0.1.0"));
  }

  @Test
  void aRequestWithoutUserAgentIsRecordedWithout() throws Exception {
    FakeAws aws = AWS.aws();
    aws.secretsManager("us-east-1").createSecret("app/db", "pw");
    String body = "{\"SecretId\":\"app/db\"}";
    String request =
        "POST / HTTP/1.1\r\n"
            + "Host: 127.0.0.1\r\n"
            + "Content-Type: application/x-amz-json-1.1\r\n"
            + "X-Amz-Target: secretsmanager.GetSecretValue\r\n"
            + "Authorization: AWS4-HMAC-SHA256 Credential=AKIDRAW/20260101/us-east-1/secretsmanager/"
            + "aws4_request, SignedHeaders=host, Signature=0\r\n"
            + "Content-Length: "
            + body.getBytes(UTF_8).length
            + "\r\n"
            + "Connection: close\r\n\r\n"
            + body;
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), AWS.emulator().port())) {
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      assertThat(new String(in.readAllBytes(), UTF_8)).startsWith("HTTP/1.1 200");
    }
    RecordedCall call = aws.calls().get(0);
    assertThat(call.accessKeyId()).contains("AKIDRAW");
    assertThat(call.userAgent()).isEmpty();
  }
}
