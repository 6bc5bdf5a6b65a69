// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code quickstart}, the entry point of README's first command, run in this JVM. */
class QuickstartCommandTest {
  private static final String DIR = "../examples/quickstart";

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return ProviderCommand.execute(
        List.of(args),
        new PrintWriter(out, true),
        new PrintWriter(err, true),
        options -> {
          throw new AssertionError("the daemon command must not start");
        },
        Map.of());
  }

  @Test
  void mountsRotatesRemountsAndCleansUp() throws Exception {
    Path target = dir.resolve("volume");

    assertThat(run("quickstart", "--dir", DIR, "--target", target.toString()))
        .as("stderr: %s", err)
        .isZero();

    String output = out.toString();
    assertThat(output)
        .contains("1. Backend:  the in-memory store seeded from " + DIR + "/demo-store.yaml\n")
        .contains(
            "3. Driver:   mounting SecretProviderClass quickstart ("
                + DIR
                + "/secretproviderclass.yaml) into "
                + target
                + "\n")
        .contains("  MODE  VERSION                               PATH                 CONTENTS\n")
        .contains("hello-from-the-demo-store\n")
        .contains(
            "  0644  00000000-0000-4000-8000-000000000001  api-key-previous     demo-api-key-v1\n")
        .contains("db-username          demo-user\n")
        .contains(
            "keystore.bin         (29 bytes, base64 ZGVtby1iaW5hcnktdmFsdWUtbm90LXJlYWwA/xA=)\n")
        .contains(
            "4. Rotation: demo/greeting gets version 00000000-0000-4000-8000-000000000003 (now"
                + " AWSCURRENT) in the backend\n")
        .containsPattern(
            "  changed demo_greeting: version [0-9a-f-]{36} -> 00000000-0000-4000-8000-000000000003\n")
        .contains("hello-again-after-a-rotation\n")
        .contains("the files stay in " + target);
    assertThat(err.toString()).isEmpty();

    // The re-mount changed exactly one file: the rotated one.
    String afterRotation = output.substring(output.indexOf("5. Re-mount"));
    assertThat(afterRotation.lines().filter(l -> l.startsWith("  0"))).hasSize(1);

    // The volume holds what a pod sees after the rotation.
    assertThat(Files.readString(target.resolve("demo_greeting")))
        .isEqualTo("hello-again-after-a-rotation");
    assertThat(Files.isSymbolicLink(target.resolve("..data"))).isTrue();

    // The daemon's socket and its directory are gone.
    Matcher socket = Pattern.compile("listening on (\\S+aws\\.sock) ").matcher(output);
    assertThat(socket.find()).isTrue();
    Path socketPath = Path.of(socket.group(1));
    assertThat(socketPath).doesNotExist();
    assertThat(socketPath.getParent()).doesNotExist();
  }

  @Test
  void aSecondRunReplacesTheVolume() throws Exception {
    Path target = dir.resolve("volume");
    assertThat(run("quickstart", "--dir", DIR, "--target", target.toString())).isZero();
    assertThat(run("quickstart", "--dir", DIR, "--target", target.toString()))
        .as("stderr: %s", err)
        .isZero();
    assertThat(Files.readString(target.resolve("demo_greeting")))
        .isEqualTo("hello-again-after-a-rotation");
  }

  @Test
  void runFromTheWrongDirectoryItSaysWhatItNeeds() {
    assertThat(run("quickstart", "--dir", dir.resolve("nowhere").toString(), "--target", "x"))
        .isEqualTo(1);
    assertThat(err.toString())
        .startsWith("error: Cannot read the in-memory store seed")
        .contains(
            "run it from the repository root, or pass --dir with the directory of"
                + " demo-store.yaml and secretproviderclass.yaml.");
    assertThat(out.toString()).isEmpty();
  }
}
