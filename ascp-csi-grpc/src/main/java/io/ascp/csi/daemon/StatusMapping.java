// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.daemon;

import static java.util.Objects.requireNonNull;

import io.ascp.api.AscpException;
import io.ascp.api.ErrorCode;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Status;

/**
 * The one table from {@link ErrorCode} to gRPC {@link Status.Code} (DESIGN.md §6.3), and the
 * statuses of the failures that have no error code: an unexpected exception, a passed deadline, a
 * cancelled call, a draining daemon.
 *
 * <p>{@code UNAVAILABLE} is reserved for a draining daemon: the CSI driver retries it up to three
 * times, so using it for backend trouble would triple the load during an outage.
 */
final class StatusMapping {
  /** The description of an unexpected failure; the details are only in the provider's log. */
  static final String INTERNAL_MESSAGE = "internal error in the provider; see the provider log";

  /** The description of a call refused while the daemon drains. */
  static final String DRAINING_MESSAGE = "the provider is shutting down";

  private final StatusCodeMode mode;

  StatusMapping(StatusCodeMode mode) {
    this.mode = requireNonNull(mode, "mode");
  }

  /** The table. */
  static Status.Code codeFor(ErrorCode code) {
    return switch (code) {
      case INVALID_PARAMETERS -> Status.Code.INVALID_ARGUMENT;
      case NOT_FOUND -> Status.Code.NOT_FOUND;
      case ACCESS_DENIED -> Status.Code.PERMISSION_DENIED;
      case CREDENTIALS -> Status.Code.UNAUTHENTICATED;
      case THROTTLED -> Status.Code.RESOURCE_EXHAUSTED;
      case BACKEND_UNAVAILABLE, KUBERNETES_LOOKUP -> Status.Code.UNKNOWN;
      case DECRYPTION_FAILED, EXTRACTION_FAILED -> Status.Code.FAILED_PRECONDITION;
      case WRITE_FAILED, INTERNAL -> Status.Code.INTERNAL;
    };
  }

  /** The mode this mapping applies. */
  StatusCodeMode mode() {
    return mode;
  }

  /** The status of a failed mount; the description is the exception's safe message. */
  Status forFailure(AscpException e) {
    return status(codeFor(e.code())).withDescription(e.getMessage());
  }

  /** The status of an unexpected exception; its description names no detail of the exception. */
  Status forUnexpected() {
    return status(Status.Code.INTERNAL).withDescription(INTERNAL_MESSAGE);
  }

  /**
   * The status of a call whose context was cancelled: {@code DEADLINE_EXCEEDED} when its deadline
   * passed, else {@code CANCELLED}. These are transport outcomes and keep their codes in both
   * modes, as grpc-go reports them for the reference provider too.
   */
  static Status forCancelled(Context context) {
    Deadline deadline = context.getDeadline();
    if (deadline != null && deadline.isExpired()) {
      return Status.DEADLINE_EXCEEDED.withDescription(
          "the deadline passed before the mount finished");
    }
    return Status.CANCELLED.withDescription("the call was cancelled before the mount finished");
  }

  /** The status of a call refused while the daemon drains: {@code UNAVAILABLE} in both modes. */
  static Status forDraining() {
    return Status.UNAVAILABLE.withDescription(DRAINING_MESSAGE);
  }

  private Status status(Status.Code code) {
    return Status.fromCode(mode == StatusCodeMode.UNKNOWN ? Status.Code.UNKNOWN : code);
  }
}
