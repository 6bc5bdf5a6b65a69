// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding moto_server, and skipping or failing without it. */
class MotoServerExtensionTest {
  @TempDir Path dir;

  private static Function<String, @Nullable String> env(Map<String, String> values) {
    return values::get;
  }

  @Test
  void startsWhenMotoServerIsFound() throws IOException {
    Path exe = Files.createFile(dir.resolve("moto_server"));
    Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwx------"));
    MotoServerExtension.requireMotoServer(env(Map.of("PATH", dir.toString(), "CI", "true")), "X");
  }

  @Test
  void skipsOnADeveloperMachineWithoutMotoServer() {
    Function<String, @Nullable String> ext = env(Map.of("PATH", dir.toString()));
    assertThatThrownBy(() -> MotoServerExtension.requireMotoServer(ext, "SomeMotoIT"))
        // JUnit's abort exception (opentest4j's TestAbortedException) skips the class.
        .satisfies(e -> assertThat(e.getClass().getName()).endsWith(".TestAbortedException"))
        .hasMessageContaining("moto_server not found");
  }

  @Test
  void failsOnCiWithoutMotoServer() {
    Function<String, @Nullable String> ext = env(Map.of("PATH", dir.toString(), "CI", "true"));
    assertThatThrownBy(() -> MotoServerExtension.requireMotoServer(ext, "SomeMotoIT"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot be skipped when CI=true");
  }

  @Test
  void findsTheExecutableOnThePathOrWhereConfigured() throws IOException {
    Path exe = Files.createFile(dir.resolve("moto_server"));
    assertThat(MotoServer.locate(env(Map.of("PATH", "/nonexistent:" + dir)))).isEmpty();
    Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));
    assertThat(MotoServer.locate(env(Map.of("PATH", "/nonexistent:" + dir)))).contains(exe);
    Map<String, String> configured = new HashMap<>();
    configured.put(MotoServer.ENV_EXECUTABLE, exe.toString());
    assertThat(MotoServer.locate(env(configured))).contains(exe);
    configured.put(MotoServer.ENV_EXECUTABLE, dir.resolve("missing").toString());
    assertThat(MotoServer.locate(env(configured))).isEmpty();
    assertThat(MotoServer.locate(env(Map.of()))).isEmpty();
  }
}
