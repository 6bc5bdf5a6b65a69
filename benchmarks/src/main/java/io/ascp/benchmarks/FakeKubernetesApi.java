// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The three GETs of the Kubernetes API the provider makes, on loopback, each answered after a fixed
 * latency: every service account exists and is annotated with one IAM role, every pod runs on node
 * {@code node-a}, which carries one region label. Plain HTTP, no authentication. Owns its server
 * and threads.
 */
final class FakeKubernetesApi implements AutoCloseable {
  private static final Pattern SERVICE_ACCOUNT =
      Pattern.compile("/api/v1/namespaces/([^/]+)/serviceaccounts/([^/?]+)");
  private static final Pattern POD = Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/?]+)");
  private static final Pattern NODE = Pattern.compile("/api/v1/nodes/([^/?]+)");

  private final HttpServer server;
  private final ExecutorService executor;
  private final Duration latency;
  private final String roleArn;
  private final String region;
  private final AtomicLong gets = new AtomicLong();

  FakeKubernetesApi(Duration latency, String roleArn, String region) throws IOException {
    this.latency = latency;
    this.roleArn = roleArn;
    this.region = region;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    this.executor = Executors.newCachedThreadPool();
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The number of GETs answered so far. */
  long gets() {
    return gets.get();
  }

  /** Writes a kubeconfig for this server into {@code dir}. */
  Path writeKubeconfig(Path dir) throws IOException {
    String url =
        "http://"
            + server.getAddress().getAddress().getHostAddress()
            + ":"
            + server.getAddress().getPort();
    return Files.writeString(
        dir.resolve("kubeconfig"),
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: bench
          cluster:
            server: %s
        contexts:
        - name: bench
          context:
            cluster: bench
            user: bench
        current-context: bench
        users:
        - name: bench
          user:
            token: bench-token
        """
            .formatted(url));
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!latency.isZero()) {
        TimeUnit.NANOSECONDS.sleep(latency.toNanos());
      }
      String path = exchange.getRequestURI().getPath();
      String body;
      Matcher account = SERVICE_ACCOUNT.matcher(path);
      Matcher pod = POD.matcher(path);
      Matcher node = NODE.matcher(path);
      if (account.matches()) {
        body =
            """
            {"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"%s","namespace":"%s",\
            "annotations":{"eks.amazonaws.com/role-arn":"%s"}}}"""
                .formatted(account.group(2), account.group(1), roleArn);
      } else if (pod.matches()) {
        body =
            """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","namespace":"%s"},\
            "spec":{"nodeName":"node-a"}}"""
                .formatted(pod.group(2), pod.group(1));
      } else if (node.matches()) {
        body =
            """
            {"apiVersion":"v1","kind":"Node","metadata":{"name":"%s",\
            "labels":{"topology.kubernetes.io/region":"%s"}}}"""
                .formatted(node.group(1), region);
      } else {
        send(exchange, 404, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"code\":404}");
        return;
      }
      gets.incrementAndGet();
      send(exchange, 200, body);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
