// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.daemon;

import static java.util.Objects.requireNonNull;

import io.ascp.api.AscpException;
import io.ascp.api.ErrorCode;
import io.ascp.csi.v1alpha1.CSIDriverProviderGrpc;
import io.ascp.csi.v1alpha1.MountRequest;
import io.ascp.csi.v1alpha1.MountResponse;
import io.ascp.csi.v1alpha1.VersionRequest;
import io.ascp.csi.v1alpha1.VersionResponse;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code v1alpha1.CSIDriverProvider} service: {@code Version} answers with our name and
 * version; {@code Mount} runs the {@link MountHandler} and maps its failures to statuses.
 *
 * <p>Cancellation: while a Mount runs, cancelling the call (the client went away or the deadline
 * passed) interrupts the handler's thread, so that a blocked Kubernetes or AWS call returns early;
 * the handler also checks the call between steps. The thread's interrupt flag is cleared before the
 * thread goes back to the pool.
 *
 * <p>Every Mount ends with one summary line and one event ({@link MountLog}): answered (success or
 * failure) or abandoned (cancelled, deadline passed).
 */
final class ProviderService extends CSIDriverProviderGrpc.CSIDriverProviderImplBase {
  private static final Logger log = LoggerFactory.getLogger(ProviderService.class);

  private final VersionInfo version;
  private final MountHandler handler;
  private final StatusMapping statuses;
  private final MountLog mountLog;

  ProviderService(VersionInfo version, MountHandler handler, StatusMapping statuses) {
    this(version, handler, statuses, new MountLog(io.ascp.api.AscpListener.NOOP, reason -> {}));
  }

  ProviderService(
      VersionInfo version, MountHandler handler, StatusMapping statuses, MountLog mountLog) {
    this.version = requireNonNull(version, "version");
    this.handler = requireNonNull(handler, "handler");
    this.statuses = requireNonNull(statuses, "statuses");
    this.mountLog = requireNonNull(mountLog, "mountLog");
  }

  @Override
  public void version(VersionRequest request, StreamObserver<VersionResponse> response) {
    response.onNext(
        VersionResponse.newBuilder()
            .setVersion(VersionInfo.API_VERSION)
            .setRuntimeName(version.runtimeName())
            .setRuntimeVersion(version.runtimeVersion())
            .build());
    response.onCompleted();
  }

  @Override
  public void mount(MountRequest request, StreamObserver<MountResponse> response) {
    long start = System.nanoTime();
    MountLog.Summary summary = new MountLog.Summary();
    Context context = Context.current();
    Interrupter interrupter = new Interrupter(Thread.currentThread());
    context.addListener(interrupter, Runnable::run);
    MountResponse result;
    try {
      result =
          handler.mount(
              request,
              () -> {
                if (context.isCancelled()) {
                  throw new CancelledException();
                }
              },
              summary);
    } catch (CancelledException e) {
      abandoned(context, summary, start);
      return;
    } catch (AscpException e) {
      if (context.isCancelled()) {
        abandoned(context, summary, start);
        return;
      }
      Status status = statuses.forFailure(e);
      log.warn("Mount failed with {} ({}): {}", status.getCode(), e.code(), e.getMessage());
      mountLog.finished(
          summary, Optional.of(e.code()), Optional.of(status.getCode()), since(start));
      response.onError(status.asRuntimeException());
      return;
    } catch (RuntimeException e) {
      if (context.isCancelled()) {
        abandoned(context, summary, start);
        return;
      }
      Status status = statuses.forUnexpected();
      log.error(
          "Mount failed unexpectedly with {}; the call fails with {}",
          e.getClass().getName(),
          status.getCode(),
          SafeThrowables.redact(e));
      mountLog.finished(
          summary, Optional.of(ErrorCode.INTERNAL), Optional.of(status.getCode()), since(start));
      response.onError(status.asRuntimeException());
      return;
    } finally {
      interrupter.disarm();
      context.removeListener(interrupter);
      // An interrupt aimed at this call must not leak to the next task of this pooled thread.
      boolean interrupted = Thread.interrupted();
      if (interrupted) {
        log.debug("Cleared the interrupt of a cancelled Mount");
      }
    }
    if (context.isCancelled()) {
      abandoned(context, summary, start);
      return;
    }
    mountLog.finished(summary, Optional.empty(), Optional.empty(), since(start));
    response.onNext(result);
    response.onCompleted();
  }

  /**
   * Notes a Mount whose call was cancelled or timed out. Nobody waits for its answer, and the
   * transport may already be gone, so none is sent.
   */
  private void abandoned(Context context, MountLog.Summary summary, long start) {
    Status status = StatusMapping.forCancelled(context);
    mountLog.abandoned(summary, status.getCode(), since(start));
  }

  private static Duration since(long start) {
    return Duration.ofNanos(Math.max(0, System.nanoTime() - start));
  }

  /** Interrupts the handler thread when the call is cancelled, until disarmed. */
  private static final class Interrupter implements Context.CancellationListener {
    private final Thread thread;
    private boolean armed = true;

    Interrupter(Thread thread) {
      this.thread = thread;
    }

    @Override
    public synchronized void cancelled(Context context) {
      if (armed) {
        thread.interrupt();
      }
    }

    synchronized void disarm() {
      armed = false;
    }
  }

  /** Thrown by the checkpoint of a cancelled call. */
  private static final class CancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CancelledException() {
      super("cancelled", null, false, false);
    }
  }
}
