// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.daemon;

import io.ascp.csi.v1alpha1.CSIDriverProviderGrpc;
import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gRPC server on the provider's Unix domain socket: grpc-netty-shaded with epoll, a 4 MiB
 * maximum request size (grpc-go's default, which the reference uses), the drain gate and the
 * recovery interceptor in front of the service, and the standard {@code grpc.health.v1.Health}
 * service beside it (outside the gate): {@code SERVING} for the server ({@code ""}) and for {@code
 * v1alpha1.CSIDriverProvider} while it serves, {@code NOT_SERVING} from the moment it drains.
 * {@link #checkHealth(Duration)} calls that service over the socket itself, as a client would.
 *
 * <p>Start: a stale socket file at the path is removed, the socket is bound and its mode set
 * explicitly (a failure to set it stops the server: it never serves with an unknown mode). Stop:
 * {@link #shutdown(Duration)} refuses new calls with {@code UNAVAILABLE}, lets running calls finish
 * within the grace period, cancels the rest, and removes the socket file.
 *
 * <p>This object creates and owns the server, its event loops and the channel of its own health
 * checks; {@link #close()} releases them.
 */
final class ProviderServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ProviderServer.class);

  /** The maximum request size, as grpc-go's default. */
  static final int MAX_INBOUND_MESSAGE_BYTES = 4 * 1024 * 1024;

  private static final Duration FORCED_STOP_WAIT = Duration.ofSeconds(5);

  private static final HealthCheckResponse.ServingStatus SERVING =
      HealthCheckResponse.ServingStatus.SERVING;

  private final Path socketPath;
  private final Server server;
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final DrainGate gate;
  private final HealthStatusManager health;
  private final Object probeLock = new Object();
  private @Nullable ManagedChannel probe;
  private boolean probeClosed;
  private boolean stopped;

  private ProviderServer(
      Path socketPath,
      Server server,
      EventLoopGroup boss,
      EventLoopGroup workers,
      DrainGate gate,
      HealthStatusManager health) {
    this.socketPath = socketPath;
    this.server = server;
    this.boss = boss;
    this.workers = workers;
    this.gate = gate;
    this.health = health;
  }

  /**
   * Binds {@code socketPath} and starts serving {@code service}.
   *
   * @param socketPath the socket path, at most 107 bytes
   * @param socketMode the socket's permission bits, e.g. 0600
   * @param service the service
   * @param statuses the status table of the recovery interceptor
   * @throws IOException when the socket cannot be bound or its mode cannot be set; the message
   *     starts with the reference's {@code Failed to listen on unix socket. error:}
   */
  static ProviderServer start(
      String socketPath, int socketMode, BindableService service, StatusMapping statuses)
      throws IOException {
    SocketPaths.checkLength(socketPath);
    var permissions = SocketPaths.permissions(socketMode);
    if (!Epoll.isAvailable()) {
      throw new IOException(
          "Failed to listen on unix socket. error: the epoll transport that Unix sockets need is"
              + " not available on this platform",
          Epoll.unavailabilityCause());
    }
    Path path = Path.of(socketPath);
    removeStale(path);

    DrainGate gate = new DrainGate();
    HealthStatusManager health = new HealthStatusManager();
    EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    EventLoopGroup workers = new MultiThreadIoEventLoopGroup(2, EpollIoHandler.newFactory());
    Server server =
        NettyServerBuilder.forAddress(new DomainSocketAddress(socketPath))
            .channelType(EpollServerDomainSocketChannel.class)
            .bossEventLoopGroup(boss)
            .workerEventLoopGroup(workers)
            .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
            // The last interceptor runs first: the gate refuses before anything else runs.
            .addService(
                ServerInterceptors.intercept(service, new RecoveryInterceptor(statuses), gate))
            .addService(health.getHealthService())
            .build();
    try {
      server.start();
    } catch (IOException | RuntimeException e) {
      shutdownGroups(boss, workers);
      throw new IOException(
          "Failed to listen on unix socket. error: " + describe(e) + " (" + socketPath + ")", e);
    }
    ProviderServer started = new ProviderServer(path, server, boss, workers, gate, health);
    try {
      Files.setPosixFilePermissions(path, permissions);
    } catch (IOException | RuntimeException e) {
      started.shutdown(Duration.ZERO);
      throw new IOException(
          "Failed to listen on unix socket. error: could not set the mode of "
              + socketPath
              + " to 0"
              + Integer.toOctalString(socketMode)
              + ": "
              + describe(e),
          e);
    }
    health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, SERVING);
    health.setStatus(CSIDriverProviderGrpc.SERVICE_NAME, SERVING);
    log.info("Listening for connections on address: {}", socketPath);
    return started;
  }

  /** The socket's path. */
  Path socketPath() {
    return socketPath;
  }

  /** Whether new calls are refused. */
  boolean isDraining() {
    return gate.isClosed();
  }

  /** Whether the server has stopped. */
  boolean isTerminated() {
    return server.isTerminated();
  }

  /**
   * Starts refusing new calls with {@code UNAVAILABLE}; running calls go on. The health service
   * answers {@code NOT_SERVING} from now on.
   */
  void beginDrain() {
    gate.close();
    health.enterTerminalState();
  }

  /**
   * Calls {@code grpc.health.v1.Health/Check} for the whole server over the socket, as any client
   * would: the answer's status, or empty when no answer came within {@code deadline} (or the call
   * failed).
   */
  Optional<HealthCheckResponse.ServingStatus> checkHealth(Duration deadline) {
    ManagedChannel channel;
    synchronized (probeLock) {
      if (probeClosed) {
        return Optional.empty();
      }
      if (probe == null) {
        probe =
            NettyChannelBuilder.forAddress(new DomainSocketAddress(socketPath.toString()))
                .channelType(EpollDomainSocketChannel.class)
                .eventLoopGroup(workers)
                .overrideAuthority("localhost")
                .usePlaintext()
                .build();
      }
      channel = probe;
    }
    try {
      return Optional.of(
          HealthGrpc.newBlockingStub(channel)
              .withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS)
              .check(HealthCheckRequest.getDefaultInstance())
              .getStatus());
    } catch (StatusRuntimeException e) {
      log.debug("The health check over the socket failed: {}", e.getStatus());
      return Optional.empty();
    }
  }

  /**
   * Stops: refuses new calls, waits up to {@code grace} for running calls, cancels what is still
   * running, removes the socket file and releases the event loops. Idempotent.
   */
  synchronized void shutdown(Duration grace) {
    if (stopped) {
      return;
    }
    stopped = true;
    beginDrain();
    synchronized (probeLock) {
      probeClosed = true;
      if (probe != null) {
        probe.shutdownNow();
      }
    }
    server.shutdown();
    try {
      if (!server.awaitTermination(grace.toNanos(), TimeUnit.NANOSECONDS)) {
        log.warn("Calls still running after the grace period of {}; cancelling them", grace);
        server.shutdownNow();
        server.awaitTermination(FORCED_STOP_WAIT.toNanos(), TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    } finally {
      removeSocket();
      shutdownGroups(boss, workers);
    }
  }

  /** Blocks until the server has terminated. */
  void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  /** Stops at once, without a grace period. */
  @Override
  public void close() {
    shutdown(Duration.ZERO);
  }

  private void removeSocket() {
    try {
      Files.deleteIfExists(socketPath);
    } catch (IOException e) {
      log.warn("Could not remove the socket {}: {}", socketPath, describe(e));
    }
  }

  /** Removes a leftover socket; a directory is left for bind to report. Errors are logged. */
  private static void removeStale(Path path) {
    if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      if (Files.deleteIfExists(path)) {
        log.info("Removed a stale socket at {}", path);
      }
    } catch (IOException e) {
      log.warn("Could not remove a stale socket at {}: {}", path, describe(e));
    }
  }

  private static void shutdownGroups(EventLoopGroup boss, EventLoopGroup workers) {
    var bossDone = boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    var workersDone = workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    if (!bossDone.awaitUninterruptibly(2, TimeUnit.SECONDS)
        || !workersDone.awaitUninterruptibly(2, TimeUnit.SECONDS)) {
      log.warn("The socket's event loops did not stop within 2 seconds");
    }
  }

  /** The innermost message of an I/O failure (a path or an OS error: no secret material). */
  private static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null ? root.getClass().getSimpleName() : message;
  }
}
