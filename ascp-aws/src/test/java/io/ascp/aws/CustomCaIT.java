// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsServer;
import io.ascp.api.CallerIdentity;
import io.ascp.api.ErrorCode;
import io.ascp.api.ObjectType;
import io.ascp.api.spi.FetchBatch;
import io.ascp.api.spi.FetchResult;
import io.ascp.api.spi.ObjectRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A custom CA bundle (the Java SDK ignores {@code AWS_CA_BUNDLE}): an HTTPS endpoint with a
 * self-signed certificate is trusted only when its certificate is configured.
 */
class CustomCaIT {
  @TempDir static Path dir;
  static TestTls tls;
  static HttpsServer server;

  @BeforeAll
  static void start() throws IOException {
    tls = TestTls.create(dir);
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.setHttpsConfigurator(tls.configurator());
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            exchange.getRequestBody().readAllBytes();
            byte[] body =
                ("{\"ARN\":\"arn:aws:secretsmanager:us-east-1:123456789012:secret:tls-AbCdEf\","
                        + "\"Name\":\"tls\",\"VersionId\":\"v1\",\"SecretString\":\"over-tls\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          }
        });
    server.start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  static URI endpoint() {
    return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
  }

  static FetchResult fetch(AwsSourcesConfig config) {
    try (AwsSources aws =
        AwsSources.builder()
            .config(config)
            .credentialsProvider(MotoFixture.TEST_CREDENTIALS)
            .build()) {
      return aws.secretsManager()
          .fetch(
              new FetchBatch(
                  ObjectType.SECRETS_MANAGER,
                  "us-east-1",
                  CallerIdentity.defaultChain(),
                  List.of(ObjectRequest.of("tls"))))
          .get(0);
    }
  }

  @Test
  void theConfiguredBundleIsTrusted() {
    FetchResult r =
        fetch(AwsSourcesConfig.builder().endpoint(endpoint()).caBundle(tls.pem()).build());
    assertThat(r).isInstanceOf(FetchResult.Found.class);
    assertThat(((FetchResult.Found) r).value().contents())
        .isEqualTo("over-tls".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void withoutTheBundleTheCertificateIsRejected() {
    FetchResult r = fetch(AwsSourcesConfig.builder().endpoint(endpoint()).build());
    assertThat(r).isInstanceOf(FetchResult.Failed.class);
    FetchResult.Failed f = (FetchResult.Failed) r;
    assertThat(f.error().code()).isEqualTo(ErrorCode.BACKEND_UNAVAILABLE);
    assertThat(f.error().getMessage())
        .startsWith("us-east-1: Failed fetching secret tls: ")
        .containsIgnoringCase("certification path");
  }

  @Test
  void anUnreadableBundleFailsTheBuild() throws IOException {
    Path notPem = Files.writeString(dir.resolve("not.pem"), "hello");
    assertThatThrownBy(
            () ->
                AwsSources.builder()
                    .config(AwsSourcesConfig.builder().caBundle(notPem).build())
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(notPem.toString());
    Path missing = dir.resolve("missing.pem");
    assertThatThrownBy(
            () ->
                AwsSources.builder()
                    .config(AwsSourcesConfig.builder().caBundle(missing).build())
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(missing.toString());
  }
}
