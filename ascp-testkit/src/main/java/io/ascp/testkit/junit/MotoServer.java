// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit.junit;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A {@code moto_server} process (the independent AWS emulator of the moto project) on a free
 * loopback port, for tests that keep the testkit honest or that want a second opinion. Started by
 * {@link #start()}, reset by {@link #reset()}, stopped by {@link #close()}.
 *
 * <p>The executable is {@code $MOTO_SERVER} when set, else the system property {@code
 * ascp.testkit.motoServer}, else {@code moto_server} on the {@code PATH}. It runs with the test
 * JVM's environment minus every {@code AWS_*} variable (static test credentials and {@code
 * us-east-1} instead), so that the test setup cannot break the botocore inside moto. This object
 * owns the process and kills it on {@link #close()}.
 */
public final class MotoServer implements AutoCloseable {
  /** The environment variable that names the {@code moto_server} executable. */
  public static final String ENV_EXECUTABLE = "MOTO_SERVER";

  /** The system property that names the {@code moto_server} executable. */
  public static final String PROPERTY_EXECUTABLE = "ascp.testkit.motoServer";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final int ATTEMPTS = 3;

  private final Process process;
  private final URI endpoint;
  private final HttpClient http;
  private final Deque<String> output;

  private MotoServer(Process process, URI endpoint, HttpClient http, Deque<String> output) {
    this.process = process;
    this.endpoint = endpoint;
    this.http = http;
    this.output = output;
  }

  /** The {@code moto_server} executable that {@link #start()} would run, if one is found. */
  public static Optional<Path> locate() {
    return locate(System::getenv);
  }

  static Optional<Path> locate(Function<String, @Nullable String> env) {
    String configured = env.apply(ENV_EXECUTABLE);
    if (configured == null || configured.isEmpty()) {
      configured = System.getProperty(PROPERTY_EXECUTABLE, "");
    }
    if (!configured.isEmpty()) {
      Path p = Path.of(configured);
      return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
    String path = env.apply("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator, -1)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, "moto_server");
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * Starts {@code moto_server} on a free loopback port and waits until it answers.
   *
   * @throws IllegalStateException when no executable is found or it does not start
   */
  public static MotoServer start() {
    Path executable =
        locate()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "moto_server not found: put it on the PATH (pip install 'moto[server]')"
                            + " or set "
                            + ENV_EXECUTABLE));
    IllegalStateException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        return startOnce(executable, freePort());
      } catch (IllegalStateException e) {
        // The free port may have been taken between probing and binding: try another.
        last = e;
      }
    }
    throw requireNonNull(last);
  }

  private static MotoServer startOnce(Path executable, int port) {
    ProcessBuilder pb =
        new ProcessBuilder(executable.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
            .redirectErrorStream(true);
    // moto runs botocore inside: the test JVM's AWS settings (an empty AWS_PROFILE, endpoint
    // overrides pointing at a discard port) would break it, so it gets a clean AWS environment.
    Map<String, String> environment = pb.environment();
    environment.keySet().removeIf(k -> k.startsWith("AWS_"));
    environment.put("AWS_ACCESS_KEY_ID", "test");
    environment.put("AWS_SECRET_ACCESS_KEY", "test");
    environment.put("AWS_DEFAULT_REGION", "us-east-1");
    environment.put("AWS_EC2_METADATA_DISABLED", "true");
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + executable, e);
    }
    Deque<String> output = new ArrayDeque<>();
    CompletableFuture<Void> ready = new CompletableFuture<>();
    String readyLine = "Running on http://127.0.0.1:" + port;
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  synchronized (output) {
                    output.addLast(line);
                    if (output.size() > 50) {
                      output.removeFirst();
                    }
                  }
                  if (line.contains(readyLine)) {
                    ready.complete(null);
                  }
                }
              } catch (IOException e) {
                // The process is gone; the output ends here.
              }
              ready.completeExceptionally(
                  new IllegalStateException("moto_server exited before it was ready"));
            },
            "moto_server-output-" + port);
    reader.setDaemon(true);
    reader.start();
    URI endpoint = URI.create("http://127.0.0.1:" + port);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    MotoServer server = new MotoServer(process, endpoint, http, output);
    try {
      ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      HttpResponse<String> health =
          http.send(
              HttpRequest.newBuilder(endpoint.resolve("/moto-api/")).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      if (health.statusCode() != 200) {
        throw new IllegalStateException("moto_server health check answered " + health.statusCode());
      }
      return server;
    } catch (ExecutionException | TimeoutException | IOException | RuntimeException e) {
      server.close();
      throw new IllegalStateException(
          "moto_server did not start on port " + port + "; last output: " + server.lastOutput(), e);
    } catch (InterruptedException e) {
      server.close();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting moto_server", e);
    }
  }

  /** The endpoint to give the AWS SDK, e.g. {@code http://127.0.0.1:40125}. */
  public URI endpoint() {
    return endpoint;
  }

  /** Empties every moto backend ({@code POST /moto-api/reset}). */
  public void reset() {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset"))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("moto_server reset answered " + r.statusCode());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("moto_server reset failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while resetting moto_server", e);
    }
  }

  /** The last lines moto_server printed, for diagnostics. */
  public List<String> lastOutput() {
    synchronized (output) {
      return List.copyOf(output);
    }
  }

  /** Kills the process (and its children) and waits for it to exit. */
  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "MotoServer{endpoint=" + endpoint + ", alive=" + process.isAlive() + "}";
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port", e);
    }
  }
}
