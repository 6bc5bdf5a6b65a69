// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.daemon;

import static java.util.Objects.requireNonNull;

import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every exception that escapes a handler into a failed call, so that no request can take the
 * daemon down (the reference provider has no such guard, reference §10.3). The call fails with
 * {@code INTERNAL} ({@code UNKNOWN} in parity mode) and a fixed message; the log gets the
 * exception's class and stack trace, never its message.
 */
final class RecoveryInterceptor implements ServerInterceptor {
  private static final Logger log = LoggerFactory.getLogger(RecoveryInterceptor.class);

  private final StatusMapping statuses;

  RecoveryInterceptor(StatusMapping statuses) {
    this.statuses = requireNonNull(statuses, "statuses");
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    GuardedCall<Q, R> guarded = new GuardedCall<>(call);
    ServerCall.Listener<Q> delegate;
    try {
      delegate = next.startCall(guarded, headers);
    } catch (Throwable t) {
      recover(guarded, t);
      return new ServerCall.Listener<>() {};
    }
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(delegate) {
      @Override
      public void onMessage(Q message) {
        try {
          super.onMessage(message);
        } catch (Throwable t) {
          recover(guarded, t);
        }
      }

      @Override
      public void onHalfClose() {
        try {
          super.onHalfClose();
        } catch (Throwable t) {
          recover(guarded, t);
        }
      }

      @Override
      public void onCancel() {
        try {
          super.onCancel();
        } catch (Throwable t) {
          recover(guarded, t);
        }
      }

      @Override
      public void onComplete() {
        try {
          super.onComplete();
        } catch (Throwable t) {
          recover(guarded, t);
        }
      }

      @Override
      public void onReady() {
        try {
          super.onReady();
        } catch (Throwable t) {
          recover(guarded, t);
        }
      }
    };
  }

  private <Q, R> void recover(GuardedCall<Q, R> call, Throwable t) {
    Status status = statuses.forUnexpected();
    log.error(
        "Unexpected {} in {}; the call fails with {}",
        t.getClass().getName(),
        call.getMethodDescriptor().getFullMethodName(),
        status.getCode(),
        SafeThrowables.redact(t));
    call.closeOnce(status);
    if (t instanceof VirtualMachineError fatal && !(t instanceof StackOverflowError)) {
      throw fatal;
    }
  }

  /** A call that remembers whether it was closed, so that recovery never closes it twice. */
  private static final class GuardedCall<Q, R>
      extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {
    private final AtomicBoolean closed = new AtomicBoolean();

    GuardedCall(ServerCall<Q, R> delegate) {
      super(delegate);
    }

    @Override
    public void close(Status status, Metadata trailers) {
      if (closed.compareAndSet(false, true)) {
        super.close(status, trailers);
      }
    }

    void closeOnce(Status status) {
      try {
        close(status, new Metadata());
      } catch (RuntimeException e) {
        // The transport is gone; there is nobody left to tell.
        log.debug("Could not close a failed call: {}", e.getClass().getName());
      }
    }
  }
}
