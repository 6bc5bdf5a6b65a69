// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.daemon;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Refuses new calls with {@code UNAVAILABLE} once the daemon drains, while the calls already
 * running finish. The CSI driver retries {@code UNAVAILABLE}, so a mount that arrives during a
 * rolling restart is retried against the next provider instead of failing.
 */
final class DrainGate implements ServerInterceptor {
  private final AtomicBoolean draining = new AtomicBoolean();

  /** Starts refusing new calls. */
  void close() {
    draining.set(true);
  }

  /** Whether new calls are refused. */
  boolean isClosed() {
    return draining.get();
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    if (draining.get()) {
      call.close(StatusMapping.forDraining(), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    return next.startCall(call, headers);
  }
}
