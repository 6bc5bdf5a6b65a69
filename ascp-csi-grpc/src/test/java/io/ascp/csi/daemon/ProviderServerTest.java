// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.daemon;

import static io.ascp.csi.daemon.Doubles.TOKEN_MARKER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.google.common.util.concurrent.ListenableFuture;
import io.ascp.api.AscpException;
import io.ascp.api.ErrorCode;
import io.ascp.api.MountRequest;
import io.ascp.api.MountResult;
import io.ascp.csi.v1alpha1.MountResponse;
import io.ascp.csi.v1alpha1.VersionRequest;
import io.ascp.csi.v1alpha1.VersionResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The real server on a real Unix socket, called by a real grpc-java client. */
class ProviderServerTest {
  @TempDir Path dir;

  private final Doubles.FakeParser parser = new Doubles.FakeParser();
  private final Doubles.FakeWriter writer = new Doubles.FakeWriter();
  private final Doubles.FakeKube kube = new Doubles.FakeKube();
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @BeforeEach
  void setUp() {
    kube.roles.put("shop/web", "arn:aws:iam::123456789012:role/web");
    kube.regions.put("shop/web-0", "eu-west-1");
    logs.start();
    rootLogger().addAppender(logs);
  }

  @AfterEach
  void tearDown() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
    rootLogger().detachAppender(logs);
    for (ILoggingEvent event : logs.list) {
      assertThat(event.getFormattedMessage()).doesNotContain(TOKEN_MARKER);
      for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
        assertThat(String.valueOf(t.getMessage())).doesNotContain(TOKEN_MARKER);
      }
    }
  }

  private static Logger rootLogger() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  private DaemonConfig.Builder config() {
    return DaemonConfig.builder().providerVolume(dir.toString());
  }

  private Daemon start(DaemonConfig config, Mounter mounter) throws IOException {
    Daemon daemon =
        Daemon.start(config, new Wiring(parser, mounter, writer), kube, Optional.empty());
    toClose.add(daemon);
    return daemon;
  }

  private UdsClient client(Daemon daemon) {
    UdsClient client = new UdsClient(daemon.socketPath());
    toClose.add(client);
    return client;
  }

  private static io.ascp.csi.v1alpha1.MountRequest mountRequest() {
    StringBuilder json = new StringBuilder("{");
    new TreeMap<>(Doubles.podAttributes())
        .forEach(
            (k, v) ->
                json.append(json.length() > 1 ? "," : "")
                    .append('"')
                    .append(k)
                    .append("\":\"")
                    .append(v.replace("\"", "\\\"").replace("\n", "\\n"))
                    .append('"'));
    return io.ascp.csi.v1alpha1.MountRequest.newBuilder()
        .setAttributes(json.append('}').toString())
        .setSecrets("null")
        .setTargetPath(dir().toString())
        .setPermission("420")
        .build();
  }

  private static Path dir() {
    return Path.of("/tmp");
  }

  @Test
  void versionWithAuthorityLocalhost() throws Exception {
    Daemon daemon = start(config().build(), new Doubles.FakeMounter());
    assertThat(daemon.socketPath()).isEqualTo(dir + "/aws.sock");
    VersionResponse version =
        client(daemon)
            .blocking()
            .version(VersionRequest.newBuilder().setVersion("v1alpha1").build());
    assertThat(version.getVersion()).isEqualTo("v1alpha1");
    assertThat(version.getRuntimeName()).isEqualTo("ascp-java");
    assertThat(version.getRuntimeVersion()).matches("\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?");
  }

  @Test
  void mountInProviderWritesMode() throws Exception {
    Daemon daemon = start(config().build(), new Doubles.FakeMounter());
    MountResponse response = client(daemon).blocking().mount(mountRequest());
    assertThat(response.getFilesList()).isEmpty();
    assertThat(response.getObjectVersionCount()).isEqualTo(2);
    assertThat(writer.targets).hasSize(1);
  }

  @Test
  void mountInDriverWritesMode() throws Exception {
    Daemon daemon = start(config().driverWritesSecrets(true).build(), new Doubles.FakeMounter());
    MountResponse response = client(daemon).blocking().mount(mountRequest());
    assertThat(response.getFilesList())
        .extracting(f -> f.getPath() + "=" + f.getContents().toStringUtf8())
        .containsExactly("db=s3cr3t", "db_user=admin");
    assertThat(writer.targets).isEmpty();
  }

  @Test
  void failuresBecomeStatusesOverTheWire() throws Exception {
    Mounter notFound =
        request -> {
          throw new AscpException(ErrorCode.NOT_FOUND, "Failed to fetch secret from all regions.");
        };
    Daemon daemon = start(config().build(), notFound);
    assertThatThrownBy(() -> client(daemon).blocking().mount(mountRequest()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
              assertThat(e.getStatus().getDescription())
                  .isEqualTo("Failed to fetch secret from all regions.");
            });
  }

  @Test
  void parityModeReportsUnknown() throws Exception {
    Mounter notFound =
        request -> {
          throw new AscpException(ErrorCode.NOT_FOUND, "Failed to fetch secret from all regions.");
        };
    Daemon daemon = start(config().statusCodes(StatusCodeMode.UNKNOWN).build(), notFound);
    assertThatThrownBy(() -> client(daemon).blocking().mount(mountRequest()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNKNOWN));
  }

  @Test
  void unexpectedExceptionsNeverTakeTheDaemonDown() throws Exception {
    Mounter[] failing = {
      request -> {
        throw new NullPointerException(TOKEN_MARKER);
      },
      request -> {
        throw new AssertionError(TOKEN_MARKER);
      },
      request -> {
        throw new StackOverflowError(TOKEN_MARKER);
      }
    };
    for (Mounter mounter : failing) {
      Daemon daemon = start(config().build(), mounter);
      UdsClient client = client(daemon);
      assertThatThrownBy(() -> client.blocking().mount(mountRequest()))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> {
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
                assertThat(e.getStatus().getDescription())
                    .isEqualTo(StatusMapping.INTERNAL_MESSAGE);
              });
      assertThat(client.blocking().version(VersionRequest.getDefaultInstance()).getVersion())
          .isEqualTo("v1alpha1");
      daemon.shutdown();
    }
    assertThat(logs.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .anyMatch(m -> m.contains("java.lang.NullPointerException"))
        .anyMatch(m -> m.contains("java.lang.AssertionError"));
  }

  @Test
  void aStaleSocketIsRemoved() throws Exception {
    Path stale = dir.resolve("aws.sock");
    Files.writeString(stale, "left over");
    Daemon daemon = start(config().build(), new Doubles.FakeMounter());
    assertThat(Files.isRegularFile(stale)).isFalse();
    assertThat(Files.exists(stale, LinkOption.NOFOLLOW_LINKS)).isTrue();
    assertThat(client(daemon).blocking().version(VersionRequest.getDefaultInstance()).getVersion())
        .isEqualTo("v1alpha1");
  }

  @Test
  void theSocketModeIsSetExplicitly() throws Exception {
    Daemon daemon = start(config().build(), new Doubles.FakeMounter());
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(Path.of(daemon.socketPath()))))
        .isEqualTo("rw-------");
    daemon.shutdown();
    Daemon shared = start(config().socketMode(0660).build(), new Doubles.FakeMounter());
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(Path.of(shared.socketPath()))))
        .isEqualTo("rw-rw----");
  }

  @Test
  void aPathTooLongForAUnixSocketIsAClearError() {
    String volume = dir + "/" + "d".repeat(120 - dir.toString().length());
    assertThatThrownBy(
            () -> start(config().providerVolume(volume).build(), new Doubles.FakeMounter()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 107 bytes")
        .hasMessageContaining("--provider-volume");
    assertThat(kube.closed).isTrue();
  }

  @Test
  void exactly107BytesIsAccepted() throws Exception {
    int fill =
        SocketPaths.MAX_PATH_BYTES
            - (dir.toString().length() + "/".length() + "/aws.sock".length());
    Path volume = Files.createDirectory(dir.resolve("d".repeat(fill)));
    Daemon daemon =
        start(config().providerVolume(volume.toString()).build(), new Doubles.FakeMounter());
    assertThat(daemon.socketPath()).hasSize(107);
    assertThat(client(daemon).blocking().version(VersionRequest.getDefaultInstance()).getVersion())
        .isEqualTo("v1alpha1");
  }

  @Test
  void aMissingDirectoryIsTheReferencesListenError() {
    assertThatThrownBy(
            () ->
                start(config().providerVolume(dir + "/missing").build(), new Doubles.FakeMounter()))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("Failed to listen on unix socket. error: ");
  }

  @Test
  void requestsAbove4MiBAreRefused() throws Exception {
    Daemon daemon = start(config().build(), new Doubles.FakeMounter());
    io.ascp.csi.v1alpha1.MountRequest big =
        mountRequest().toBuilder().setSecrets("x".repeat(4 * 1024 * 1024 + 1)).build();
    assertThatThrownBy(() -> client(daemon).blocking().mount(big))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED));
  }

  @Test
  void shutdownRemovesTheSocket() throws Exception {
    Daemon daemon = start(config().build(), new Doubles.FakeMounter());
    Path socket = Path.of(daemon.socketPath());
    assertThat(Files.exists(socket, LinkOption.NOFOLLOW_LINKS)).isTrue();
    daemon.shutdown();
    assertThat(Files.exists(socket, LinkOption.NOFOLLOW_LINKS)).isFalse();
    assertThat(kube.closed).isTrue();
    daemon.shutdown(); // idempotent
  }

  /** A mounter that blocks until released, and notes whether it was interrupted. */
  private static final class BlockingMounter implements Mounter {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch interrupted = new CountDownLatch(1);
    final AtomicBoolean finished = new AtomicBoolean();
    private final Doubles.FakeMounter delegate = new Doubles.FakeMounter();

    @Override
    public MountResult mount(MountRequest request) {
      entered.countDown();
      try {
        if (!release.await(60, TimeUnit.SECONDS)) {
          throw new AscpException(ErrorCode.INTERNAL, "never released");
        }
      } catch (InterruptedException e) {
        interrupted.countDown();
        throw new AscpException(ErrorCode.BACKEND_UNAVAILABLE, "interrupted");
      }
      finished.set(true);
      return delegate.mount(request);
    }
  }

  @Test
  void whileDrainingNewCallsGetUnavailableAndRunningMountsFinish() throws Exception {
    BlockingMounter mounter = new BlockingMounter();
    Daemon daemon = start(config().build(), mounter);
    UdsClient client = client(daemon);
    ListenableFuture<MountResponse> running = client.future().mount(mountRequest());
    assertThat(mounter.entered.await(30, TimeUnit.SECONDS)).isTrue();

    daemon.beginDrain();
    assertThat(daemon.isDraining()).isTrue();
    assertThatThrownBy(() -> client.blocking().version(VersionRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
              assertThat(e.getStatus().getDescription()).isEqualTo(StatusMapping.DRAINING_MESSAGE);
            });

    mounter.release.countDown();
    assertThat(running.get(30, TimeUnit.SECONDS).getObjectVersionCount()).isEqualTo(2);
  }

  @Test
  void shutdownWaitsForARunningMountWithinTheGracePeriod() throws Exception {
    BlockingMounter mounter = new BlockingMounter();
    Daemon daemon = start(config().shutdownGracePeriod(Duration.ofSeconds(60)).build(), mounter);
    UdsClient client = client(daemon);
    ListenableFuture<MountResponse> running = client.future().mount(mountRequest());
    assertThat(mounter.entered.await(30, TimeUnit.SECONDS)).isTrue();

    Thread stopper = new Thread(daemon::shutdown, "test-shutdown");
    stopper.start();
    mounter.release.countDown();
    assertThat(running.get(30, TimeUnit.SECONDS).getObjectVersionCount()).isEqualTo(2);
    stopper.join(TimeUnit.SECONDS.toMillis(30));
    assertThat(stopper.isAlive()).isFalse();
    assertThat(mounter.finished).isTrue();
    assertThat(Files.exists(Path.of(daemon.socketPath()), LinkOption.NOFOLLOW_LINKS)).isFalse();
  }

  @Test
  void afterTheGracePeriodRunningMountsAreCancelled() throws Exception {
    BlockingMounter mounter = new BlockingMounter();
    Daemon daemon = start(config().shutdownGracePeriod(Duration.ZERO).build(), mounter);
    UdsClient client = client(daemon);
    ListenableFuture<MountResponse> running = client.future().mount(mountRequest());
    assertThat(mounter.entered.await(30, TimeUnit.SECONDS)).isTrue();

    daemon.shutdown();
    assertThat(mounter.interrupted.await(30, TimeUnit.SECONDS)).isTrue();
    assertThatThrownBy(() -> running.get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e ->
                assertThat(e.getStatus().getCode())
                    .isIn(Status.Code.CANCELLED, Status.Code.UNAVAILABLE));
    assertThat(mounter.finished).isFalse();
  }

  @Test
  void aCancelledCallInterruptsTheMount() throws Exception {
    BlockingMounter mounter = new BlockingMounter();
    Daemon daemon = start(config().build(), mounter);
    UdsClient client = client(daemon);
    ListenableFuture<MountResponse> running = client.future().mount(mountRequest());
    assertThat(mounter.entered.await(30, TimeUnit.SECONDS)).isTrue();
    running.cancel(true);
    assertThat(mounter.interrupted.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(mounter.finished).isFalse();
    // The daemon goes on serving.
    mounter.release.countDown();
    assertThat(client.blocking().mount(mountRequest()).getObjectVersionCount()).isEqualTo(2);
  }

  @Test
  void aPassedDeadlineInterruptsTheMount() throws Exception {
    BlockingMounter mounter = new BlockingMounter();
    Daemon daemon = start(config().build(), mounter);
    UdsClient client = client(daemon);
    // Warm up the connection and the classes, so that the call below starts well within its
    // deadline.
    client.blocking().version(VersionRequest.getDefaultInstance());
    assertThatThrownBy(
            () -> client.blocking().withDeadlineAfter(5, TimeUnit.SECONDS).mount(mountRequest()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
    assertThat(mounter.entered.getCount()).isZero();
    assertThat(mounter.interrupted.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(mounter.finished).isFalse();
    assertThat(client.blocking().version(VersionRequest.getDefaultInstance()).getVersion())
        .isEqualTo("v1alpha1");
  }

  @Test
  void healthEndpoints() throws Exception {
    Daemon daemon = start(config().httpAddress("127.0.0.1:0").build(), new Doubles.FakeMounter());
    java.net.InetSocketAddress address = daemon.httpAddress().orElseThrow();
    assertThat(address.getPort()).isPositive();
    java.util.function.Function<String, Integer> get =
        path -> {
          try {
            java.net.HttpURLConnection connection =
                (java.net.HttpURLConnection)
                    java.net
                        .URI
                        .create("http://127.0.0.1:" + address.getPort() + path)
                        .toURL()
                        .openConnection();
            try {
              return connection.getResponseCode();
            } finally {
              connection.disconnect();
            }
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        };
    assertThat(get.apply("/healthz")).isEqualTo(200);
    assertThat(get.apply("/readyz")).isEqualTo(200);
    assertThat(get.apply("/metrics")).isEqualTo(200);
    assertThat(get.apply("/other")).isEqualTo(404);
    daemon.beginDrain();
    assertThat(get.apply("/readyz")).isEqualTo(503);
    // The health service answers NOT_SERVING over the socket while the daemon drains.
    assertThat(get.apply("/healthz")).isEqualTo(503);
    daemon.shutdown();
    assertThatThrownBy(() -> get.apply("/healthz")).hasCauseInstanceOf(IOException.class);
  }

  @Test
  void aBadHttpAddressStopsTheStart() {
    assertThatThrownBy(() -> start(config().httpAddress("nope").build(), new Doubles.FakeMounter()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--http-address");
    assertThat(kube.closed).isTrue();
  }

  @Test
  void concurrentMountsAllSucceed() throws Exception {
    Daemon daemon = start(config().driverWritesSecrets(true).build(), new Doubles.FakeMounter());
    UdsClient client = client(daemon);
    List<ListenableFuture<MountResponse>> calls = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      calls.add(client.future().mount(mountRequest()));
    }
    for (ListenableFuture<MountResponse> call : calls) {
      assertThat(call.get(30, TimeUnit.SECONDS).getFilesCount()).isEqualTo(2);
    }
  }

  @Test
  void theAttributesOfRealDriverCallsReachTheHandler() throws Exception {
    Doubles.FakeMounter mounter = new Doubles.FakeMounter();
    Daemon daemon = start(config().build(), mounter);
    client(daemon).blocking().mount(mountRequest());
    Map<String, String> attributes = Doubles.podAttributes();
    assertThat(mounter.requests.get(0).identity().podName())
        .isEqualTo(attributes.get("csi.storage.k8s.io/pod.name"));
  }
}
