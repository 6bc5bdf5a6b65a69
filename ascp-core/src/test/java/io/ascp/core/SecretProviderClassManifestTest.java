// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ascp.api.AscpException;
import io.ascp.api.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretProviderClassManifestTest {
  private static final String MARKER = "MARKER-8c1f-do-not-echo";

  @Test
  void readsTheQuickStartClass() {
    SecretProviderClassManifest spc =
        SecretProviderClassManifest.read(
            Path.of("../examples/quickstart/secretproviderclass.yaml"));
    assertThat(spc.name()).isEqualTo("quickstart");
    assertThat(spc.provider()).isEqualTo("aws");
    assertThat(spc.parameters()).containsOnlyKeys("region", "objects");
    assertThat(spc.parameters().get("objects")).startsWith("- objectName: \"demo/greeting\"");
  }

  @Test
  void skipsOtherKindsAndSelectsByName(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("all.yaml");
    Files.writeString(
        file,
        "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: sa}\n---\n"
            + spc("a", "us-east-1")
            + "---\n"
            + spc("b", "eu-west-1"));
    assertThat(SecretProviderClassManifest.readAll(file))
        .extracting(SecretProviderClassManifest::name)
        .containsExactly("a", "b");
    assertThat(SecretProviderClassManifest.read(file, "b").parameters().get("region"))
        .isEqualTo("eu-west-1");
    assertThatThrownBy(() -> SecretProviderClassManifest.read(file))
        .hasMessageEndingWith("several SecretProviderClasses [a, b]; choose one by name");
    assertThatThrownBy(() -> SecretProviderClassManifest.read(file, "c"))
        .hasMessageEndingWith("no SecretProviderClass named c");
  }

  private static String spc(String name, String region) {
    return "apiVersion: secrets-store.csi.x-k8s.io/v1\nkind: SecretProviderClass\nmetadata:\n  name: "
        + name
        + "\nspec:\n  provider: aws\n  parameters:\n    region: "
        + region
        + "\n";
  }

  @Test
  void nonStringParametersAreRejectedLikeTheKubernetesApiDoes() {
    List<String> bad =
        List.of("usePodIdentity: true", "region: 0644", "objects: [a]", "failoverRegion: null");
    for (String parameter : bad) {
      String yaml =
          "kind: SecretProviderClass\nmetadata: {name: x}\nspec:\n  parameters:\n    "
              + parameter
              + "\n    note: "
              + MARKER
              + "\n";
      assertThatThrownBy(() -> SecretProviderClassManifest.parseAll(yaml, "spc.yaml"))
          .isInstanceOfSatisfying(
              AscpException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETERS))
          .hasMessageContaining("spec.parameters." + parameter.substring(0, parameter.indexOf(':')))
          .hasMessageContaining("must be a string")
          .hasMessageNotContaining(MARKER);
    }
  }

  @Test
  void syntaxErrorsGiveAPositionAndNeverTheText() {
    String yaml = "kind: SecretProviderClass\nspec:\n  parameters:\n    a: [" + MARKER + "\n";
    assertThatThrownBy(() -> SecretProviderClassManifest.parseAll(yaml, "spc.yaml"))
        .isInstanceOf(AscpException.class)
        .hasMessageStartingWith("Invalid SecretProviderClass manifest spc.yaml: not valid YAML")
        .hasMessageNotContaining(MARKER);
    String duplicate = "kind: SecretProviderClass\nkind: SecretProviderClass\n";
    assertThatThrownBy(() -> SecretProviderClassManifest.parseAll(duplicate, "d.yaml"))
        .hasMessageContaining("a duplicate key at line 2");
  }

  @Test
  void missingFileAndNoClass(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> SecretProviderClassManifest.read(dir.resolve("none.yaml")))
        .hasMessageContaining("Cannot read SecretProviderClass manifest")
        .hasMessageContaining("NoSuchFileException");
    Path empty = Files.writeString(dir.resolve("empty.yaml"), "kind: ConfigMap\n");
    assertThatThrownBy(() -> SecretProviderClassManifest.read(empty))
        .hasMessageEndingWith("no SecretProviderClass (kind: SecretProviderClass) in the file");
  }

  @Test
  void parametersMayBeAbsent() {
    List<SecretProviderClassManifest> all =
        SecretProviderClassManifest.parseAll("kind: SecretProviderClass\n", "x");
    assertThat(all).singleElement().satisfies(spc -> assertThat(spc.parameters()).isEmpty());
  }

  @Test
  void readsSecretObjectsInOrder() {
    String yaml =
        """
        kind: SecretProviderClass
        metadata: {name: sync}
        spec:
          provider: aws
          secretObjects:
            - secretName: web-tls
              type: kubernetes.io/tls
              labels: {app: web, tier: front}
              annotations: {note: x}
              data:
                - objectName: web.pem
                  key: tls.crt
                - {objectName: web.pem, key: tls.key}
            - secretName: bare
          parameters:
            objects: ""
        """;
    SecretProviderClassManifest spc = SecretProviderClassManifest.parseAll(yaml, "s.yaml").get(0);
    assertThat(spc.secretObjects())
        .containsExactly(
            new SecretProviderClassManifest.KubernetesSecret(
                "web-tls",
                "kubernetes.io/tls",
                java.util.Map.of("app", "web", "tier", "front"),
                java.util.Map.of("note", "x"),
                List.of(
                    new SecretProviderClassManifest.KubernetesSecret.Data("web.pem", "tls.crt"),
                    new SecretProviderClassManifest.KubernetesSecret.Data("web.pem", "tls.key"))),
            new SecretProviderClassManifest.KubernetesSecret(
                "bare", "", java.util.Map.of(), java.util.Map.of(), List.of()));
    assertThat(spc.secretObjects().get(0).labels().keySet()).containsExactly("app", "tier");
    assertThat(SecretProviderClassManifest.parseAll("kind: SecretProviderClass\n", "x"))
        .singleElement()
        .satisfies(c -> assertThat(c.secretObjects()).isEmpty());
  }

  @Test
  void malformedSecretObjectsNameTheFieldNeverTheValue() {
    List<String> bad =
        List.of(
            "secretObjects: " + MARKER,
            "secretObjects: [" + MARKER + "]",
            "secretObjects: [{secretName: [" + MARKER + "]}]",
            "secretObjects: [{type: {a: " + MARKER + "}}]",
            "secretObjects: [{data: " + MARKER + "}]",
            "secretObjects: [{data: [" + MARKER + "]}]",
            "secretObjects: [{data: [{objectName: a, key: [" + MARKER + "]}]}]",
            "secretObjects: [{labels: [" + MARKER + "]}]",
            "secretObjects: [{annotations: {a: [" + MARKER + "]}}]");
    List<String> expected =
        List.of(
            "spec.secretObjects must be a list",
            "spec.secretObjects[0] must be a mapping",
            "spec.secretObjects[0].secretName must be a string",
            "spec.secretObjects[0].type must be a string",
            "spec.secretObjects[0].data must be a list",
            "spec.secretObjects[0].data[0] must be a mapping",
            "spec.secretObjects[0].data[0].key must be a string",
            "spec.secretObjects[0].labels must be a map of strings",
            "spec.secretObjects[0].annotations.a must be a string");
    for (int i = 0; i < bad.size(); i++) {
      String yaml = "kind: SecretProviderClass\nspec:\n  " + bad.get(i) + "\n";
      assertThatThrownBy(() -> SecretProviderClassManifest.parseAll(yaml, "s.yaml"))
          .isInstanceOf(AscpException.class)
          .hasMessage(
              "Invalid SecretProviderClass manifest s.yaml: document 1: " + expected.get(i));
    }
  }
}
