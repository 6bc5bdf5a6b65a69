// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/** Real AWS SDK v2 clients pointed at a loopback endpoint, for the emulator and moto tests. */
final class Sdk implements AutoCloseable {
  static final String ACCESS_KEY = "AKIATESTKITEXAMPLE";

  private final SdkHttpClient http = UrlConnectionHttpClient.create();
  private final URI endpoint;

  Sdk(URI endpoint) {
    this.endpoint = endpoint;
  }

  static AwsCredentialsProvider staticCredentials(String accessKeyId) {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, "secret"));
  }

  SecretsManagerClient secretsManager(String region) {
    return secretsManager(region, staticCredentials(ACCESS_KEY));
  }

  SecretsManagerClient secretsManager(String region, AwsCredentialsProvider credentials) {
    return SecretsManagerClient.builder()
        .endpointOverride(endpoint)
        .region(Region.of(region))
        .credentialsProvider(credentials)
        .httpClient(http)
        .overrideConfiguration(ClientOverrideConfiguration.builder().build())
        .build();
  }

  SsmClient ssm(String region) {
    return ssm(region, staticCredentials(ACCESS_KEY));
  }

  SsmClient ssm(String region, AwsCredentialsProvider credentials) {
    return SsmClient.builder()
        .endpointOverride(endpoint)
        .region(Region.of(region))
        .credentialsProvider(credentials)
        .httpClient(http)
        .build();
  }

  StsClient sts(String region) {
    return StsClient.builder()
        .endpointOverride(endpoint)
        .region(Region.of(region))
        .credentialsProvider(staticCredentials(ACCESS_KEY))
        .httpClient(http)
        .build();
  }

  @Override
  public void close() {
    http.close();
  }
}
