// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.ascp.api.ObjectVersion;
import io.ascp.csi.v1alpha1.CSIDriverProviderGrpc;
import io.ascp.csi.v1alpha1.MountRequest;
import io.ascp.csi.v1alpha1.MountResponse;
import io.ascp.csi.v1alpha1.VersionRequest;
import io.ascp.csi.v1alpha1.VersionResponse;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.stub.StreamObserver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator's handling of responses, against a scripted provider on a Unix socket. */
class CsiDriverSimulatorTest {
  @TempDir Path dir;

  private final BlockingQueue<Function<MountRequest, MountResponse>> script =
      new LinkedBlockingQueue<>();
  private final List<MountRequest> requests = new CopyOnWriteArrayList<>();
  private final List<String> authorities = new CopyOnWriteArrayList<>();
  private EventLoopGroup group;
  private Server server;
  private CsiDriverSimulator driver;
  private Path target;
  private Path socketDir;

  @BeforeEach
  void start() throws Exception {
    socketDir = Files.createTempDirectory(Path.of("/tmp"), "sim");
    Path socket = socketDir.resolve("p.sock");
    group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    server =
        NettyServerBuilder.forAddress(new DomainSocketAddress(socket.toString()))
            .channelType(EpollServerDomainSocketChannel.class)
            .bossEventLoopGroup(group)
            .workerEventLoopGroup(group)
            .intercept(
                new io.grpc.ServerInterceptor() {
                  @Override
                  public <Q, R> io.grpc.ServerCall.Listener<Q> interceptCall(
                      io.grpc.ServerCall<Q, R> call,
                      io.grpc.Metadata headers,
                      io.grpc.ServerCallHandler<Q, R> next) {
                    authorities.add(String.valueOf(call.getAuthority()));
                    return next.startCall(call, headers);
                  }
                })
            .addService(
                new CSIDriverProviderGrpc.CSIDriverProviderImplBase() {
                  @Override
                  public void version(
                      VersionRequest request, StreamObserver<VersionResponse> observer) {
                    observer.onNext(
                        VersionResponse.newBuilder()
                            .setVersion(request.getVersion())
                            .setRuntimeName("scripted")
                            .setRuntimeVersion("0.0.1")
                            .build());
                    observer.onCompleted();
                  }

                  @Override
                  public void mount(MountRequest request, StreamObserver<MountResponse> observer) {
                    requests.add(request);
                    Function<MountRequest, MountResponse> next = script.poll();
                    if (next == null) {
                      observer.onError(Status.INTERNAL.withDescription("no script").asException());
                      return;
                    }
                    try {
                      observer.onNext(next.apply(request));
                      observer.onCompleted();
                    } catch (io.grpc.StatusRuntimeException e) {
                      observer.onError(e);
                    }
                  }
                })
            .build()
            .start();
    driver = CsiDriverSimulator.builder(socket).driverVersion(DriverVersion.V1_5).build();
    target = Files.createDirectory(dir.resolve("target"));
  }

  @AfterEach
  void stop() throws Exception {
    driver.close();
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    DriverPayloadWriter.deleteTree(socketDir);
  }

  private PodVolume volume() {
    return PodVolume.builder()
        .pod("shop", "web-0", "uid-1")
        .secretProviderClass("spc", Map.of("objects", "x"))
        .targetPath(target)
        .build();
  }

  private static MountResponse.Builder versions(String... idAndVersion) {
    MountResponse.Builder b = MountResponse.newBuilder();
    for (int i = 0; i < idAndVersion.length; i += 2) {
      b.addObjectVersion(
          io.ascp.csi.v1alpha1.ObjectVersion.newBuilder()
              .setId(idAndVersion[i])
              .setVersion(idAndVersion[i + 1]));
    }
    return b;
  }

  private static io.ascp.csi.v1alpha1.File file(String path, String contents) {
    return io.ascp.csi.v1alpha1.File.newBuilder()
        .setPath(path)
        .setMode(0644)
        .setContents(ByteString.copyFrom(contents, UTF_8))
        .build();
  }

  @Test
  void versionIsTheDriversHealthCheckWithAuthorityLocalhost() {
    assertThat(driver.version()).isEqualTo(new ProviderVersion("v1alpha1", "scripted", "0.0.1"));
    assertThat(authorities).containsExactly("localhost");
  }

  @Test
  void aProviderErrorCodeFailsTheMountWithThatCode() {
    script.add(
        r ->
            versions("a", "1")
                .setError(io.ascp.csi.v1alpha1.Error.newBuilder().setCode("Boom"))
                .build());
    MountError error = driver.mount(volume()).error().orElseThrow();
    assertThat(error.errorType()).isEqualTo("Boom");
    assertThat(error.grpcCode()).isEmpty();
    assertThat(error.message())
        .isEqualTo(
            "failed to mount secrets store objects for pod shop/web-0, err: mount request failed"
                + " with provider error code Boom");
  }

  @Test
  void noObjectVersionsIsAnError() {
    script.add(r -> MountResponse.newBuilder().addFiles(file("a", "x")).build());
    MountError error = driver.mount(volume()).error().orElseThrow();
    assertThat(error.errorType()).isEqualTo("GRPCProviderError");
    assertThat(error.detail()).isEqualTo("missing object versions");
    assertThat(MountedFiles.read(target)).isEmpty();
  }

  @Test
  void aRepeatedIdKeepsItsLastVersionAndTheStatusIsSortedById() {
    script.add(r -> versions("b", "1", "a", "1", "b", "2").addFiles(file("a", "x")).build());
    MountOutcome outcome = driver.mount(volume());
    assertThat(outcome.objectVersions())
        .containsExactly(new ObjectVersion("a", "1"), new ObjectVersion("b", "2"));
    assertThat(driver.status(volume())).contains(outcome.objectVersions());
  }

  @Test
  void aBadPathIsAFileWriteErrorAndAFailedFirstMountLeavesNothing() {
    script.add(
        r -> versions("a", "1").addFiles(file("ok", "x")).addFiles(file("../x", "y")).build());
    MountError error = driver.mount(volume()).error().orElseThrow();
    assertThat(error.errorType()).isEqualTo("FileWriteError");
    assertThat(error.detail()).isEqualTo("invalid path: must not contain '..': ../x");
    assertThat(MountedFiles.read(target)).isEmpty();
    assertThat(driver.status(volume())).isEmpty();
  }

  @Test
  void aV15RemountSendsTheMountedVersionsSortedAndAFailureKeepsTheOldFiles() {
    script.add(r -> versions("b", "2", "a", "1").addFiles(file("a", "v1")).build());
    script.add(
        r -> {
          throw Status.NOT_FOUND.withDescription("gone").asRuntimeException();
        });
    assertThat(driver.mount(volume()).error()).isEmpty();
    MountOutcome remount = driver.remount(volume());

    assertThat(requests.get(0).getCurrentObjectVersionList()).isEmpty();
    assertThat(requests.get(1).getCurrentObjectVersionList())
        .extracting(v -> v.getId() + "=" + v.getVersion())
        .containsExactly("a=1", "b=2");
    MountError error = remount.error().orElseThrow();
    assertThat(error.masked()).isFalse(); // driver v1.5 reports it
    assertThat(error.grpcCode()).contains("NOT_FOUND");
    assertThat(error.message()).endsWith("err: rpc error: code = NotFound desc = gone");
    assertThat(MountedFiles.readString(target, "a")).isEqualTo("v1");
  }

  @Test
  void unavailableIsRetriedAsTheDriversServiceConfigSays() {
    script.add(
        r -> {
          throw Status.UNAVAILABLE.withDescription("draining").asRuntimeException();
        });
    script.add(r -> versions("a", "1").addFiles(file("a", "x")).build());
    assertThat(driver.mount(volume()).error()).isEmpty();
    assertThat(requests).hasSize(2);
  }

  @Test
  void emptyParametersNeverReachTheProvider() {
    PodVolume noParameters = volume().toBuilder().secretProviderClass("spc", Map.of()).build();
    MountError error = driver.mount(noParameters).error().orElseThrow();
    assertThat(error.errorType()).isEqualTo("FailedToMount");
    assertThat(error.message()).isEqualTo("parameters not set in shop/spc");
    assertThat(requests).isEmpty();
  }
}
