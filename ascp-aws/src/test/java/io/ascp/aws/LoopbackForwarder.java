// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP forwarder from one loopback address to a port on another: it lets a test reach a server
 * that listens on {@code 127.0.0.1} (the testkit's emulator) through the IPv6 loopback {@code
 * [::1]}, so that an IPv4 → IPv6 fallback can run against the real server. Counts the connections
 * it accepted. Owns its sockets and threads; {@link #close()} releases them.
 */
final class LoopbackForwarder implements AutoCloseable {
  private final ServerSocket server;
  private final InetSocketAddress target;
  private final AtomicInteger accepted = new AtomicInteger();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  /** Listens on a free port of {@code listen} and forwards every connection to {@code target}. */
  LoopbackForwarder(InetAddress listen, InetSocketAddress target) {
    this.target = target;
    try {
      this.server = new ServerSocket(0, 50, listen);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread acceptor = new Thread(this::acceptLoop, "forwarder-accept-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** {@code uri} with its host and port replaced by this forwarder's listening address. */
  URI rewrite(URI uri) {
    String host = server.getInetAddress().getHostAddress();
    if (host.contains(":")) {
      int zone = host.indexOf('%');
      host = "[" + (zone < 0 ? host : host.substring(0, zone)) + "]";
    }
    return URI.create(
        uri.getScheme() + "://" + host + ":" + server.getLocalPort() + uri.getRawPath());
  }

  /** How many connections were forwarded so far. */
  int connections() {
    return accepted.get();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return;
      }
      accepted.incrementAndGet();
      try {
        Socket upstream = new Socket(target.getAddress(), target.getPort());
        sockets.add(client);
        sockets.add(upstream);
        pump(client, upstream);
        pump(upstream, client);
      } catch (IOException e) {
        closeQuietly(client);
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread t =
        new Thread(
            () -> {
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
              } catch (IOException e) {
                // One side closed: the other follows below.
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "forwarder-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // Closing: nothing left to do.
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      // Closing: nothing left to do.
    }
    sockets.forEach(LoopbackForwarder::closeQuietly);
  }
}
