// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * A {@code moto_server} started on a free loopback port for the duration of a test class. When the
 * executable is missing the test is skipped with a clear message, unless {@code CI=true}, where it
 * fails.
 */
final class MotoServer implements AutoCloseable {
  private static final Duration STARTUP = Duration.ofSeconds(30);

  private final Process process;
  private final URI endpoint;
  private final Deque<String> lastLines;
  private final HttpClient http =
      HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

  private MotoServer(Process process, URI endpoint, Deque<String> lastLines) {
    this.process = process;
    this.endpoint = endpoint;
    this.lastLines = lastLines;
  }

  private static @Nullable MotoServer shared;

  /**
   * The moto_server shared by every test of this JVM, started on first use and killed when the JVM
   * exits; skips the test when moto is not installed (fails when CI=true).
   */
  static synchronized MotoServer shared() {
    if (shared == null) {
      MotoServer server = start();
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "moto-stop"));
      shared = server;
    }
    return shared;
  }

  /** Starts moto_server, or skips the test when it is not installed (fails when CI=true). */
  static MotoServer start() {
    int port = freePort();
    ProcessBuilder pb =
        new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port))
            .redirectErrorStream(true);
    // The test JVM's AWS settings (a discard-port AWS_ENDPOINT_URL, config files that do not
    // exist) are meant for clients under test, not for moto's own boto internals.
    pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      String message =
          "moto_server is not installed (pip install 'moto[server]'): " + e.getMessage();
      if ("true".equals(System.getenv("CI"))) {
        return fail(message);
      }
      Assumptions.abort(message);
      throw new AssertionError("unreachable");
    }
    Deque<String> lastLines = new ArrayDeque<>();
    CompletableFuture<Void> ready = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  synchronized (lastLines) {
                    lastLines.addLast(line);
                    if (lastLines.size() > 50) {
                      lastLines.removeFirst();
                    }
                  }
                  if (line.contains("Running on")) {
                    ready.complete(null);
                  }
                }
              } catch (IOException e) {
                ready.completeExceptionally(e);
              }
              ready.completeExceptionally(new IOException("moto_server exited"));
            },
            "moto-output-" + port);
    reader.setDaemon(true);
    reader.start();
    MotoServer server = new MotoServer(process, URI.create("http://127.0.0.1:" + port), lastLines);
    try {
      ready.get(STARTUP.toSeconds(), TimeUnit.SECONDS);
      server.get("/moto-api/");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.close();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      server.close();
      throw new IllegalStateException("moto_server did not start: " + server.output(), e);
    }
    return server;
  }

  /** The endpoint every AWS client of a test should use. */
  URI endpoint() {
    return endpoint;
  }

  /** Forgets every resource moto holds. */
  void reset() {
    send(
        HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset"))
            .POST(HttpRequest.BodyPublishers.noBody()));
  }

  private void get(String path) {
    send(HttpRequest.newBuilder(endpoint.resolve(path)).GET());
  }

  private void send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> r =
          http.send(
              request.timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException(
            "moto answered " + r.statusCode() + " to " + request.build().uri());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String output() {
    synchronized (lastLines) {
      return String.join("\n", lastLines);
    }
  }

  /** Kills moto at once: it holds nothing worth a graceful shutdown (which takes seconds). */
  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
