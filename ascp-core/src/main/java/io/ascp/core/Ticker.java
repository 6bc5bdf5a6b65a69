// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core;

/**
 * A monotonic time source in nanoseconds, injected wherever ascp-core measures time (circuit
 * breakers, caches, watchers), so that tests advance time instead of sleeping.
 */
@FunctionalInterface
public interface Ticker {
  /**
   * Nanoseconds since an arbitrary origin; only differences between two readings are meaningful.
   */
  long read();

  /** The ticker of the running JVM ({@link System#nanoTime()}). */
  static Ticker system() {
    return SystemTicker.INSTANCE;
  }
}
