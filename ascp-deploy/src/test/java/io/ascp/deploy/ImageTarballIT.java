// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Jib tarball: its configuration (entrypoint with the chart's JVM options, user, environment,
 * platform) and its file system (the jlink runtime, the provider jar, the C library, the locale,
 * the init helper, /tmp).
 */
class ImageTarballIT {
  private static TarImage image;

  @BeforeAll
  static void read() throws IOException {
    image = TarImage.read(ImageArtifacts.tarball());
  }

  @Test
  void entrypointIsTheJlinkRuntimeWithTheChartsJvmOptions() throws IOException {
    JsonNode config = image.config().path("config");
    List<String> entrypoint = new ArrayList<>();
    config.path("Entrypoint").forEach(a -> entrypoint.add(a.asText()));
    List<String> expected = new ArrayList<>();
    expected.add("/opt/java/bin/java");
    expected.addAll(ImageArtifacts.chartJvmOptions());
    expected.add("-jar");
    expected.add("/app/ascp-provider.jar");
    assertThat(entrypoint).isEqualTo(expected);
    assertThat(
            config.path("Cmd").isMissingNode()
                || config.path("Cmd").isNull()
                || config.path("Cmd").isEmpty())
        .as("no default arguments: the reference's flags are given by the DaemonSet")
        .isTrue();
  }

  @Test
  void runsAsRootWithAUtf8LocaleOnLinuxAmd64() {
    JsonNode config = image.config();
    assertThat(config.path("config").path("User").asText()).isEqualTo("0:0");
    List<String> env = new ArrayList<>();
    config.path("config").path("Env").forEach(e -> env.add(e.asText()));
    assertThat(env).contains("LANG=C.UTF-8", "JAVA_HOME=/opt/java", "PATH=/opt/java/bin");
    assertThat(env)
        .noneMatch(e -> e.startsWith("JAVA_TOOL_OPTIONS") || e.startsWith("JDK_JAVA_OPTIONS"));
    assertThat(config.path("architecture").asText()).isEqualTo("amd64");
    assertThat(config.path("os").asText()).isEqualTo("linux");
    assertThat(config.path("config").path("WorkingDir").asText()).isEqualTo("/");
    assertThat(
            config.path("config").path("Labels").path("org.opencontainers.image.licenses").asText())
        .isEqualTo("Apache-2.0");
  }

  private static TarImage.Entry entry(String path) {
    TarImage.Entry entry = image.entries().get(path);
    if (entry == null) {
      throw new AssertionError(path + " is not in the image");
    }
    return entry;
  }

  @Test
  void containsTheRuntimeTheJarAndTheCLibrary() throws IOException {
    Map<String, TarImage.Entry> files = image.entries();
    assertThat(entry("/opt/java/bin/java").mode() & 0777).isEqualTo(0755);
    assertThat(entry("/lib64/ld-linux-x86-64.so.2").mode() & 0111).isNotZero();
    for (String lib :
        List.of(
            "libc.so.6",
            "libm.so.6",
            "libdl.so.2",
            "libpthread.so.0",
            "librt.so.1",
            "libgcc_s.so.1",
            "libstdc++.so.6",
            "libz.so.1")) {
      assertThat(files).containsKey("/lib/x86_64-linux-gnu/" + lib);
      assertThat(entry("/lib/x86_64-linux-gnu/" + lib).type()).as(lib).isIn('0', '\0');
    }
    assertThat(files).containsKey("/usr/lib/locale/C.utf8/LC_CTYPE");
    assertThat(files).containsKey("/opt/java/lib/server/libjvm.so");
    assertThat(files).containsKey("/opt/java/lib/server/classes.jsa");
    assertThat(files).containsKey("/opt/java/lib/security/cacerts");
    assertThat(files.keySet()).as("no java.desktop").noneMatch(p -> p.contains("libawt"));

    TarImage.Entry jar = entry("/app/ascp-provider.jar");
    assertThat(jar.content()).isEqualTo(Files.readAllBytes(ImageArtifacts.providerJar()));
    assertThat(files).containsKey("/app/classes/io/ascp/deploy/SocketDirectoryInit.class");

    TarImage.Entry tmp = entry("/tmp");
    assertThat(tmp.type()).isEqualTo('5');
    assertThat(tmp.mode() & 0777).isEqualTo(0777);

    String passwd = new String(entry("/etc/passwd").content(), StandardCharsets.UTF_8);
    assertThat(passwd).contains("root:x:0:0:", "nonroot:x:65532:65532:");
    assertThat(files).containsKey("/usr/share/doc/libc6/copyright");
  }
}
