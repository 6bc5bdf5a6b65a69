// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core;

import java.time.Clock;

/** The one place in ascp-core allowed to read the JVM's wall clock. */
final class SystemClock {
  private SystemClock() {}

  /** The system clock in UTC; only for timestamps, never for measuring time (use a Ticker). */
  @SuppressForbidden
  static Clock utc() {
    return Clock.systemUTC();
  }
}
