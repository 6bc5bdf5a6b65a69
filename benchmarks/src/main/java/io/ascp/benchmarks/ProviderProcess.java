// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.benchmarks;

import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The provider's fat jar running as a separate process ({@code java <jvm options> -jar
 * ascp-provider.jar --provider-volume=<temp dir> <flags>}), with only the environment given: the
 * process a DaemonSet runs. Knows when it became ready (a {@code Version} call answered over the
 * socket), and reads its memory and CPU time from {@code /proc}. Owns the process and its temporary
 * directory.
 */
final class ProviderProcess implements AutoCloseable {
  private final Process process;
  private final Path directory;
  private final Path log;
  private final long readyNanos;

  private ProviderProcess(Process process, Path directory, Path log, long readyNanos) {
    this.process = process;
    this.directory = directory;
    this.log = log;
    this.readyNanos = readyNanos;
  }

  /**
   * Starts the provider and waits until a {@code Version} call over its socket is answered.
   *
   * @throws IllegalStateException when the process exits or is not ready within a minute
   */
  static ProviderProcess start(
      Path jar, List<String> jvmOptions, List<String> flags, Map<String, String> env)
      throws IOException, InterruptedException {
    Path directory = Files.createTempDirectory(Path.of("/tmp"), "ascp-bench");
    Path socket = directory.resolve("aws.sock");
    Path log = directory.resolve("provider.log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar.toString());
    command.add("--provider-volume=" + directory);
    command.addAll(flags);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().put("LANG", "C.UTF-8");
    builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
    builder.environment().putAll(env);
    builder.redirectErrorStream(true);
    builder.redirectOutput(log.toFile());

    long start = System.nanoTime();
    Process process = builder.start();
    long deadline = start + TimeUnit.MINUTES.toNanos(1);
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the provider exited with " + process.exitValue() + ":\n" + tail(log));
      }
      if (System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "the provider was not ready within a minute:\n" + tail(log));
      }
      if (Files.exists(socket)) {
        // A channel per attempt: a failed connection would put the channel into its reconnect
        // backoff (1 s), which would be measured instead of the provider.
        try (ProviderClient client = new ProviderClient(socket)) {
          client.version(Duration.ofSeconds(2));
          long ready = System.nanoTime() - start;
          return new ProviderProcess(process, directory, log, ready);
        } catch (StatusRuntimeException e) {
          // Bound but not yet serving; try again.
        }
      }
      TimeUnit.MILLISECONDS.sleep(1);
    }
  }

  /** The provider socket. */
  Path socket() {
    return directory.resolve("aws.sock");
  }

  long pid() {
    return process.pid();
  }

  /** Nanoseconds from starting the process to the first answered {@code Version} call. */
  long readyNanos() {
    return readyNanos;
  }

  /** {@code VmRSS} of the process, in KiB. */
  long rssKib() {
    return statusField("VmRSS:");
  }

  /** {@code VmHWM} (peak resident set) of the process, in KiB. */
  long peakRssKib() {
    return statusField("VmHWM:");
  }

  /** {@code RssAnon} (resident anonymous memory: heap, metaspace, code, stacks) in KiB. */
  long anonRssKib() {
    return statusField("RssAnon:");
  }

  /** The number of threads of the process. */
  long threads() {
    return statusField("Threads:");
  }

  /** User and system CPU time of the process so far, in nanoseconds. */
  long cpuNanos() {
    return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }

  private long statusField(String name) {
    try {
      for (String line :
          Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
        if (line.startsWith(name)) {
          return Long.parseLong(line.substring(name.length()).replace("kB", "").strip());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalStateException(name + " not in /proc/" + process.pid() + "/status");
  }

  /** The last lines of the provider's log. */
  String logTail() {
    return tail(log);
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Stops the provider with SIGTERM (it drains), then removes its directory. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    deleteTree(directory);
  }

  /** Deletes {@code directory} and everything in it, quietly. */
  static void deleteTree(Path directory) {
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // A leftover temporary directory is harmless.
    }
  }

  /** A new directory under /tmp, deleted with its contents when this JVM exits. */
  static Path temporaryDirectory(String prefix) throws IOException {
    Path directory = Files.createTempDirectory(Path.of("/tmp"), prefix);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(directory)));
    return directory;
  }
}
