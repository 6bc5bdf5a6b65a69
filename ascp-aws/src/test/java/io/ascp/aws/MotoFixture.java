// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import io.ascp.testkit.junit.MotoServer;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * What a moto-backed test needs: the server, admin clients that seed it, and {@link AwsSources}
 * pointed at it with a {@link RecordingHttpClient}. One per test class, over the server that the
 * testkit's {@code MotoServerExtension} starts for the class (and resets before each test).
 */
final class MotoFixture implements AutoCloseable {
  static final String REGION = "us-east-1";
  static final StaticCredentialsProvider TEST_CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIATESTDEFAULT", "test"));

  final MotoServer moto;
  final SdkHttpClient http;
  final SecretsManagerClient secretsManager;
  final SsmClient ssm;

  MotoFixture(MotoServer moto) {
    this.moto = moto;
    http = HttpClients.create(AwsSourcesConfig.defaults());
    secretsManager =
        SecretsManagerClient.builder()
            .region(Region.of(REGION))
            .endpointOverride(moto.endpoint())
            .credentialsProvider(TEST_CREDENTIALS)
            .httpClient(http)
            .build();
    ssm =
        SsmClient.builder()
            .region(Region.of(REGION))
            .endpointOverride(moto.endpoint())
            .credentialsProvider(TEST_CREDENTIALS)
            .httpClient(http)
            .build();
  }

  /** Sources pointed at moto that record their calls in {@code recorder}. */
  AwsSources sources(RecordingHttpClient recorder, UnaryOperator<AwsSourcesConfig.Builder> config) {
    return AwsSources.builder()
        .config(config.apply(AwsSourcesConfig.builder().endpoint(moto.endpoint())).build())
        .httpClient(recorder)
        .credentialsProvider(TEST_CREDENTIALS)
        .build();
  }

  /** A recorder over a fresh HTTP client, closed with this fixture. */
  RecordingHttpClient recorder() {
    return new RecordingHttpClient(http);
  }

  @Override
  public void close() {
    secretsManager.close();
    ssm.close();
    http.close();
  }
}
