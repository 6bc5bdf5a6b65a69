// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The chart under {@code deploy/helm}, copied into a temporary directory with a local stub of its
 * Secrets Store CSI driver dependency (the real chart cannot be fetched in tests), and rendered
 * with helm-java (Helm's own Go code, so rendering and linting are Helm's).
 */
final class ChartFixture {
  static final String CHART_NAME = "secrets-store-csi-driver-provider-aws";
  static final String NAMESPACE = "kube-system";

  /** The release name the reference's documentation installs with. */
  static final String RELEASE = "csi-secrets-store-provider-aws";

  private final Path chart;
  private final Path work;
  private int valuesFiles;

  private ChartFixture(Path chart, Path work) {
    this.chart = chart;
    this.work = work;
  }

  /** The {@code deploy/} directory of the source tree. */
  static Path deployDir() {
    return Path.of(System.getProperty("ascp.deploy.dir", "../deploy")).toAbsolutePath().normalize();
  }

  /** The chart's source directory. */
  static Path chartSource() {
    return deployDir().resolve("helm").resolve(CHART_NAME);
  }

  /** A copy of the chart in {@code tempDir} whose {@code charts/} holds the driver stub. */
  static ChartFixture stubbed(Path tempDir) {
    Path copy = tempDir.resolve(CHART_NAME);
    copyTree(chartSource(), copy);
    copyTree(
        resource("/secrets-store-csi-driver-stub"),
        copy.resolve("charts/secrets-store-csi-driver"));
    return new ChartFixture(copy, tempDir);
  }

  /** A copy of the chart without its dependency, for {@code helm dependency} checks. */
  static ChartFixture bare(Path tempDir) {
    Path copy = tempDir.resolve(CHART_NAME);
    copyTree(chartSource(), copy);
    return new ChartFixture(copy, tempDir);
  }

  Path chart() {
    return chart;
  }

  Helm helm() {
    return new Helm(chart);
  }

  /** Renders with the chart's defaults and the given values files' YAML, in order. */
  String render(String... valuesYaml) {
    return renderAs(RELEASE, valuesYaml);
  }

  /** Renders as {@code release} in kube-system with the given values YAML documents, in order. */
  String renderAs(String release, String... valuesYaml) {
    TemplateCommand template = helm().template().withName(release).withNamespace(NAMESPACE);
    for (String yaml : valuesYaml) {
      template = template.withValuesFile(valuesFile(yaml));
    }
    return template.call();
  }

  /** Renders with a values file of the test resources (e.g. a reference user's values). */
  String renderWithResource(String resource) {
    return helm()
        .template()
        .withName(RELEASE)
        .withNamespace(NAMESPACE)
        .withValuesFile(resource(resource))
        .call();
  }

  Path valuesFile(String yaml) {
    try {
      Path file = work.resolve("values-" + ++valuesFiles + ".yaml");
      Files.writeString(file, yaml, StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Merges {@code yaml} into the copy's values.yaml (maps key by key, as Helm merges). */
  void overrideDefaults(String yaml) {
    YAMLMapper mapper = new YAMLMapper();
    Path values = chart.resolve("values.yaml");
    try {
      JsonNode merged = mapper.readTree(values.toFile());
      JsonNode override = mapper.readTree(yaml);
      if (override != null && override.isObject()) {
        merge((ObjectNode) merged, (ObjectNode) override);
      }
      mapper.writeValue(values.toFile(), merged);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void merge(ObjectNode into, ObjectNode from) {
    for (Map.Entry<String, JsonNode> e : from.properties()) {
      JsonNode existing = into.get(e.getKey());
      if (existing instanceof ObjectNode target && e.getValue() instanceof ObjectNode source) {
        merge(target, source);
      } else {
        into.set(e.getKey(), e.getValue());
      }
    }
  }

  static Path resource(String name) {
    URL url = Objects.requireNonNull(ChartFixture.class.getResource(name), name);
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static void copyTree(Path from, Path to) {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path source : paths.sorted().toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
