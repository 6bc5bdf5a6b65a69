// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.cli;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The {@code --pod-identity-http-timeout} rules of the reference provider: a Go duration; empty,
 * unparsable or non-positive values keep the AWS SDK's default (with the reference's log lines);
 * values above 30 seconds are kept with a warning.
 */
final class PodIdentityHttpTimeout {
  private static final long HIGH_NANOS = Duration.ofSeconds(30).toNanos();

  private PodIdentityHttpTimeout() {}

  /**
   * The timeout to use, or empty for the SDK default.
   *
   * @param value the flag value
   * @param error receives the reference's error-level lines
   * @param warning receives the reference's warning-level lines
   */
  static Optional<Duration> resolve(
      String value, Consumer<String> error, Consumer<String> warning) {
    if (value.isEmpty()) {
      return Optional.empty();
    }
    long nanos;
    try {
      nanos = GoDuration.parseNanos(value);
    } catch (GoDuration.ParseException e) {
      error.accept(
          "failed to parse podIdentityHttpTimeout value '"
              + value
              + "': "
              + e.getMessage()
              + ", using default SDK value");
      return Optional.empty();
    }
    if (nanos <= 0) {
      error.accept(
          "podIdentityHttpTimeout must be positive, got: "
              + GoDuration.format(nanos)
              + ", using default SDK value");
      return Optional.empty();
    }
    if (nanos > HIGH_NANOS) {
      warning.accept(
          "podIdentityHttpTimeout value "
              + GoDuration.format(nanos)
              + " is unusually high, consider using a smaller value");
    }
    return Optional.of(Duration.ofNanos(nanos));
  }
}
