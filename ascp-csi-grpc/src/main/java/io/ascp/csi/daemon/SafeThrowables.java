// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.daemon;

import org.jspecify.annotations.Nullable;

/**
 * Copies of exceptions that keep their classes and stack traces but drop their messages, for
 * logging exceptions nobody expected: a third-party message may quote its input (a JSON parser
 * quotes the token it choked on), and inputs carry tokens and secrets.
 */
final class SafeThrowables {
  private SafeThrowables() {}

  /** The message-free copy of {@code t} and its causes. */
  static Throwable redact(Throwable t) {
    return redact(t, 0);
  }

  private static Throwable redact(Throwable t, int depth) {
    Throwable cause = t.getCause();
    @Nullable Throwable redactedCause =
        cause == null || cause == t || depth > 20 ? null : redact(cause, depth + 1);
    RedactedThrowable copy = new RedactedThrowable(t.getClass().getName(), redactedCause);
    copy.setStackTrace(t.getStackTrace());
    return copy;
  }

  /** An exception that only names the original class. */
  static final class RedactedThrowable extends Exception {
    private static final long serialVersionUID = 1L;

    RedactedThrowable(String originalClass, @Nullable Throwable cause) {
      super(originalClass + " (message withheld)", cause);
    }
  }
}
