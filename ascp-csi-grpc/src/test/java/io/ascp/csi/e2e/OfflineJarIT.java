// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.ascp.core.SecretProviderClassManifest;
import io.ascp.csi.testing.CsiDriverSimulator;
import io.ascp.csi.testing.MountOutcome;
import io.ascp.csi.testing.MountedFiles;
import io.ascp.csi.testing.PodVolume;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fat jar's commands that need neither AWS nor Kubernetes, each as its own process started from
 * the repository root as README says: {@code quickstart} (README's first command), {@code serve
 * --backend memory:FILE} driven by the CSI driver simulator without tokens, and {@code mount
 * --watch}; both long-running commands stop cleanly on SIGTERM.
 */
class OfflineJarIT {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final String JAR = "ascp-csi-grpc/target/ascp-provider.jar";
  private static final String STORE = "examples/quickstart/demo-store.yaml";
  private static final String SPC = "examples/quickstart/secretproviderclass.yaml";

  @TempDir Path dir;

  /** A started jar and its merged output, line by line. */
  private static final class Jar implements AutoCloseable {
    final Process process;
    final List<String> output = new CopyOnWriteArrayList<>();
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    Jar(String... args) throws IOException {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-jar");
      command.add(JAR);
      command.addAll(List.of(args));
      ProcessBuilder builder =
          new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
      Map<String, String> env = builder.environment();
      env.keySet()
          .removeIf(k -> k.startsWith("AWS_") || k.startsWith("KUBE") || k.startsWith("ASCP_"));
      env.put("AWS_EC2_METADATA_DISABLED", "true");
      env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:9");
      process = builder.start();
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
                  for (String line = r.readLine(); line != null; line = r.readLine()) {
                    output.add(line);
                    lines.add(line);
                  }
                } catch (IOException e) {
                  lines.add("<output closed>");
                }
              },
              "jar-output");
      reader.setDaemon(true);
      reader.start();
    }

    void awaitLine(String text) throws InterruptedException {
      while (true) {
        String line = lines.poll(60, TimeUnit.SECONDS);
        assertThat(line).as("a line containing '%s'; output: %s", text, output).isNotNull();
        if (line.contains(text)) {
          return;
        }
      }
    }

    int awaitExit() throws InterruptedException {
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited; output: %s", output).isTrue();
      return process.exitValue();
    }

    @Override
    public void close() {
      process.destroyForcibly();
    }
  }

  @Test
  void quickstartRunsToTheEndByItselfAndLeavesNothingBehind() throws Exception {
    Path target = dir.resolve("volume");
    try (Jar jar = new Jar("quickstart", "--target", target.toString())) {
      assertThat(jar.awaitExit()).as("output: %s", jar.output).isZero();
      jar.awaitLine("6. Stopped the provider daemon and removed its socket");
      assertThat(jar.process.toHandle().descendants()).isEmpty();
      String output = String.join("\n", jar.output);
      assertThat(output)
          .contains("hello-from-the-demo-store")
          .contains("hello-again-after-a-rotation")
          .contains("changed demo_greeting: version ");
      Matcher socket = Pattern.compile("listening on (\\S+aws\\.sock) ").matcher(output);
      assertThat(socket.find()).as(output).isTrue();
      Path socketPath = Path.of(socket.group(1));
      assertThat(Files.exists(socketPath, LinkOption.NOFOLLOW_LINKS)).isFalse();
      assertThat(socketPath.getParent()).doesNotExist();
    }
    assertThat(Files.readString(target.resolve("demo_greeting")))
        .isEqualTo("hello-again-after-a-rotation");
  }

  @Test
  void serveWithTheMemoryBackendMountsWithoutTokensAndStopsOnSigterm() throws Exception {
    Path socketDir = Files.createTempDirectory(Path.of("/tmp"), "ascp-mem");
    Path target = Files.createDirectory(dir.resolve("target"));
    try (Jar jar =
        new Jar("serve", "--backend", "memory:" + STORE, "--provider-volume=" + socketDir)) {
      jar.awaitLine("Listening for connections on address: " + socketDir.resolve("aws.sock"));
      SecretProviderClassManifest spc = SecretProviderClassManifest.read(ROOT.resolve(SPC));
      try (CsiDriverSimulator driver = CsiDriverSimulator.connect(socketDir.resolve("aws.sock"))) {
        MountOutcome outcome =
            driver.mount(
                PodVolume.builder()
                    .pod("default", "app-0", "uid-0")
                    .secretProviderClass("quickstart", spc.parameters())
                    .targetPath(target)
                    .build());
        assertThat(outcome.error()).isEmpty();
      }
      assertThat(MountedFiles.readString(target, "db-username")).isEqualTo("demo-user");

      jar.process.toHandle().destroy(); // SIGTERM
      assertThat(jar.awaitExit()).as("output: %s", jar.output).isZero();
      assertThat(jar.output)
          .anyMatch(l -> l.contains("Backend: the in-memory store " + STORE))
          .noneMatch(l -> l.contains("tokenRequests"))
          .anyMatch(l -> l.contains("received signal:terminated to terminate"));
      assertThat(Files.exists(socketDir.resolve("aws.sock"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    } finally {
      Files.deleteIfExists(socketDir);
    }
  }

  @Test
  void aMissingSeedFileStopsServeWithStatusOne() throws Exception {
    Path socketDir = Files.createTempDirectory(Path.of("/tmp"), "ascp-mem");
    try (Jar jar =
        new Jar("serve", "--backend=memory:absent.yaml", "--provider-volume=" + socketDir)) {
      assertThat(jar.awaitExit()).isEqualTo(1);
      jar.awaitLine("Cannot read the in-memory store seed absent.yaml");
      assertThat(socketDir.resolve("aws.sock")).doesNotExist();
    } finally {
      Files.deleteIfExists(socketDir);
    }
  }

  @Test
  void mountWatchStopsCleanlyOnSigterm() throws Exception {
    Path target = dir.resolve("watched");
    try (Jar jar =
        new Jar(
            "mount",
            "--class",
            SPC,
            "--target",
            target.toString(),
            "--backend",
            "memory:" + STORE,
            "--watch",
            "1h")) {
      jar.awaitLine("Watching: a refresh every 1h0m0s");
      assertThat(MountedFiles.readString(target, "db-username")).isEqualTo("demo-user");
      jar.process.toHandle().destroy(); // SIGTERM
      assertThat(jar.awaitExit()).as("output: %s", jar.output).isZero();
      jar.awaitLine("Stopped watching (SIGTERM).");
      assertThat(jar.output).noneMatch(l -> l.contains("demo-password-not-real"));
    }
  }
}
