// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AwsSourcesConfigTest {

  @Test
  void defaults() {
    AwsSourcesConfig c = AwsSourcesConfig.defaults();
    assertThat(c.appId()).startsWith("ascp-java-").doesNotContain("${");
    assertThat(c.fetchParallelism()).isEqualTo(8);
    assertThat(c.maxConnections()).isGreaterThanOrEqualTo(c.fetchParallelism());
    assertThat(c.batchGetSecretValue()).isFalse();
    assertThat(c.podIdentityAgentUrls()).isEmpty();
    assertThat(c.toBuilder().build()).isEqualTo(c);
  }

  @Test
  void theAppIdUsesTheEksAddonVersionWhenSet() {
    AwsSourcesConfig c =
        AwsSourcesConfig.builder()
            .runtimeName("secrets-store-csi-driver-provider-aws")
            .runtimeVersion("3.1.1")
            .build();
    assertThat(c.appId()).isEqualTo("secrets-store-csi-driver-provider-aws-3.1.1");
    assertThat(c.toBuilder().eksAddonVersion("v1.2.3-eksbuild.1").build().appId())
        .isEqualTo("secrets-store-csi-driver-provider-aws-v1.2.3-eksbuild.1");
  }

  @Test
  void rejectsBadValuesWithTheValueInTheMessage() {
    AwsSourcesConfig.Builder b = AwsSourcesConfig.builder();
    assertThatThrownBy(() -> b.fetchParallelism(0)).hasMessageContaining("got 0");
    assertThatThrownBy(() -> b.fetchParallelism(257)).hasMessageContaining("got 257");
    assertThatThrownBy(() -> b.connectTimeout(Duration.ZERO)).hasMessageContaining("PT0S");
    assertThatThrownBy(() -> b.runtimeName("has space")).hasMessageContaining("'has space'");
    assertThatThrownBy(() -> b.endpoint(URI.create("ftp://x"))).hasMessageContaining("ftp://x");
    assertThatThrownBy(() -> b.podIdentityAgentUrls(List.of(URI.create("/v1/credentials"))))
        .hasMessageContaining("/v1/credentials");
    assertThatThrownBy(() -> b.credentialsRefreshMargin(Duration.ofSeconds(-1)))
        .hasMessageContaining("PT-1S");
    assertThatThrownBy(() -> b.eksAddonVersion("x".repeat(129))).hasMessageContaining("got 129");
  }

  @Test
  void theConnectionPoolIsNeverSmallerThanTheParallelism() {
    assertThat(AwsSourcesConfig.builder().fetchParallelism(64).build().maxConnections())
        .isEqualTo(64);
    assertThatThrownBy(() -> AwsSourcesConfig.builder().fetchParallelism(16).maxConnections(8))
        .hasMessageContaining("maxConnections (8)");
    assertThatThrownBy(() -> AwsSourcesConfig.builder().maxConnections(8).fetchParallelism(16))
        .hasMessageContaining("fetchParallelism (16)");
  }

  @Test
  void endpointSetsAllThreeServices() {
    URI e = URI.create("http://127.0.0.1:4566");
    AwsSourcesConfig c = AwsSourcesConfig.builder().endpoint(e).build();
    assertThat(c.secretsManagerEndpoint()).contains(e);
    assertThat(c.ssmEndpoint()).contains(e);
    assertThat(c.stsEndpoint()).contains(e);
  }

  @Test
  void theAgentUrlsComeFromTheConfigElseTheEnvironmentElseTheDefaults() {
    URI a = URI.create("http://127.0.0.1:1/v1/credentials");
    URI b = URI.create("http://127.0.0.1:2/v1/credentials");
    AwsSourcesConfig configured =
        AwsSourcesConfig.builder().podIdentityAgentUrls(List.of(a)).build();
    assertThat(AwsSources.agentUrls(configured, n -> Optional.of(b.toString()))).containsExactly(a);
    AwsSourcesConfig plain = AwsSourcesConfig.defaults();
    assertThat(AwsSources.agentUrls(plain, n -> Optional.of(" " + b + " "))).containsExactly(b);
    assertThat(AwsSources.agentUrls(plain, n -> Optional.empty()))
        .containsExactly(
            URI.create("http://169.254.170.23/v1/credentials"),
            URI.create("http://[fd00:ec2::23]/v1/credentials"));
    assertThat(AwsSources.agentUrls(plain, n -> Optional.of(""))).hasSize(2);
    assertThatThrownBy(() -> AwsSources.agentUrls(plain, n -> Optional.of("not a url")))
        .hasMessageContaining("ASCP_POD_IDENTITY_AGENT_URL");
  }
}
