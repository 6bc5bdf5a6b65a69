// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.cli;

import io.ascp.api.AscpException;
import io.ascp.api.MountedFile;
import io.ascp.core.InMemorySecretSource;
import io.ascp.core.SecretProviderClassManifest;
import io.ascp.csi.daemon.Daemon;
import io.ascp.csi.daemon.DaemonConfig;
import io.ascp.csi.testing.CsiDriverSimulator;
import io.ascp.csi.testing.MountOutcome;
import io.ascp.csi.testing.MountedFiles;
import io.ascp.csi.testing.PodVolume;
import io.ascp.csi.testing.ProviderVersion;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code quickstart}: the whole path of a mount on one machine, in this process, in a few seconds.
 * Starts the provider daemon on a socket in a new temporary directory with the in-memory backend
 * seeded from the quick-start store, mounts the quick-start {@code SecretProviderClass} through the
 * CSI driver simulator into a local directory, lists the files with modes, versions and contents
 * (demo values: the only command that prints contents), rotates one secret in the backend,
 * re-mounts as the driver's rotation does and shows what changed, then stops the daemon and removes
 * its socket and directory. The mounted files stay for inspection.
 */
@Command(
    name = "quickstart",
    mixinStandardHelpOptions = true,
    versionProvider = ProviderCommand.Version.class,
    sortOptions = false,
    description = {
      "Runs the quick start: the provider daemon on a temporary socket with the in-memory"
          + " backend seeded from DIR/demo-store.yaml, the CSI driver simulator mounting"
          + " DIR/secretproviderclass.yaml into --target, a rotation in the backend and a"
          + " re-mount. Prints file contents, which are demo values; no other command does."
          + " Stops the daemon and removes its socket before it exits.",
      "Exit status: 0 when every step worked, 1 otherwise, 2 for a bad command line."
    })
final class QuickstartCommand implements Callable<Integer> {
  /** The secret the quick start rotates. */
  static final String ROTATED_SECRET = "demo/greeting";

  /** Its new value (a demo value). */
  static final String ROTATED_VALUE = "hello-again-after-a-rotation";

  /** Its new version id. */
  static final String ROTATED_VERSION = "00000000-0000-4000-8000-000000000003";

  /* Unix socket paths hold at most 107 bytes. */
  private static final int MAX_SOCKET_PATH = 100;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      defaultValue = "examples/quickstart",
      description =
          "The directory with demo-store.yaml and secretproviderclass.yaml. Default:"
              + " ${DEFAULT-VALUE} (run from the repository root).")
  Path dir = Path.of("examples/quickstart");

  @Option(
      names = "--target",
      paramLabel = "DIR",
      defaultValue = "target/ascp-quickstart",
      description =
          "The pod's volume: the directory the files are mounted into (created if missing; the"
              + " command owns it). Default: ${DEFAULT-VALUE}.")
  Path target = Path.of("target/ascp-quickstart");

  @Spec CommandSpec spec;

  QuickstartCommand() {
    this.spec = CommandSpec.create();
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    // The daemon's own log lines would interleave with the walk-through; only problems show.
    new LogSettings(LogSettings.Level.WARN, LogSettings.Format.TEXT).apply();
    Path storeFile = dir.resolve("demo-store.yaml");
    Path classFile = dir.resolve("secretproviderclass.yaml");
    InMemorySecretSource store;
    SecretProviderClassManifest spc;
    try {
      store = InMemorySecretSource.fromFile(storeFile);
      spc = SecretProviderClassManifest.read(classFile);
    } catch (AscpException e) {
      err.println("error: " + e.getMessage());
      err.println(
          "The quick start reads "
              + dir
              + "/: run it from the repository root, or pass --dir with the directory of"
              + " demo-store.yaml and secretproviderclass.yaml.");
      err.flush();
      return 1;
    }
    Path socketDir;
    try {
      socketDir = socketDirectory();
      Files.createDirectories(target);
    } catch (IOException e) {
      err.println("error: cannot create a directory: " + e.getClass().getSimpleName());
      err.flush();
      return 1;
    }
    try {
      return run(out, err, store, spc, classFile, storeFile, socketDir);
    } finally {
      deleteTree(socketDir);
    }
  }

  private int run(
      PrintWriter out,
      PrintWriter err,
      InMemorySecretSource store,
      SecretProviderClassManifest spc,
      Path classFile,
      Path storeFile,
      Path socketDir) {
    out.println(
        "ascp-java quick start: the provider daemon, a simulated CSI driver and an in-memory"
            + " backend, all in this process.");
    out.println(
        "Every value below is a fake demo value; this is the only command that prints file"
            + " contents.");
    out.println();
    SwappableSource backend = new SwappableSource(store);
    DaemonConfig config =
        DaemonConfig.builder()
            .providerVolume(socketDir.toString())
            .shutdownGracePeriod(Duration.ofSeconds(1))
            .build();
    Path volumeDir = target.toAbsolutePath();
    String socket;
    try (Daemon daemon = Daemon.startLocal(config, backend, Map.of())) {
      socket = daemon.socketPath();
      try (CsiDriverSimulator driver = CsiDriverSimulator.connect(Path.of(socket))) {
        ProviderVersion version = driver.version();
        out.printf("1. Backend:  the in-memory store seeded from %s%n", storeFile);
        out.printf(
            "2. Provider: %s %s listening on %s (--backend memory: no service-account token, IAM"
                + " role or Kubernetes API needed)%n",
            version.runtimeName(), version.runtimeVersion(), socket);
        out.printf(
            "3. Driver:   mounting SecretProviderClass %s (%s) into %s%n",
            Output.name(spc), classFile, target);
        out.println();
        PodVolume volume =
            PodVolume.builder()
                .pod("default", "quickstart-demo", "00000000-0000-4000-8000-00000000d3e0")
                .serviceAccount("default")
                .secretProviderClass(
                    spc.name().isEmpty() ? "quickstart" : spc.name(), spc.parameters())
                .targetPath(volumeDir)
                .build();
        MountOutcome first = driver.mount(volume);
        if (!first.succeeded()) {
          err.println("error: the mount failed: " + first.error().orElseThrow());
          err.flush();
          return 1;
        }
        List<MountedFile> before = MountedFiles.read(volumeDir);
        Output.printWithContents(out, before, first.objectVersions());
        out.println();

        backend.set(store.withSecretVersion(ROTATED_SECRET, ROTATED_VERSION, ROTATED_VALUE));
        out.printf(
            "4. Rotation: %s gets version %s (now AWSCURRENT) in the backend%n",
            ROTATED_SECRET, ROTATED_VERSION);
        out.println("5. Re-mount: the driver calls the provider again, as its rotation does");
        out.println();
        MountOutcome second = driver.remount(volume);
        if (!second.succeeded()) {
          err.println("error: the re-mount failed: " + second.error().orElseThrow());
          err.flush();
          return 1;
        }
        List<MountedFile> after = MountedFiles.read(volumeDir);
        List<MountedFile> changed = changed(before, after);
        Map<String, String> oldVersions = new HashMap<>();
        first.objectVersions().forEach(v -> oldVersions.put(v.id(), v.version()));
        for (MountedFile file : changed) {
          out.printf(
              "  changed %s: version %s -> %s%n",
              file.path(),
              oldVersions.getOrDefault(file.path(), "(none)"),
              second.version(file.path()));
        }
        Output.printWithContents(out, changed, second.objectVersions());
        out.println();
      }
    } catch (IOException e) {
      err.println("error: the daemon cannot start: " + e.getMessage());
      err.flush();
      return 1;
    }
    out.printf(
        "6. Stopped the provider daemon and removed its socket %s; the files stay in %s%n",
        socket, target);
    out.println(
        "Next: docs/cli.md (validate, mount --watch, serve --backend memory:FILE), docs/library.md,"
            + " docs/simulator.md");
    out.flush();
    return 0;
  }

  private static List<MountedFile> changed(List<MountedFile> before, List<MountedFile> after) {
    Map<String, MountedFile> old = new HashMap<>();
    before.forEach(f -> old.put(f.path(), f));
    List<MountedFile> changed = new ArrayList<>();
    for (MountedFile file : after) {
      MountedFile previous = old.get(file.path());
      if (previous == null || !Arrays.equals(previous.contents(), file.contents())) {
        changed.add(file);
      }
    }
    return changed;
  }

  /** A new directory for the socket, with a path short enough for a Unix socket. */
  private static Path socketDirectory() throws IOException {
    Path dir = Files.createTempDirectory("ascp-qs-");
    if (dir.resolve("aws.sock").toString().length() <= MAX_SOCKET_PATH) {
      return dir;
    }
    Files.delete(dir);
    return Files.createTempDirectory(Path.of("/tmp"), "ascp-qs-");
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths.sorted((a, b) -> b.compareTo(a))::iterator) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
