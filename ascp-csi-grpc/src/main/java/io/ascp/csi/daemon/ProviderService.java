// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.daemon;

import static java.util.Objects.requireNonNull;

import io.ascp.api.AscpException;
import io.ascp.csi.v1alpha1.CSIDriverProviderGrpc;
import io.ascp.csi.v1alpha1.MountRequest;
import io.ascp.csi.v1alpha1.MountResponse;
import io.ascp.csi.v1alpha1.VersionRequest;
import io.ascp.csi.v1alpha1.VersionResponse;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
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
 */
final class ProviderService extends CSIDriverProviderGrpc.CSIDriverProviderImplBase {
  private static final Logger log = LoggerFactory.getLogger(ProviderService.class);

  private final VersionInfo version;
  private final MountHandler handler;
  private final StatusMapping statuses;

  ProviderService(VersionInfo version, MountHandler handler, StatusMapping statuses) {
    this.version = requireNonNull(version, "version");
    this.handler = requireNonNull(handler, "handler");
    this.statuses = requireNonNull(statuses, "statuses");
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
              });
    } catch (CancelledException e) {
      abandoned(context);
      return;
    } catch (AscpException e) {
      if (context.isCancelled()) {
        abandoned(context);
        return;
      }
      Status status = statuses.forFailure(e);
      log.warn("Mount failed with {} ({}): {}", status.getCode(), e.code(), e.getMessage());
      response.onError(status.asRuntimeException());
      return;
    } catch (RuntimeException e) {
      if (context.isCancelled()) {
        abandoned(context);
        return;
      }
      Status status = statuses.forUnexpected();
      log.error(
          "Mount failed unexpectedly with {}; the call fails with {}",
          e.getClass().getName(),
          status.getCode(),
          SafeThrowables.redact(e));
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
      abandoned(context);
      return;
    }
    response.onNext(result);
    response.onCompleted();
  }

  /**
   * Notes a Mount whose call was cancelled or timed out. Nobody waits for its answer, and the
   * transport may already be gone, so none is sent.
   */
  private static void abandoned(Context context) {
    Status status = StatusMapping.forCancelled(context);
    log.info("Mount abandoned: {} ({})", status.getDescription(), status.getCode());
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
