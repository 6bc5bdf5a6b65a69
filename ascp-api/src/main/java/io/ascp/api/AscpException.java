// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.api;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * The one exception type of ascp-java: a stable {@link ErrorCode} plus a message a user can act on.
 *
 * <p>The message is safe to show in a pod event or a log line: it names objects, keys and
 * positions, never a secret value, a token or a piece of the input that could contain one. Backend
 * exceptions (for example those of the AWS SDK) may be kept as the {@linkplain #getCause() cause}
 * for debugging, but they never cross the API as the contract.
 *
 * <p>Programming errors (a {@code null} argument, an illegal state) are reported with the usual
 * {@link IllegalArgumentException}, {@link IllegalStateException} and {@link NullPointerException}.
 */
public final class AscpException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  /** Creates an exception with the given code and safe message. */
  public AscpException(ErrorCode code, String message) {
    super(requireNonNull(message, "message"));
    this.code = requireNonNull(code, "code");
  }

  /** Creates an exception with the given code, safe message and underlying cause. */
  public AscpException(ErrorCode code, String message, @Nullable Throwable cause) {
    super(requireNonNull(message, "message"), cause);
    this.code = requireNonNull(code, "code");
  }

  /** The classification of this failure. */
  public ErrorCode code() {
    return code;
  }

  /** Whether retrying the same call later may succeed; see {@link ErrorCode#isRetryable()}. */
  public boolean isRetryable() {
    return code.isRetryable();
  }

  /** The safe message; never {@code null}. */
  @Override
  public String getMessage() {
    return requireNonNull(super.getMessage());
  }

  @Override
  public String toString() {
    return "AscpException{" + code + ": " + getMessage() + "}";
  }
}
