// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.daemon;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ascp.csi.v1alpha1.MountRequest;
import io.ascp.csi.v1alpha1.VersionRequest;
import io.ascp.csi.v1alpha1.VersionResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fat jar as the DaemonSet runs it: a separate JVM, driven over its socket. */
class ProviderJarIT {
  private static final Path JAR = Path.of("target", "ascp-provider.jar");

  @TempDir Path dir;

  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void tearDown() {
    for (Process p : processes) {
      p.destroyForcibly();
    }
  }

  /** A running jar whose output lines are collected as they come. */
  private final class Run {
    final Process process;
    final Thread reader;
    final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    final List<String> all = new CopyOnWriteArrayList<>();

    Run(String... args) throws IOException {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-jar");
      command.add(JAR.toString());
      command.addAll(List.of(args));
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
      processes.add(process);
      reader = new Thread(() -> read(process.getInputStream()), "jar-output");
      reader.setDaemon(true);
      reader.start();
    }

    private void read(InputStream in) {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          all.add(line);
          lines.add(line);
        }
      } catch (IOException e) {
        lines.add("<output closed: " + e.getClass().getSimpleName() + ">");
      }
    }

    /** Waits for a line containing {@code text}; fails after 60 seconds without it. */
    String awaitLine(String text) throws InterruptedException {
      while (true) {
        String line = lines.poll(60, TimeUnit.SECONDS);
        assertThat(line).as("a line containing '%s'; output so far: %s", text, all).isNotNull();
        if (line.contains(text)) {
          return line;
        }
      }
    }

    int exitStatus() throws InterruptedException {
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited; output: %s", all).isTrue();
      reader.join(TimeUnit.SECONDS.toMillis(60)); // the rest of the output
      return process.exitValue();
    }

    String output() {
      return String.join("\n", all);
    }
  }

  @Test
  void theJarExists() {
    assertThat(JAR).isRegularFile();
  }

  @Test
  void helpListsTheDaemonFlags() throws Exception {
    Run run = new Run("--help");
    assertThat(run.exitStatus()).isZero();
    assertThat(run.output())
        .contains("Usage: ascp-provider")
        .contains("--provider-volume")
        .contains("--driver-writes-secrets")
        .contains("--pod-identity-http-timeout")
        .contains("--socket-mode")
        .contains("serve");
  }

  @Test
  void anUnknownFlagExitsWith2() throws Exception {
    Run run = new Run("-v=4");
    assertThat(run.exitStatus()).isEqualTo(2);
    assertThat(run.output()).contains("Unknown option").contains("Usage: ascp-provider");
  }

  @Test
  void servesOnTheSocketAndDrainsOnSigterm() throws Exception {
    Files.writeString(dir.resolve("aws.sock"), "stale");
    Run run =
        new Run(
            "-provider-volume",
            dir.toString(),
            "--driver-writes-secrets",
            "--socket-mode=0660",
            "--pod-identity-http-timeout=45s");
    run.awaitLine("Listening for connections on address: " + dir + "/aws.sock");
    Path socket = dir.resolve("aws.sock");
    assertThat(Files.isRegularFile(socket)).isFalse();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)))
        .isEqualTo("rw-rw----");

    try (UdsClient client = new UdsClient(socket.toString())) {
      VersionResponse version =
          client.blocking().version(VersionRequest.newBuilder().setVersion("v1alpha1").build());
      assertThat(version.getVersion()).isEqualTo("v1alpha1");
      assertThat(version.getRuntimeName()).isEqualTo("ascp-java");
      assertThat(version.getRuntimeVersion()).isNotEmpty();
      assertThatThrownBy(
              () -> client.blocking().mount(MountRequest.newBuilder().setSecrets("null").build()))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> {
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                assertThat(e.getStatus().getDescription()).isEqualTo("Missing mount path");
              });
    }

    // SIGTERM. (Process.destroy() would also close our end of the output pipe.)
    assertThat(run.process.toHandle().destroy()).isTrue();
    assertThat(run.exitStatus()).isZero();
    assertThat(Files.exists(socket, LinkOption.NOFOLLOW_LINKS)).isFalse();
    assertThat(run.output())
        .contains("Starting ascp-java version")
        .contains("This provider requires tokenRequests to be configured in the CSIDriver spec")
        .contains("podIdentityHttpTimeout value 45s is unusually high")
        .contains("No Kubernetes API configuration")
        .contains("received signal:terminated to terminate");
  }

  @Test
  void jsonLogs() throws Exception {
    Run run = new Run("--provider-volume=" + dir + "/" + "x".repeat(120), "--log-format=json");
    assertThat(run.exitStatus()).isEqualTo(1);
    assertThat(run.all)
        .isNotEmpty()
        .allSatisfy(line -> assertThat(line).startsWith("{").endsWith("}"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("\"level\":\"ERROR\"")
                    .contains("\"formattedMessage\":\"the socket path "));
  }

  @Test
  void aSocketPathTooLongFailsToStart() throws Exception {
    Run run = new Run("--provider-volume=" + dir + "/" + "x".repeat(120));
    assertThat(run.exitStatus()).isEqualTo(1);
    assertThat(run.output()).contains("at most 107 bytes");
  }
}
