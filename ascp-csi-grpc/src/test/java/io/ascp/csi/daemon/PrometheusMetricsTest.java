// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.ascp.api.AscpListener;
import io.ascp.api.AscpListener.KubernetesLookup.Outcome;
import io.ascp.api.AuthMode;
import io.ascp.api.ErrorCode;
import io.ascp.api.ObjectType;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Prometheus text each event becomes, line by line, and the bounds on region labels. */
class PrometheusMetricsTest {
  private final PrometheusMetrics metrics = new PrometheusMetrics(VersionInfo.current());

  @AfterEach
  void close() {
    metrics.close();
  }

  /** The sample lines of the scrape whose metric name starts with {@code prefix}. */
  private List<String> samples(String prefix) {
    return Arrays.stream(metrics.scrape().split("\n")).filter(l -> l.startsWith(prefix)).toList();
  }

  @Test
  void mountsByOutcomeAndErrorCodeWithALatencyHistogram() {
    metrics.mountFinished(
        new AscpListener.MountFinished(Optional.empty(), Duration.ofMillis(40), 3, 4));
    metrics.mountFinished(
        new AscpListener.MountFinished(Optional.empty(), Duration.ofSeconds(3), 1, 1));
    metrics.mountFinished(
        new AscpListener.MountFinished(
            Optional.of(ErrorCode.NOT_FOUND), Duration.ofMillis(5), 2, 0));
    metrics.mountAbandoned("deadline_exceeded");

    assertThat(samples("ascp_mounts_total"))
        .containsExactly(
            "ascp_mounts_total{error_code=\"NOT_FOUND\",outcome=\"failure\"} 1.0",
            "ascp_mounts_total{error_code=\"none\",outcome=\"success\"} 2.0");
    assertThat(samples("ascp_mounts_abandoned_total"))
        .containsExactly("ascp_mounts_abandoned_total{reason=\"deadline_exceeded\"} 1.0");
    assertThat(samples("ascp_mounted_objects_total"))
        .containsExactly("ascp_mounted_objects_total 4.0");
    assertThat(samples("ascp_mounted_files_total")).containsExactly("ascp_mounted_files_total 5.0");
    assertThat(samples("ascp_mount_duration_seconds_bucket{outcome=\"success\""))
        .containsExactly(
            "ascp_mount_duration_seconds_bucket{outcome=\"success\",le=\"0.01\"} 0",
            "ascp_mount_duration_seconds_bucket{outcome=\"success\",le=\"0.025\"} 0",
            "ascp_mount_duration_seconds_bucket{outcome=\"success\",le=\"0.05\"} 1",
            "ascp_mount_duration_seconds_bucket{outcome=\"success\",le=\"0.1\"} 1",
            "ascp_mount_duration_seconds_bucket{outcome=\"success\",le=\"0.25\"} 1",
            "ascp_mount_duration_seconds_bucket{outcome=\"success\",le=\"0.5\"} 1",
            "ascp_mount_duration_seconds_bucket{outcome=\"success\",le=\"1.0\"} 1",
            "ascp_mount_duration_seconds_bucket{outcome=\"success\",le=\"2.5\"} 1",
            "ascp_mount_duration_seconds_bucket{outcome=\"success\",le=\"5.0\"} 2",
            "ascp_mount_duration_seconds_bucket{outcome=\"success\",le=\"10.0\"} 2",
            "ascp_mount_duration_seconds_bucket{outcome=\"success\",le=\"30.0\"} 2",
            "ascp_mount_duration_seconds_bucket{outcome=\"success\",le=\"60.0\"} 2",
            "ascp_mount_duration_seconds_bucket{outcome=\"success\",le=\"120.0\"} 2",
            "ascp_mount_duration_seconds_bucket{outcome=\"success\",le=\"+Inf\"} 2");
    assertThat(samples("ascp_mount_duration_seconds_count"))
        .containsExactly(
            "ascp_mount_duration_seconds_count{outcome=\"failure\"} 1",
            "ascp_mount_duration_seconds_count{outcome=\"success\"} 2");
    assertThat(samples("ascp_mount_duration_seconds_sum{outcome=\"success\"}"))
        .containsExactly("ascp_mount_duration_seconds_sum{outcome=\"success\"} 3.04");
  }

  @Test
  void histogramsAndBuildInfoExistBeforeTheFirstMount() {
    assertThat(samples("ascp_mount_duration_seconds_count"))
        .containsExactly(
            "ascp_mount_duration_seconds_count{outcome=\"failure\"} 0",
            "ascp_mount_duration_seconds_count{outcome=\"success\"} 0");
    assertThat(samples("ascp_build_info"))
        .containsExactly(
            "ascp_build_info{runtime=\"ascp-java\",version=\""
                + VersionInfo.current().runtimeVersion()
                + "\"} 1");
    // JVM and process basics.
    assertThat(metrics.scrape())
        .contains("\njvm_memory_used_bytes{", "\njvm_threads_live_threads ")
        .contains("\nprocess_uptime_seconds ", "\nprocess_files_open_files ");
  }

  @Test
  void backendCallsByServiceOperationRegionAndOutcome() {
    metrics.backendCall(
        new AscpListener.BackendCall(
            "secretsmanager",
            "GetSecretValue",
            Optional.of("eu-west-1"),
            Optional.empty(),
            Duration.ofMillis(20)));
    metrics.backendCall(
        new AscpListener.BackendCall(
            "secretsmanager",
            "GetSecretValue",
            Optional.of("eu-west-1"),
            Optional.of(ErrorCode.THROTTLED),
            Duration.ofMillis(30)));
    metrics.backendCall(
        new AscpListener.BackendCall(
            "pod-identity-agent",
            "GetCredentials",
            Optional.empty(),
            Optional.empty(),
            Duration.ofMillis(3)));

    assertThat(samples("ascp_backend_calls_total"))
        .containsExactly(
            "ascp_backend_calls_total{error_code=\"THROTTLED\",operation=\"GetSecretValue\","
                + "outcome=\"failure\",region=\"eu-west-1\",service=\"secretsmanager\"} 1.0",
            "ascp_backend_calls_total{error_code=\"none\",operation=\"GetCredentials\","
                + "outcome=\"success\",region=\"none\",service=\"pod-identity-agent\"} 1.0",
            "ascp_backend_calls_total{error_code=\"none\",operation=\"GetSecretValue\","
                + "outcome=\"success\",region=\"eu-west-1\",service=\"secretsmanager\"} 1.0");
    assertThat(samples("ascp_backend_call_duration_seconds_count"))
        .containsExactly(
            "ascp_backend_call_duration_seconds_count{operation=\"GetCredentials\","
                + "region=\"none\",service=\"pod-identity-agent\"} 1",
            "ascp_backend_call_duration_seconds_count{operation=\"GetSecretValue\","
                + "region=\"eu-west-1\",service=\"secretsmanager\"} 2");
  }

  @Test
  void credentialsLookupsTellCacheHitsFromExchanges() {
    metrics.credentialsLookup(
        new AscpListener.CredentialsLookup(
            AuthMode.IRSA, "us-east-1", false, Optional.empty(), Duration.ofMillis(50)));
    metrics.credentialsLookup(
        new AscpListener.CredentialsLookup(
            AuthMode.IRSA, "us-east-1", true, Optional.empty(), Duration.ZERO));
    metrics.credentialsLookup(
        new AscpListener.CredentialsLookup(
            AuthMode.POD_IDENTITY,
            "us-east-1",
            false,
            Optional.of(ErrorCode.CREDENTIALS),
            Duration.ofMillis(5)));
    metrics.credentialsLookup(
        new AscpListener.CredentialsLookup(
            AuthMode.DEFAULT_CHAIN, "us-east-1", false, Optional.empty(), Duration.ZERO));

    assertThat(samples("ascp_credentials_lookups_total"))
        .containsExactly(
            "ascp_credentials_lookups_total{auth_mode=\"default_chain\",error_code=\"none\","
                + "outcome=\"success\",region=\"us-east-1\",source=\"chain\"} 1.0",
            "ascp_credentials_lookups_total{auth_mode=\"irsa\",error_code=\"none\","
                + "outcome=\"success\",region=\"us-east-1\",source=\"cache\"} 1.0",
            "ascp_credentials_lookups_total{auth_mode=\"irsa\",error_code=\"none\","
                + "outcome=\"success\",region=\"us-east-1\",source=\"exchange\"} 1.0",
            "ascp_credentials_lookups_total{auth_mode=\"pod_identity\",error_code=\"CREDENTIALS\","
                + "outcome=\"failure\",region=\"us-east-1\",source=\"exchange\"} 1.0");
  }

  @Test
  void kubernetesLookupsBreakerSkipsAndVersionReuse() {
    metrics.kubernetesLookup(
        new AscpListener.KubernetesLookup("Pod", Outcome.FOUND, false, Duration.ofMillis(4)));
    metrics.kubernetesLookup(
        new AscpListener.KubernetesLookup("Pod", Outcome.FOUND, true, Duration.ZERO));
    metrics.kubernetesLookup(
        new AscpListener.KubernetesLookup(
            "ServiceAccount", Outcome.NOT_FOUND, false, Duration.ofMillis(4)));
    metrics.regionSkipped(new AscpListener.RegionSkipped(ObjectType.SSM_PARAMETER, "us-west-2", 3));
    metrics.versionReuse(new AscpListener.VersionReuse("us-west-2", true));
    metrics.versionReuse(new AscpListener.VersionReuse("us-west-2", false));
    metrics.versionReuse(new AscpListener.VersionReuse("us-west-2", true));

    assertThat(samples("ascp_kubernetes_lookups_total"))
        .containsExactly(
            "ascp_kubernetes_lookups_total{cache=\"hit\",kind=\"Pod\",outcome=\"found\"} 1.0",
            "ascp_kubernetes_lookups_total{cache=\"miss\",kind=\"Pod\",outcome=\"found\"} 1.0",
            "ascp_kubernetes_lookups_total{cache=\"miss\",kind=\"ServiceAccount\","
                + "outcome=\"not_found\"} 1.0");
    assertThat(samples("ascp_region_skips_total"))
        .containsExactly(
            "ascp_region_skips_total{object_type=\"ssmparameter\",region=\"us-west-2\"} 1.0");
    assertThat(samples("ascp_version_reuse_total"))
        .containsExactly(
            "ascp_version_reuse_total{result=\"hit\"} 2.0",
            "ascp_version_reuse_total{result=\"miss\"} 1.0");
  }

  @Test
  void regionLabelsAreBounded() {
    assertThat(metrics.region(Optional.of("eu-west-1"))).isEqualTo("eu-west-1");
    assertThat(metrics.region(Optional.of("us-gov-west-1"))).isEqualTo("us-gov-west-1");
    assertThat(metrics.region(Optional.empty())).isEqualTo("none");
    assertThat(metrics.region(Optional.of(""))).isEqualTo("none");
    // Whatever a SecretProviderClass writes in "region" is not a label unless shaped as one.
    assertThat(metrics.region(Optional.of("my-secret-name"))).isEqualTo("other");
    assertThat(metrics.region(Optional.of("EU-WEST-1"))).isEqualTo("other");
    assertThat(metrics.region(Optional.of("eu-west-1\"} 1\nfake 2"))).isEqualTo("other");
    for (int i = 0; i < 100; i++) {
      metrics.region(Optional.of("xx-test-" + i));
    }
    // eu-west-1 and us-gov-west-1 plus 30 more; the rest are "other".
    assertThat(metrics.region(Optional.of("xx-test-29"))).isEqualTo("xx-test-29");
    assertThat(metrics.region(Optional.of("xx-test-30"))).isEqualTo("other");
    assertThat(metrics.region(Optional.of("eu-west-1"))).isEqualTo("eu-west-1");
  }
}
