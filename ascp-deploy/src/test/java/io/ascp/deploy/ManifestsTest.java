// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/manifests/aws-provider-installer.yaml}: the reference installer's names, namespace,
 * labels and tolerations, and a pod spec equal to the chart's default rendering.
 */
class ManifestsTest {
  private static final String NAME = "csi-secrets-store-provider-aws";

  @TempDir Path tmp;

  private static Rendered installer() throws IOException {
    return Rendered.parse(
        Files.readString(
            ChartFixture.deployDir().resolve("manifests").resolve("aws-provider-installer.yaml")));
  }

  @Test
  void hasTheReferenceInstallersObjects() throws IOException {
    Rendered r = installer();
    assertThat(r.names())
        .containsExactly(
            "ServiceAccount/" + NAME,
            "ClusterRole/" + NAME + "-cluster-role",
            "ClusterRoleBinding/" + NAME + "-cluster-rolebinding",
            "DaemonSet/" + NAME);
    assertThat(r.serviceAccount(NAME).getMetadata().getNamespace()).isEqualTo("kube-system");

    ClusterRole role = r.clusterRole(NAME + "-cluster-role");
    assertThat(role.getRules())
        .extracting(PolicyRule::getResources)
        .containsExactly(List.of("serviceaccounts"), List.of("pods"), List.of("nodes"));
    assertThat(role.getRules())
        .allSatisfy(rule -> assertThat(rule.getVerbs()).containsExactly("get"));

    ClusterRoleBinding binding = r.clusterRoleBinding(NAME + "-cluster-rolebinding");
    assertThat(binding.getRoleRef().getName()).isEqualTo(NAME + "-cluster-role");
    assertThat(binding.getSubjects())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getName()).isEqualTo(NAME);
              assertThat(s.getNamespace()).isEqualTo("kube-system");
            });

    DaemonSet ds = r.daemonSet(NAME);
    assertThat(ds.getMetadata().getNamespace()).isEqualTo("kube-system");
    assertThat(ds.getMetadata().getLabels()).isEqualTo(Map.of("app", NAME));
    assertThat(ds.getSpec().getSelector().getMatchLabels()).isEqualTo(Map.of("app", NAME));
    assertThat(ds.getSpec().getTemplate().getMetadata().getLabels()).isEqualTo(Map.of("app", NAME));
    PodSpec pod = ds.getSpec().getTemplate().getSpec();
    assertThat(pod.getServiceAccountName()).isEqualTo(NAME);
    assertThat(pod.getHostNetwork()).isFalse();
    assertThat(pod.getTolerations())
        .singleElement()
        .isEqualTo(new Toleration(null, null, "Exists", null, null));
    assertThat(pod.getNodeSelector()).isEqualTo(Map.of("kubernetes.io/os", "linux"));
    assertThat(pod.getAffinity()).as("the reference installer has none").isNull();
    Container c = pod.getContainers().get(0);
    assertThat(c.getName()).isEqualTo("provider-aws-installer");
    assertThat(c.getArgs().get(0))
        .isEqualTo("--provider-volume=/var/run/secrets-store-csi-providers");
    assertThat(c.getImagePullPolicy()).isEqualTo("Always");

    for (HasMetadata o : r.objects()) {
      assertThat(ModelStrictness.unknownFields(o)).as(o.getKind()).isEmpty();
    }
  }

  @Test
  void thePodSpecIsTheChartsDefault() throws IOException {
    Rendered chart =
        Rendered.parse(ChartFixture.stubbed(tmp).render("fullnameOverride: " + NAME + "\n"));
    PodSpec fromChart = chart.daemonSet(NAME).getSpec().getTemplate().getSpec();
    PodSpec fromManifest = installer().daemonSet(NAME).getSpec().getTemplate().getSpec();

    Container expected = fromChart.getContainers().get(0);
    Container actual = fromManifest.getContainers().get(0);
    assertThat(actual.getImage()).isEqualTo(expected.getImage());
    assertThat(actual.getCommand()).isEqualTo(expected.getCommand());
    assertThat(actual.getArgs()).isEqualTo(expected.getArgs());
    assertThat(actual.getPorts()).isEqualTo(expected.getPorts());
    assertThat(actual.getStartupProbe()).isEqualTo(expected.getStartupProbe());
    assertThat(actual.getLivenessProbe()).isEqualTo(expected.getLivenessProbe());
    assertThat(actual.getReadinessProbe()).isEqualTo(expected.getReadinessProbe());
    assertThat(actual.getResources()).isEqualTo(expected.getResources());
    assertThat(actual.getSecurityContext()).isEqualTo(expected.getSecurityContext());
    assertThat(actual.getVolumeMounts()).isEqualTo(expected.getVolumeMounts());
    assertThat(actual.getEnv()).isEqualTo(expected.getEnv());
    assertThat(fromManifest.getVolumes())
        .extracting(Volume::getName)
        .containsExactly("providervol", "mountpoint-dir", "tmp");
    assertThat(fromManifest.getVolumes()).isEqualTo(fromChart.getVolumes());
  }
}
