// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.benchmarks;

import io.ascp.csi.v1alpha1.CSIDriverProviderGrpc;
import io.ascp.csi.v1alpha1.MountRequest;
import io.ascp.csi.v1alpha1.MountResponse;
import io.ascp.csi.v1alpha1.VersionRequest;
import io.ascp.csi.v1alpha1.VersionResponse;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A gRPC client of the provider socket as the CSI driver dials it (plaintext, authority {@code
 * localhost}, one HTTP/2 connection), without the driver's file writing: the load driver measures
 * the provider, not a disk. Owns its channel and event loop.
 */
final class ProviderClient implements AutoCloseable {
  /** The driver's response size limit. */
  static final int MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

  private final EventLoopGroup group;
  private final ManagedChannel channel;

  ProviderClient(Path socket) {
    this.group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
    this.channel =
        NettyChannelBuilder.forAddress(new DomainSocketAddress(socket.toString()))
            .channelType(EpollDomainSocketChannel.class)
            .eventLoopGroup(group)
            .overrideAuthority("localhost")
            .usePlaintext()
            .directExecutor()
            .maxInboundMessageSize(MAX_RESPONSE_BYTES)
            .build();
  }

  VersionResponse version(Duration deadline) {
    return CSIDriverProviderGrpc.newBlockingStub(channel)
        .withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS)
        .version(VersionRequest.newBuilder().setVersion("v1alpha1").build());
  }

  MountResponse mount(MountRequest request, Duration deadline) {
    return CSIDriverProviderGrpc.newBlockingStub(channel)
        .withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS)
        .mount(request);
  }

  /** Sends a Mount; {@code observer} runs on the channel's event loop. */
  void mountAsync(MountRequest request, Duration deadline, StreamObserver<MountResponse> observer) {
    CSIDriverProviderGrpc.newStub(channel)
        .withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS)
        .mount(request, observer);
  }

  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }
}
