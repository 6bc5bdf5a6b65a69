// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/image/Dockerfile} (not built here: no Docker daemon) stays equal to what is built
 * and tested here: the chart's JVM options in its entrypoint, the build's jlink module list, the
 * image layout, the user and the locale.
 */
class DockerfileTest {
  private static String dockerfile() throws IOException {
    return Files.readString(ChartFixture.deployDir().resolve("image").resolve("Dockerfile"));
  }

  @Test
  void entrypointHasTheChartsJvmOptions() throws IOException {
    Matcher m = Pattern.compile("(?m)^ENTRYPOINT (\\[.*])$").matcher(dockerfile());
    assertThat(m.find()).isTrue();
    JsonNode entrypoint = new ObjectMapper().readTree(m.group(1));
    List<String> actual = new ArrayList<>();
    entrypoint.forEach(a -> actual.add(a.asText()));
    List<String> expected = new ArrayList<>();
    expected.add("/opt/java/bin/java");
    expected.addAll(ImageArtifacts.chartJvmOptions());
    expected.add("-jar");
    expected.add("/app/ascp-provider.jar");
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void jlinkModulesAreTheBuilds() throws IOException {
    String pom = Files.readString(Path.of("pom.xml"));
    Matcher fromPom =
        Pattern.compile("<ascp.image.modules>([^<]+)</ascp.image.modules>").matcher(pom);
    Matcher fromDockerfile = Pattern.compile("--add-modules (\\S+)").matcher(dockerfile());
    assertThat(fromPom.find()).isTrue();
    assertThat(fromDockerfile.find()).isTrue();
    assertThat(fromDockerfile.group(1)).isEqualTo(fromPom.group(1));
  }

  @Test
  void layoutUserAndLocaleAreTheJibImages() throws IOException {
    String text = dockerfile();
    assertThat(text)
        .contains(
            "COPY --from=build /opt/java /opt/java",
            "/app/ascp-provider.jar",
            "COPY --from=build /src/ascp-deploy/target/classes /app/classes",
            "USER 0:0",
            "LANG=C.UTF-8",
            "--uid 65532 --gid 65532");
  }
}
