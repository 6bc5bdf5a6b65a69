// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core;

/** The one place in ascp-core allowed to read the JVM's monotonic clock. */
enum SystemTicker implements Ticker {
  INSTANCE;

  @Override
  @SuppressForbidden
  public long read() {
    return System.nanoTime();
  }
}
