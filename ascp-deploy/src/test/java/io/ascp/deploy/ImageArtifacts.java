// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the {@code image} profile left the image (the Jib tarball and the directory its extra layer
 * was made from). Without the profile (not Linux x86-64, or {@code -P!image}) the image tests are
 * skipped with a message, except under {@code CI=true}, where they fail.
 */
final class ImageArtifacts {
  private ImageArtifacts() {}

  static Path tarball() {
    return required("ascp.image.tar");
  }

  static Path root() {
    return required("ascp.image.root");
  }

  static Path java() {
    return root().resolve("opt/java/bin/java");
  }

  static Path providerJar() {
    return root().resolve("app/ascp-provider.jar");
  }

  /** The chart's default {@code jvm.options}: the image's entrypoint must use the same. */
  static List<String> chartJvmOptions() throws IOException {
    JsonNode values =
        new YAMLMapper().readTree(ChartFixture.chartSource().resolve("values.yaml").toFile());
    List<String> options = new ArrayList<>();
    values.path("jvm").path("options").forEach(o -> options.add(o.asText()));
    assertThat(options).isNotEmpty();
    return options;
  }

  private static Path required(String property) {
    String value = System.getProperty(property, "");
    Path path = value.isEmpty() ? Path.of("missing") : Path.of(value);
    boolean present = Files.exists(path);
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new AssertionError(
          path + " is missing: the image profile did not run (CI=true requires the image)");
    }
    assumeTrue(
        present,
        path
            + " is missing: the image profile is active only on Linux x86-64 with a Debian-style"
            + " C library and a JDK with jmods; image tests skipped");
    return path;
  }
}
