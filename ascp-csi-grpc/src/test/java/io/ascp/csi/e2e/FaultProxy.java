// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.e2e;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A TCP proxy on loopback in front of an HTTP server of a test (the AWS emulator, the Kubernetes
 * API, the Pod Identity agent) that can turn into a broken network at any moment: {@link Mode#HANG}
 * accepts connections and never answers (nor reads), {@link Mode#REFUSE} resets every new
 * connection. A mode change closes every connection open so far, so that a client's pooled
 * keep-alive connection cannot bypass the new mode. Back to {@link Mode#FORWARD} after each test.
 */
final class FaultProxy implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {
  /** What the proxy does with a connection. */
  enum Mode {
    /** Relays bytes to the upstream server. */
    FORWARD,
    /** Accepts and then neither reads nor answers: a hung server. */
    HANG,
    /** Resets the connection at once: a server that is down. */
    REFUSE
  }

  private final java.util.function.Supplier<URI> upstream;
  private final Object lock = new Object();
  private final List<Socket> open = new ArrayList<>();
  private final List<Socket> hung = new ArrayList<>();
  private volatile Mode mode = Mode.FORWARD;
  private @Nullable ServerSocket server;

  /** A proxy to the server at {@code upstream} (scheme, host and port are used). */
  FaultProxy(java.util.function.Supplier<URI> upstream) {
    this.upstream = requireNonNull(upstream, "upstream");
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    ServerSocket s = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    server = s;
    Thread acceptor = new Thread(() -> acceptLoop(s), "fault-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    mode(Mode.FORWARD);
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    ServerSocket s = server;
    server = null;
    if (s != null) {
      s.close();
    }
    closeAll();
  }

  /** The proxy's URL, with the upstream's scheme and path. */
  URI uri() {
    ServerSocket s = server;
    if (s == null) {
      throw new IllegalStateException("the proxy is not running");
    }
    URI up = upstream.get();
    return URI.create(
        up.getScheme()
            + "://127.0.0.1:"
            + s.getLocalPort()
            + (up.getPath() == null ? "" : up.getPath()));
  }

  /**
   * Switches the mode. Into a fault, every connection open so far is closed (a server that goes
   * down drops its clients' keep-alive connections); back to {@link Mode#FORWARD}, only the hung
   * connections are.
   */
  void mode(Mode newMode) {
    requireNonNull(newMode, "newMode");
    Mode old = mode;
    mode = newMode;
    if (newMode == old) {
      return;
    }
    List<Socket> sockets;
    synchronized (lock) {
      sockets = new ArrayList<>(hung);
      hung.clear();
      if (newMode != Mode.FORWARD) {
        sockets.addAll(open);
        open.clear();
      }
    }
    for (Socket socket : sockets) {
      closeQuietly(socket);
    }
  }

  private void closeAll() {
    List<Socket> sockets;
    synchronized (lock) {
      sockets = new ArrayList<>(open);
      sockets.addAll(hung);
      open.clear();
      hung.clear();
    }
    for (Socket socket : sockets) {
      closeQuietly(socket);
    }
  }

  private void acceptLoop(ServerSocket s) {
    while (!s.isClosed()) {
      Socket client;
      try {
        client = s.accept();
      } catch (IOException e) {
        return;
      }
      Mode now = mode;
      if (now == Mode.REFUSE) {
        try {
          client.setSoLinger(true, 0); // a reset, as a closed port answers
        } catch (SocketException e) {
          // closing is enough
        }
        closeQuietly(client);
        continue;
      }
      if (now == Mode.HANG) {
        synchronized (lock) {
          hung.add(client); // kept open, never read, never answered
        }
        continue;
      }
      track(client);
      Socket server;
      try {
        URI up = upstream.get();
        server = new Socket();
        server.connect(new InetSocketAddress(up.getHost(), up.getPort()), 5_000);
      } catch (IOException e) {
        closeQuietly(client);
        continue;
      }
      track(server);
      pump(client, server);
      pump(server, client);
    }
  }

  private void track(Socket socket) {
    synchronized (lock) {
      open.add(socket);
    }
  }

  private void untrack(Socket socket) {
    synchronized (lock) {
      open.remove(socket);
    }
  }

  private void pump(Socket from, Socket to) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[16 * 1024];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException e) {
                // one side closed
              } finally {
                closeQuietly(from);
                closeQuietly(to);
                untrack(from);
                untrack(to);
              }
            },
            "fault-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already gone
    }
  }
}
