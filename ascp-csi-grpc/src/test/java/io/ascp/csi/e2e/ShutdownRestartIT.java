// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.e2e;

import static io.ascp.csi.e2e.Fixtures.DB_JSON;
import static io.ascp.csi.e2e.Fixtures.NODE_REGION;
import static io.ascp.csi.e2e.Fixtures.ROLE;
import static io.ascp.csi.e2e.Fixtures.volume;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ascp.csi.testing.CsiDriverSimulator;
import io.ascp.csi.testing.MountOutcome;
import io.ascp.csi.testing.MountedFiles;
import io.ascp.csi.testing.PodVolume;
import io.ascp.csi.v1alpha1.CSIDriverProviderGrpc;
import io.ascp.csi.v1alpha1.MountRequest;
import io.ascp.testkit.AwsFault;
import io.ascp.testkit.AwsOperation;
import io.ascp.testkit.AwsService;
import io.ascp.testkit.junit.AwsEmulatorExtension;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shutdown and restart of the fat jar as a process, as a DaemonSet rolls it: SIGTERM during a burst
 * of mounts (the running ones finish, new calls get {@code UNAVAILABLE}, the socket is removed,
 * exit status 0), then a restart over a stale socket file (left by a killed process), after which
 * the driver's retry (its channel waits for the socket and retries {@code UNAVAILABLE}) succeeds.
 */
class ShutdownRestartIT {
  /** Mounts in flight when SIGTERM arrives. */
  private static final int BURST = 16;

  /** How long each in-flight mount's backend call takes: the window for the checks during drain. */
  private static final Duration BACKEND_LATENCY = Duration.ofSeconds(6);

  @Order(1)
  @RegisterExtension
  static final KubeApi KUBE = new KubeApi();

  @Order(2)
  @RegisterExtension
  static final AwsEmulatorExtension AWS = AwsEmulatorExtension.builder().build();

  @TempDir Path dir;

  private Path socketDir = Path.of("unset");
  private final List<JarProcess> processes = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    Fixtures.seedKubernetes(KUBE);
    AWS.aws().secretsManager(NODE_REGION).createSecret("shop/db", DB_JSON);
    for (int i = 0; i < BURST; i++) {
      AWS.aws().secretsManager(NODE_REGION).createSecret("shop/burst-" + i, DB_JSON);
    }
    AWS.aws()
        .iam()
        .allow(ROLE, AwsService.SECRETS_MANAGER, "shop/*")
        .allowWebIdentity(ROLE, "system:serviceaccount:shop:web");
    socketDir = Files.createTempDirectory(Path.of("/tmp"), "ascp-sr");
  }

  @AfterEach
  void tearDown() throws Exception {
    for (JarProcess p : processes) {
      p.close();
    }
    Files.deleteIfExists(socketDir.resolve("aws.sock"));
    Files.deleteIfExists(socketDir);
  }

  private JarProcess startJar() throws Exception {
    Path kubeconfig = KUBE.writeKubeconfig(dir);
    JarProcess p =
        JarProcess.start(
            List.of(
                "--provider-volume=" + socketDir,
                "--shutdown-grace-period=60s",
                "--log-level=debug"),
            Map.of(
                "AWS_ENDPOINT_URL", AWS.endpoint().toString(),
                "KUBECONFIG", kubeconfig.toString()),
            dir);
    processes.add(p);
    p.awaitLine("Listening for connections on address: " + socketDir.resolve("aws.sock"));
    return p;
  }

  private static PodVolume oneSecret(Path target) {
    return oneSecret(target, "shop/db");
  }

  private static PodVolume oneSecret(Path target, String name) {
    return volume(target)
        .parameter("objects", "- objectName: " + name + "\n  objectType: secretsmanager\n")
        .build();
  }

  /** A client without the driver's retry policy and without wait-for-ready: sees every status. */
  private static StatusRuntimeException rawMount(Path socket, PodVolume volume) {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    ManagedChannel channel =
        NettyChannelBuilder.forAddress(new DomainSocketAddress(socket.toString()))
            .channelType(EpollDomainSocketChannel.class)
            .eventLoopGroup(group)
            .overrideAuthority("localhost")
            .usePlaintext()
            .build();
    try {
      io.ascp.csi.testing.MountCall call = io.ascp.csi.testing.MountCall.of(volume);
      return catchThrowableOfType(
          StatusRuntimeException.class,
          () ->
              CSIDriverProviderGrpc.newBlockingStub(channel)
                  .withDeadlineAfter(10, TimeUnit.SECONDS)
                  .mount(
                      MountRequest.newBuilder()
                          .setAttributes(call.attributes())
                          .setSecrets(call.secrets())
                          .setTargetPath(call.targetPath())
                          .setPermission(call.permission())
                          .build()));
    } finally {
      channel.shutdownNow();
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void sigtermDrainsTheBurstRefusesNewCallsAndARestartOverAStaleSocketServesTheRetry()
      throws Exception {
    Path socket = socketDir.resolve("aws.sock");
    JarProcess first = startJar();
    assertThat(socketMode(socket)).isEqualTo(0600);
    AWS.aws()
        .inject(AwsFault.latency(BACKEND_LATENCY).operation(AwsOperation.GET_SECRET_VALUE).build());

    ExecutorService pool = Executors.newFixedThreadPool(BURST);
    CsiDriverSimulator driver = CsiDriverSimulator.connect(socket);
    try {
      // 1. A burst of mounts, every one of them waiting for its backend call.
      List<Path> targets = new ArrayList<>();
      List<CompletableFuture<MountOutcome>> burst = new ArrayList<>();
      for (int i = 0; i < BURST; i++) {
        Path target = Files.createDirectory(dir.resolve("burst-" + i));
        targets.add(target);
        // A secret of its own per mount: identical fetches would share one call (single-flight).
        String name = "shop/burst-" + i;
        burst.add(CompletableFuture.supplyAsync(() -> driver.mount(oneSecret(target, name)), pool));
      }
      AWS.aws().awaitInFlight(BURST, Duration.ofSeconds(60));

      // 2. SIGTERM: the daemon drains.
      first.terminate();
      first.awaitLine("received signal:terminated to terminate");

      // 3. A new call during the drain: UNAVAILABLE (the driver would retry it).
      Path late = Files.createDirectory(dir.resolve("late"));
      StatusRuntimeException refused = rawMount(socket, oneSecret(late));
      assertThat(refused).isNotNull();
      assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(AWS.aws().inFlight()).as("the burst is still running").isEqualTo(BURST);

      // 4. The burst finishes; the process exits 0 and removes its socket.
      for (int i = 0; i < BURST; i++) {
        MountOutcome outcome = burst.get(i).get(120, TimeUnit.SECONDS);
        assertThat(outcome.error()).as("in-flight mount %d", i).isEmpty();
        assertThat(MountedFiles.readString(targets.get(i), "shop_burst-" + i)).isEqualTo(DB_JSON);
      }
      assertThat(first.awaitExit()).isZero();
      assertThat(Files.exists(socket, LinkOption.NOFOLLOW_LINKS)).isFalse();
      assertThat(first.output())
          .anyMatch(l -> l.contains("received signal:terminated"))
          .noneMatch(l -> l.contains("cancelling them"));

      // 5. A stale socket file, as a killed daemon leaves it: bound once, nobody listening.
      try (ServerSocketChannel stale = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
        stale.bind(UnixDomainSocketAddress.of(socket));
      }
      assertThat(
              Files.readAttributes(socket, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                  .isOther())
          .as("a socket file")
          .isTrue();
      AWS.aws().clearFaults();

      // 6. The driver mounts while no daemon listens: its channel waits for the socket.
      Path retried = Files.createDirectory(dir.resolve("retried"));
      CompletableFuture<MountOutcome> waiting =
          CompletableFuture.supplyAsync(() -> driver.mount(oneSecret(retried)), pool);

      // 7. The restart removes the stale file and serves; the waiting mount succeeds.
      JarProcess second = startJar();
      assertThat(second.output()).anyMatch(l -> l.contains("Removed a stale socket at " + socket));
      assertThat(socketMode(socket)).isEqualTo(0600);
      MountOutcome afterRestart = waiting.get(120, TimeUnit.SECONDS);
      assertThat(afterRestart.error()).isEmpty();
      assertThat(MountedFiles.readString(retried, "shop_db")).isEqualTo(DB_JSON);
      // The mount refused during the drain, retried now as kubelet retries it, succeeds.
      assertThat(driver.mount(oneSecret(late)).error()).isEmpty();

      second.terminate();
      assertThat(second.awaitExit()).isZero();
      assertThat(Files.exists(socket, LinkOption.NOFOLLOW_LINKS)).isFalse();
    } finally {
      driver.close();
      pool.shutdownNow();
    }
  }

  @Test
  void sigtermRightAfterListeningStillDrainsAndRemovesTheSocket() throws Exception {
    Path socket = socketDir.resolve("aws.sock");
    JarProcess jar = startJar(); // returns as soon as the "Listening" line is read
    jar.terminate();
    assertThat(jar.awaitExit()).as("output: %s", jar.output()).isZero();
    assertThat(jar.output()).anyMatch(l -> l.contains("received signal:terminated to terminate"));
    assertThat(Files.exists(socket, LinkOption.NOFOLLOW_LINKS)).isFalse();
  }

  private static int socketMode(Path socket) throws Exception {
    return (Integer) Files.getAttribute(socket, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
  }
}
