// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An EKS Pod Identity agent on a loopback address: answers {@code GET /v1/credentials} with fresh
 * credentials (or a configured error status) and records the {@code Authorization} header of each
 * call.
 */
final class FakePodIdentityAgent implements AutoCloseable {
  private final HttpServer server;
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private final AtomicInteger issued = new AtomicInteger();
  private volatile int status = 200;
  private volatile String errorBody = "";
  private volatile Instant expiration = Instant.now().plusSeconds(3600);

  FakePodIdentityAgent(InetAddress address) {
    try {
      server = HttpServer.create(new InetSocketAddress(address, 0), 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/v1/credentials",
        exchange -> {
          try (exchange) {
            authorizations.add(
                String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body;
            int code = status;
            if (code == 200) {
              int n = issued.incrementAndGet();
              body =
                  ("{\"AccessKeyId\":\"ASIAPODID"
                          + n
                          + "\",\"SecretAccessKey\":\"pod-secret-"
                          + n
                          + "\",\"Token\":\"pod-session-"
                          + n
                          + "\",\"AccountId\":\"123456789012\",\"Expiration\":\""
                          + expiration
                          + "\"}")
                      .getBytes(StandardCharsets.UTF_8);
            } else {
              body = errorBody.getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
              try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
              }
            }
          }
        });
    server.start();
  }

  /** The credentials URL, e.g. {@code http://[::1]:PORT/v1/credentials}. */
  URI url() {
    InetSocketAddress a = server.getAddress();
    String host = a.getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + (host.contains("%") ? host.substring(0, host.indexOf('%')) : host) + "]";
    }
    return URI.create("http://" + host + ":" + a.getPort() + "/v1/credentials");
  }

  void fail(int status, String body) {
    this.status = status;
    this.errorBody = body;
  }

  void expiration(Instant expiration) {
    this.expiration = expiration;
  }

  List<String> authorizations() {
    return List.copyOf(authorizations);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
