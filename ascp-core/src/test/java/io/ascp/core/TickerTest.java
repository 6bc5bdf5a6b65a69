// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TickerTest {
  @Test
  void systemTickerIsMonotonic() {
    Ticker ticker = Ticker.system();
    long first = ticker.read();
    long second = ticker.read();
    assertThat(second).isGreaterThanOrEqualTo(first);
  }
}
