// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.deploy;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A provider daemon started as a child process; closing it ends that process and its descendants
 * (by process id) and waits for them.
 */
final class DaemonProcess implements AutoCloseable {
  private final Process process;
  private final Path log;

  private DaemonProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code command} with this process's environment plus {@code env} (without the test JVM's
   * KUBECONFIG) and waits until {@code socket} exists.
   */
  static DaemonProcess start(List<String> command, Map<String, String> env, Path socket, Path log)
      throws IOException {
    return start(command, env, socket, log, false);
  }

  /** Starts {@code command} with exactly {@code env} and waits until {@code socket} exists. */
  static DaemonProcess startClean(
      List<String> command, Map<String, String> env, Path socket, Path log) throws IOException {
    return start(command, env, socket, log, true);
  }

  private static DaemonProcess start(
      List<String> command, Map<String, String> env, Path socket, Path log, boolean clean)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    if (clean) {
      builder.environment().clear();
    }
    builder.environment().remove("KUBECONFIG");
    builder.environment().putAll(env);
    DaemonProcess daemon = new DaemonProcess(builder.start(), log);
    try {
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> Files.exists(socket) || !daemon.process.isAlive());
    } catch (RuntimeException e) {
      daemon.close();
      throw new AssertionError(
          "the daemon did not create " + socket + "; log:\n" + daemon.log(), e);
    }
    if (!daemon.process.isAlive()) {
      throw new AssertionError(
          "the daemon exited with " + daemon.process.exitValue() + "; log:\n" + daemon.log());
    }
    return daemon;
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** Resident set figures of {@code pid} in KiB: VmRSS, RssAnon, RssFile, VmHWM, Threads. */
  static String memory(long pid) {
    try {
      StringBuilder out = new StringBuilder();
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS")
            || line.startsWith("RssAnon")
            || line.startsWith("RssFile")
            || line.startsWith("VmHWM")
            || line.startsWith("Threads")) {
          out.append(line.replaceAll("\\s+", " ")).append("; ");
        }
      }
      return out.toString();
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
