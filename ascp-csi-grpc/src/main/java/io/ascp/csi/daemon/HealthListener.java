// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.daemon;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP listener of {@code --http-address}:
 *
 * <ul>
 *   <li>{@code GET /healthz}: 200 when {@code grpc.health.v1.Health/Check} over the provider socket
 *       answers {@code SERVING} within a short deadline, else 503 (the socket is gone, the server
 *       hangs, or it drains);
 *   <li>{@code GET /readyz}: 200 while the daemon accepts mounts (started, not draining), else 503;
 *   <li>{@code GET /metrics}: the Prometheus text format (version 0.0.4).
 * </ul>
 *
 * <p>The address is Go's {@code host:port}; an empty host means every interface and port 0 a free
 * port, which is logged.
 *
 * <p>This object creates and owns the HTTP server and its two threads (a slow health check does not
 * hold up a scrape); {@link #close()} stops them.
 */
final class HealthListener implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HealthListener.class);

  private final HttpServer server;
  private final ExecutorService executor;

  private HealthListener(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** The content type of {@code /metrics}: the Prometheus text format. */
  static final String METRICS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /**
   * Binds {@code address} and starts serving.
   *
   * @param address {@code host:port}, {@code :port} or {@code [v6]:port}
   * @param healthy whether the daemon answers health checks on its socket (may block briefly)
   * @param ready whether the daemon accepts mounts
   * @param metrics the Prometheus text of {@code /metrics}
   * @throws IllegalArgumentException when the address is malformed
   * @throws IOException when it cannot be bound
   */
  static HealthListener start(
      String address, BooleanSupplier healthy, BooleanSupplier ready, Supplier<String> metrics)
      throws IOException {
    requireNonNull(healthy, "healthy");
    requireNonNull(ready, "ready");
    requireNonNull(metrics, "metrics");
    InetSocketAddress socketAddress = parse(address);
    HttpServer server = HttpServer.create(socketAddress, 16);
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "ascp-http-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/healthz", exchange -> respond(exchange, healthy.getAsBoolean()));
    server.createContext("/readyz", exchange -> respond(exchange, ready.getAsBoolean()));
    server.createContext("/metrics", exchange -> metrics(exchange, metrics));
    server.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(404, -1);
          exchange.close();
        });
    server.start();
    log.info(
        "HTTP listener for health and metrics on {}:{}",
        server.getAddress().getHostString(),
        server.getAddress().getPort());
    return new HealthListener(server, executor);
  }

  /** The bound address (with the chosen port when the flag said 0). */
  InetSocketAddress address() {
    return server.getAddress();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** Go's {@code host:port} syntax. */
  static InetSocketAddress parse(String address) {
    int colon = address.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException(
          "--http-address must be host:port or :port, got " + address);
    }
    String host = address.substring(0, colon);
    String portText = address.substring(colon + 1);
    int port;
    try {
      port = Integer.parseInt(portText);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--http-address has an invalid port: " + address, e);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--http-address has an invalid port: " + address);
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
  }

  private static void metrics(HttpExchange exchange, Supplier<String> metrics) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!exchange.getRequestURI().getPath().equals("/metrics")) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] body;
      try {
        body = metrics.get().getBytes(StandardCharsets.UTF_8);
      } catch (RuntimeException e) {
        log.warn("Rendering the metrics failed ({})", e.getClass().getName(), e);
        exchange.sendResponseHeaders(500, -1);
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", METRICS_CONTENT_TYPE);
      if (method.equals("HEAD")) {
        exchange.sendResponseHeaders(200, -1);
        return;
      }
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static void respond(HttpExchange exchange, boolean ok) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] body = (ok ? "ok\n" : "unavailable\n").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
      if (method.equals("HEAD")) {
        exchange.sendResponseHeaders(ok ? 200 : 503, -1);
        return;
      }
      exchange.sendResponseHeaders(ok ? 200 : 503, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
