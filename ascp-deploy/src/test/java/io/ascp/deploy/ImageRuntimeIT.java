// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.deploy;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ascp.csi.v1alpha1.File;
import io.ascp.csi.v1alpha1.MountResponse;
import io.ascp.csi.v1alpha1.VersionRequest;
import io.ascp.csi.v1alpha1.VersionResponse;
import io.fabric8.kubernetes.api.model.Container;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs what the image runs: the jlink runtime with the provider jar and the chart's JVM options on
 * this host (Version, then mounts against moto with the JVM sized for the chart's 256Mi limit),
 * and, as root, the image's own entrypoint and environment in a chroot of its extracted layers (no
 * container runtime: no cgroup limits, seccomp or read-only root here).
 */
class ImageRuntimeIT {
  private static final int MOUNTS = 100;
  private static final int OBJECTS = 4;

  @TempDir Path tmp;

  private static List<String> hostCommand(Path volume, String... flags) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ImageArtifacts.java().toString());
    command.addAll(ImageArtifacts.chartJvmOptions());
    // Outside a container the JVM sizes itself from the host's memory: MaxRAM makes it size
    // itself as it does under the chart's 256Mi limit.
    command.add("-XX:MaxRAM=256m");
    command.add("-jar");
    command.add(ImageArtifacts.providerJar().toString());
    command.add("--provider-volume=" + volume);
    command.add("--http-address=127.0.0.1:0");
    command.addAll(List.of(flags));
    return command;
  }

  private static Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  private static void assertVersion(Path socket) {
    try (ProviderClient client = new ProviderClient(socket)) {
      VersionResponse version =
          client.stub().version(VersionRequest.newBuilder().setVersion("v1alpha1").build());
      assertThat(version.getVersion()).isEqualTo("v1alpha1");
      assertThat(version.getRuntimeName()).isEqualTo("ascp-java");
      assertThat(version.getRuntimeVersion()).isNotEmpty();
    }
  }

  @Test
  void theJlinkRuntimeAnswersVersionOverTheSocket() throws IOException {
    Path volume = Files.createDirectory(tmp.resolve("v"));
    try (DaemonProcess daemon =
        DaemonProcess.start(
            hostCommand(volume), env(), volume.resolve("aws.sock"), tmp.resolve("daemon.log"))) {
      assertVersion(volume.resolve("aws.sock"));
      assertThat(daemon.log()).contains("Listening for connections on address");
      assertThat(daemon.log()).doesNotContain("Exception");
    }
  }

  @Test
  void theChartsJvmOptionsServeMountsAgainstAws() throws IOException, InterruptedException {
    try (FakeAws aws = FakeAws.start()) {
      StringBuilder objects = new StringBuilder();
      for (int i = 0; i < OBJECTS; i++) {
        aws.createSecret(
            "s" + i, "{\"user\":\"u" + i + "\",\"password\":\"" + "p".repeat(64) + "\"}");
        aws.putParameter("p" + i, "value-" + i);
        objects
            .append("- objectName: s")
            .append(i)
            .append("\n  objectType: secretsmanager\n")
            .append("  jmesPath:\n    - path: user\n      objectAlias: s")
            .append(i)
            .append("-user\n")
            .append("- objectName: p")
            .append(i)
            .append("\n  objectType: ssmparameter\n");
      }
      Path volume = Files.createDirectory(tmp.resolve("v"));
      try (DaemonProcess daemon =
              DaemonProcess.start(
                  hostCommand(
                      volume,
                      "--driver-writes-secrets=true",
                      "--pod-identity-agent-url=" + aws.agentUrl()),
                  env("AWS_ENDPOINT_URL", aws.endpoint(), "AWS_REGION", "us-east-1"),
                  volume.resolve("aws.sock"),
                  tmp.resolve("daemon.log"));
          ProviderClient client = new ProviderClient(volume.resolve("aws.sock"))) {
        String afterStart = DaemonProcess.memory(daemon.pid());
        MountResponse last = MountResponse.getDefaultInstance();
        for (int i = 0; i < MOUNTS; i++) {
          last =
              client
                  .stub()
                  .mount(FakeAws.mountRequest(objects.toString(), "pod-" + i % 10, "/unused/" + i));
        }
        assertThat(daemon.alive()).as(daemon.log()).isTrue();
        Map<String, String> files =
            last.getFilesList().stream()
                .collect(Collectors.toMap(File::getPath, f -> FakeAws.utf8(f.getContents())));
        assertThat(files).hasSize(3 * OBJECTS);
        IntStream.range(0, OBJECTS)
            .forEach(
                i -> {
                  assertThat(files).containsEntry("s" + i + "-user", "u" + i);
                  assertThat(files).containsEntry("p" + i, "value-" + i);
                });
        // Figures for docs/operations.md ("Memory and CPU"); not asserted (they vary by host).
        System.out.println(
            "[ascp-deploy] JVM with the chart's options, MaxRAM=256m: after start "
                + afterStart
                + " after "
                + MOUNTS
                + " mounts of "
                + 2 * OBJECTS
                + " objects: "
                + DaemonProcess.memory(daemon.pid()));
      }
    }
  }

  @Test
  void theImageRunsInAChrootOfItsLayers() throws IOException, InterruptedException {
    assumeRootWithChroot();
    TarImage image = TarImage.read(ImageArtifacts.tarball());
    Path root = tmp.resolve("root");
    image.extractTo(root);
    Files.createDirectories(root.resolve("proc"));
    Files.createDirectories(root.resolve("run/p"));

    JsonNode config = image.config().path("config");
    List<String> command = chroot(root);
    config.path("Entrypoint").forEach(a -> command.add(a.asText()));
    command.add("--provider-volume=/run/p");
    command.add("--http-address=127.0.0.1:0");
    Map<String, String> env = new HashMap<>();
    config
        .path("Env")
        .forEach(e -> env.put(e.asText().split("=", 2)[0], e.asText().split("=", 2)[1]));

    Optional<FakeAws> aws = FakeAws.tryStart();
    try {
      if (aws.isPresent()) {
        command.add("--pod-identity-agent-url=" + aws.get().agentUrl());
        env.put("AWS_ENDPOINT_URL", aws.get().endpoint());
        aws.get().createSecret("unicode", "{\"k\":\"värde\"}");
      }
      try (DaemonProcess daemon =
          DaemonProcess.startClean(
              command, env, root.resolve("run/p/aws.sock"), tmp.resolve("chroot.log"))) {
        assertVersion(root.resolve("run/p/aws.sock"));
        if (aws.isPresent()) {
          // Provider-writes mode with a file name outside ASCII: the image's LANG=C.UTF-8 and its
          // locale files are what let the JVM name such a file.
          Path target = Files.createDirectories(root.resolve("run/target"));
          try (ProviderClient client = new ProviderClient(root.resolve("run/p/aws.sock"))) {
            client
                .stub()
                .mount(
                    FakeAws.mountRequest(
                        "- objectName: unicode\n  objectType: secretsmanager\n  objectAlias: geheimnis-ü\n",
                        "pod",
                        "/run/target"));
          }
          assertThat(Files.readString(target.resolve("geheimnis-ü"), StandardCharsets.UTF_8))
              .isEqualTo("{\"k\":\"värde\"}");
        }
        assertThat(daemon.log()).doesNotContain("Exception");
      }
    } finally {
      aws.ifPresent(FakeAws::close);
    }

    // The chart's init container, run from the image against a root-owned 0755 directory.
    Path socketDir = Files.createDirectories(root.resolve("run/q"));
    Files.setPosixFilePermissions(socketDir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Container init =
        Rendered.parse(
                ChartFixture.stubbed(tmp.resolve("chart"))
                    .render("driverWritesSecrets: true\nproviderVolume: /run/q\n"))
            .daemonSet("csi-secrets-store-provider-aws-secrets-store-csi-driver-provide")
            .getSpec()
            .getTemplate()
            .getSpec()
            .getInitContainers()
            .get(0);
    List<String> initCommand = chroot(root);
    initCommand.addAll(init.getCommand());
    Process process = new ProcessBuilder(initCommand).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat((Integer) Files.getAttribute(socketDir, "unix:gid", NOFOLLOW_LINKS))
        .isEqualTo(65532);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socketDir)))
        .isEqualTo("rwxrwxr-x");
  }

  private static List<String> chroot(Path root) {
    return new ArrayList<>(
        List.of(
            "/usr/bin/unshare",
            "--mount",
            "--pid",
            "--fork",
            "--kill-child",
            "--mount-proc=" + root.resolve("proc"),
            "/usr/sbin/chroot",
            root.toString()));
  }

  private static void assumeRootWithChroot() throws IOException {
    boolean root = ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    boolean tools =
        Files.isExecutable(Path.of("/usr/bin/unshare"))
            && Files.isExecutable(Path.of("/usr/sbin/chroot"));
    if (!(root && tools) && "true".equals(System.getenv("CI"))) {
      throw new AssertionError(
          "CI=true requires root, unshare and chroot for the image's chroot test");
    }
    assumeTrue(root && tools, "not root or no unshare/chroot: the image's chroot test is skipped");
  }
}
