// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A values file written for the reference chart renders with ours into the same objects: every
 * field the reference chart renders for it (the {@code .expected.yaml} beside it) is rendered
 * identically, apart from the deliberate differences below.
 */
class ChartReferenceValuesTest {
  /**
   * Where ascp-java's chart renders differently from the reference on purpose (docs/migration.md,
   * "Deployment differences"), per values file.
   */
  private static final Map<String, List<String>> DELIBERATE =
      Map.of(
          "driver-writes",
          List.of(
              // In driver-writes mode the provider never writes into pods: no kubelet directory.
              "DaemonSet/csi-secrets-store-provider-aws-aws-provider.spec.template.spec.containers[provider-aws-installer].volumeMounts[mountpoint-dir]",
              "DaemonSet/csi-secrets-store-provider-aws-aws-provider.spec.template.spec.volumes[mountpoint-dir]"));

  /** Lists to which ascp-java appends entries (its own flags come after the reference's). */
  private static final Set<String> APPENDABLE = Set.of("args");

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"full", "minimal", "driver-writes"})
  void rendersWhatTheReferenceRenders(String name) throws IOException {
    ChartFixture chart = ChartFixture.stubbed(tmp);
    Rendered ours = Rendered.parse(chart.renderWithResource("/reference-values/" + name + ".yaml"));
    Rendered expected =
        Rendered.parse(
            Files.readString(
                ChartFixture.resource("/reference-values/" + name + ".expected.yaml")));

    List<String> differences = new ArrayList<>();
    for (JsonNode document : expected.documents()) {
      String kind = document.path("kind").asText();
      String objectName = document.path("metadata").path("name").asText();
      String path = kind + "/" + objectName;
      JsonNode actual = ours.document(kind, objectName).orElse(null);
      if (actual == null) {
        differences.add(path + ": not rendered; rendered " + ours.names());
        continue;
      }
      differences.addAll(Subset.differences(document, actual, path, APPENDABLE));
    }
    List<String> deliberate = DELIBERATE.getOrDefault(name, List.of());
    assertThat(differences).allSatisfy(d -> assertThat(deliberate).anyMatch(d::startsWith));
    // The deliberate differences are real (else the list above is stale).
    assertThat(deliberate).allSatisfy(p -> assertThat(differences).anyMatch(d -> d.startsWith(p)));
  }

  @Test
  void rendersNoProviderObjectTheReferenceDoesNotHaveByDefault() throws IOException {
    Rendered ours =
        Rendered.parse(
            ChartFixture.stubbed(tmp).renderWithResource("/reference-values/minimal.yaml"));
    assertThat(ours.objects().stream().map(HasMetadata::getKind))
        .containsExactlyInAnyOrder(
            "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "DaemonSet");
    assertThat(ours.all(DaemonSet.class)).hasSize(1);
  }

  @Test
  void theSubsetCheckFindsADifference() {
    // A test of the comparison itself: a changed selector and a dropped argument are reported.
    Rendered expected =
        Rendered.parse(
            """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: d}
            spec:
              selector: {matchLabels: {app: a}}
              template: {spec: {containers: [{name: c, args: [--x, --y]}]}}
            """);
    Rendered actual =
        Rendered.parse(
            """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: d}
            spec:
              selector: {matchLabels: {app: b}}
              template: {spec: {containers: [{name: c, args: [--x, --z, --y]}]}}
            """);
    List<String> differences =
        Subset.differences(
            expected.documents().get(0), actual.documents().get(0), "DaemonSet/d", APPENDABLE);
    assertThat(differences)
        .containsExactly(
            "DaemonSet/d.spec.selector.matchLabels.app: expected \"a\", got \"b\"",
            "DaemonSet/d.spec.template.spec.containers[c].args[1]: expected \"--y\", got \"--z\"");
  }
}
