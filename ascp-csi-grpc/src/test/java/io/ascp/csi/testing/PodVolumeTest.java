// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The attributes the driver v1.6 sends for a volume. */
class PodVolumeTest {
  private static final Path TARGET = Path.of("/var/lib/kubelet/pods/uid-1/volumes/x/mount");

  private static PodVolume.Builder volume() {
    return PodVolume.builder()
        .pod("shop", "web-0", "uid-1")
        .serviceAccount("web")
        .secretProviderClass("spc", Map.of("objects", "- objectName: a\n", "region", "us-east-1"))
        .targetPath(TARGET);
  }

  @Test
  void attributesAreTheParametersWithKubeletsVolumeContextOverThem() {
    PodVolume v =
        volume()
            .volumeAttribute("region", "eu-west-1")
            .volumeAttribute("csi.storage.k8s.io/pod.name", "spoofed")
            .token("sts.amazonaws.com", "jwt-1", Instant.parse("2026-12-01T10:00:00.750Z"))
            .token("pods.eks.amazonaws.com", "jwt-2", Instant.parse("2026-12-01T10:00:00Z"))
            .build();
    assertThat(v.attributesJson())
        .isEqualTo(
            "{\"csi.storage.k8s.io/ephemeral\":\"true\","
                + "\"csi.storage.k8s.io/pod.name\":\"web-0\","
                + "\"csi.storage.k8s.io/pod.namespace\":\"shop\","
                + "\"csi.storage.k8s.io/pod.uid\":\"uid-1\","
                + "\"csi.storage.k8s.io/serviceAccount.name\":\"web\","
                + "\"csi.storage.k8s.io/serviceAccount.tokens\":"
                + "\"{\\\"pods.eks.amazonaws.com\\\":{\\\"token\\\":\\\"jwt-2\\\","
                + "\\\"expirationTimestamp\\\":\\\"2026-12-01T10:00:00Z\\\"},"
                + "\\\"sts.amazonaws.com\\\":{\\\"token\\\":\\\"jwt-1\\\","
                + "\\\"expirationTimestamp\\\":\\\"2026-12-01T10:00:00Z\\\"}}\","
                + "\"objects\":\"- objectName: a\\n\","
                + "\"region\":\"eu-west-1\","
                + "\"secretProviderClass\":\"spc\"}");
  }

  @Test
  void withoutTokenRequestsTheTokensKeyIsAbsent() {
    assertThat(volume().build().attributesJson()).doesNotContain("serviceAccount.tokens");
  }

  @Test
  void secretsAreNullWithoutANodePublishSecretRef() {
    assertThat(volume().build().secretsJson()).isEqualTo("null");
    assertThat(volume().nodePublishSecret(Map.of("k", "v")).build().secretsJson())
        .isEqualTo("{\"k\":\"v\"}");
  }

  @Test
  void theDriversRequestForAVolume() {
    MountCall call = MountCall.of(volume().build());
    assertThat(call.permission()).isEqualTo("420");
    assertThat(call.secrets()).isEqualTo("null");
    assertThat(call.targetPath()).isEqualTo(TARGET.toString());
    assertThat(call.currentObjectVersions()).isEmpty();
  }

  @Test
  void toStringShowsNoTokenAndNoParameterValue() {
    PodVolume v = volume().token("sts.amazonaws.com", "SECRET-TOKEN").build();
    assertThat(v.toString())
        .contains("shop/web-0", "spc", "sts.amazonaws.com")
        .doesNotContain("SECRET-TOKEN")
        .doesNotContain("objectName");
    assertThat(MountCall.of(v).toString()).doesNotContain("SECRET-TOKEN");
  }

  @Test
  void aPodAClassAndATargetAreRequired() {
    assertThatThrownBy(() -> PodVolume.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("pod namespace is required");
    assertThatThrownBy(() -> volume().build().toBuilder().secretProviderClass("", Map.of()).build())
        .hasMessage("secretProviderClass is required");
  }
}
