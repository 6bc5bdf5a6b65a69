// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ascp.aws.AwsSourcesConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the production wiring takes from the daemon's environment map. */
class WiringTest {
  @TempDir Path dir;

  @Test
  void aServiceVariableWinsOverTheGeneralOne() {
    Map<String, String> env =
        Map.of(
            "AWS_ENDPOINT_URL", "http://127.0.0.1:1000",
            "AWS_ENDPOINT_URL_SSM", "http://127.0.0.1:2000");
    assertThat(Wiring.endpoint(env, Wiring.SSM_ENDPOINT_ENV))
        .contains(URI.create("http://127.0.0.1:2000"));
    assertThat(Wiring.endpoint(env, Wiring.SECRETS_MANAGER_ENDPOINT_ENV))
        .contains(URI.create("http://127.0.0.1:1000"));
    assertThat(Wiring.endpoint(env, Wiring.STS_ENDPOINT_ENV))
        .contains(URI.create("http://127.0.0.1:1000"));
  }

  @Test
  void noVariableOrTheIgnoreSwitchLeavesTheEndpointToTheSdk() {
    assertThat(Wiring.endpoint(Map.of(), Wiring.STS_ENDPOINT_ENV)).isEmpty();
    assertThat(Wiring.endpoint(Map.of("AWS_ENDPOINT_URL", " "), Wiring.STS_ENDPOINT_ENV)).isEmpty();
    assertThat(
            Wiring.endpoint(
                Map.of(
                    "AWS_ENDPOINT_URL", "http://127.0.0.1:1000",
                    "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "TRUE"),
                Wiring.STS_ENDPOINT_ENV))
        .isEmpty();
  }

  @Test
  void aBadEndpointNamesItsVariable() {
    assertThatThrownBy(
            () ->
                Wiring.endpoint(
                    Map.of("AWS_ENDPOINT_URL_SECRETS_MANAGER", "localhost:4566"),
                    Wiring.SECRETS_MANAGER_ENDPOINT_ENV))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "AWS_ENDPOINT_URL_SECRETS_MANAGER is not an absolute http(s) URL with a host:"
                + " localhost:4566");
    assertThatThrownBy(
            () ->
                Wiring.endpoint(Map.of("AWS_ENDPOINT_URL", "http://a b"), Wiring.SSM_ENDPOINT_ENV))
        .hasMessageStartingWith("AWS_ENDPOINT_URL is not a valid URL: http://a b");
  }

  @Test
  void theAgentUrlComesFromTheFlagThenTheEnvironmentThenTheDefaults() {
    DaemonConfig flag =
        DaemonConfig.builder().podIdentityAgentUrl(Optional.of("http://127.0.0.1:7/f")).build();
    Map<String, String> env = Map.of("ASCP_POD_IDENTITY_AGENT_URL", " http://127.0.0.1:8/e ");
    assertThat(Wiring.podIdentityAgentUrls(flag, env))
        .containsExactly(URI.create("http://127.0.0.1:7/f"));
    assertThat(Wiring.podIdentityAgentUrls(DaemonConfig.defaults(), env))
        .containsExactly(URI.create("http://127.0.0.1:8/e"));
    assertThat(Wiring.podIdentityAgentUrls(DaemonConfig.defaults(), Map.of()))
        .containsExactly(
            AwsSourcesConfig.POD_IDENTITY_AGENT_IPV4_URL,
            AwsSourcesConfig.POD_IDENTITY_AGENT_IPV6_URL);
  }

  @Test
  void aDaemonWithABadEndpointDoesNotStartAndClosesTheLookups() {
    Doubles.FakeKube kube = new Doubles.FakeKube();
    DaemonConfig config = DaemonConfig.builder().providerVolume(dir.toString()).build();
    assertThatThrownBy(() -> Daemon.start(config, Map.of("AWS_ENDPOINT_URL", "ftp://x"), kube))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "Can not initialize the AWS clients. error: AWS_ENDPOINT_URL is not an absolute"
                + " http(s) URL with a host: ftp://x");
    assertThat(kube.closed).isTrue();
  }

  @Test
  void aDaemonReadsItsRegionFromTheMapNotFromTheProcess() throws Exception {
    Doubles.FakeKube kube = new Doubles.FakeKube();
    DaemonConfig config = DaemonConfig.builder().providerVolume(dir.toString()).build();
    // The test JVM has AWS_REGION set; the map has none, so the node is asked.
    try (Daemon daemon =
            Daemon.start(config, Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:9"), kube);
        UdsClient client = new UdsClient(daemon.socketPath())) {
      Map<String, String> attributes = new java.util.TreeMap<>(Doubles.podAttributes());
      attributes.remove("region");
      assertThatThrownBy(
              () ->
                  client
                      .blocking()
                      .mount(
                          io.ascp.csi.v1alpha1.MountRequest.newBuilder()
                              .setAttributes(json(attributes))
                              .setSecrets("null")
                              .setTargetPath(dir.toString())
                              .setPermission("420")
                              .build()))
          .hasMessageContaining(
              "failed to retrieve region from node. error pods \"web-0\" not found");
      assertThat(kube.lookups).contains("pod shop/web-0");
    }
    assertThat(kube.closed).isTrue();
  }

  private static String json(Map<String, String> attributes) {
    StringBuilder json = new StringBuilder("{");
    attributes.forEach(
        (k, v) ->
            json.append(json.length() > 1 ? "," : "")
                .append('"')
                .append(k)
                .append("\":\"")
                .append(v.replace("\"", "\\\"").replace("\n", "\\n"))
                .append('"'));
    return json.append('}').toString();
  }
}
