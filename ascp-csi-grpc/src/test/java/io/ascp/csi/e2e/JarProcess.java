// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The fat jar {@code target/ascp-provider.jar} as a separate process, configured through its
 * environment as a DaemonSet is, with its output (standard output and error) collected line by
 * line. The caller stops it; {@link #close()} kills it if it still runs.
 */
final class JarProcess implements AutoCloseable {
  static final Path JAR = Path.of("target", "ascp-provider.jar");

  private final Process process;
  private final List<String> output = new CopyOnWriteArrayList<>();
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

  private JarProcess(Process process) {
    this.process = process;
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
            "provider-jar-output");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts the jar with {@code flags} and an environment cleared of AWS, Kubernetes and ASCP
   * variables, then {@code env} added.
   */
  static JarProcess start(List<String> flags, Map<String, String> env, Path configDir)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(flags);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> environment = builder.environment();
    environment
        .keySet()
        .removeIf(k -> k.startsWith("AWS_") || k.startsWith("KUBE") || k.startsWith("ASCP_"));
    environment.put("AWS_EC2_METADATA_DISABLED", "true");
    environment.put("AWS_CONFIG_FILE", configDir.resolve("no-aws-config").toString());
    environment.put(
        "AWS_SHARED_CREDENTIALS_FILE", configDir.resolve("no-aws-credentials").toString());
    environment.putAll(env);
    return new JarProcess(builder.start());
  }

  /** Waits for a line containing {@code text} (at most 60 s) and returns it. */
  String awaitLine(String text) throws InterruptedException {
    while (true) {
      String line = lines.poll(60, TimeUnit.SECONDS);
      assertThat(line).as("a line containing '%s'; output so far: %s", text, output).isNotNull();
      if (line.contains(text)) {
        return line;
      }
    }
  }

  /** Every line so far. */
  List<String> output() {
    return List.copyOf(output);
  }

  /** The process's id. */
  long pid() {
    return process.pid();
  }

  /** Sends SIGTERM. */
  void terminate() {
    process.toHandle().destroy();
  }

  /** Sends SIGKILL. */
  void kill() {
    process.toHandle().destroyForcibly();
  }

  /** Waits up to 60 s for the exit and returns the exit status. */
  int awaitExit() throws InterruptedException {
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited; output: %s", output).isTrue();
    return process.exitValue();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
