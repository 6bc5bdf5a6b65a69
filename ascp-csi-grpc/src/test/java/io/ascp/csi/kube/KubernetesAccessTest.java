// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ascp.api.AscpException;
import io.ascp.api.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubernetesAccessTest {
  @TempDir Path dir;

  @Test
  void inCluster() {
    Map<String, String> env =
        Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1", "KUBERNETES_SERVICE_PORT", "443");
    assertThat(KubernetesAccess.detect(env, KubernetesAccess.IN_CLUSTER_TOKEN::equals))
        .contains(KubernetesAccess.Source.IN_CLUSTER);
    assertThat(KubernetesAccess.detect(env, p -> false)).isEmpty();
  }

  @Test
  void kubeconfigMustNameAnExistingFile() throws Exception {
    Path config = Files.writeString(dir.resolve("config"), "apiVersion: v1\n");
    assertThat(KubernetesAccess.detect(Map.of("KUBECONFIG", dir + "/missing:" + config)))
        .contains(KubernetesAccess.Source.KUBECONFIG);
    assertThat(KubernetesAccess.detect(Map.of("KUBECONFIG", dir + "/missing"))).isEmpty();
    assertThat(KubernetesAccess.detect(Map.of("KUBECONFIG", ""))).isEmpty();
    assertThat(KubernetesAccess.detect(Map.of())).isEmpty();
  }

  @Test
  void withoutConfigurationLookupsFailClearly() {
    try (KubernetesLookups lookups = KubernetesAccess.create(Optional.empty(), 5, 10, () -> 0L)) {
      assertThatThrownBy(() -> lookups.serviceAccountRoleArn("ns", "sa"))
          .isInstanceOfSatisfying(
              AscpException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.KUBERNETES_LOOKUP))
          .hasMessageContaining("no Kubernetes API configuration");
      assertThatThrownBy(() -> lookups.podRegion("ns", "pod", "uid"))
          .hasMessageContaining("set the region parameter");
    }
  }
}
