// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HealthListenerTest {
  @ParameterizedTest
  @CsvSource({":8989, true, 8989", "127.0.0.1:0, false, 0", "[::1]:9090, false, 9090"})
  void goHostPortSyntax(String address, boolean wildcard, int port) {
    InetSocketAddress parsed = HealthListener.parse(address);
    assertThat(parsed.getPort()).isEqualTo(port);
    assertThat(parsed.getAddress().isAnyLocalAddress()).isEqualTo(wildcard);
  }

  @ParameterizedTest
  @ValueSource(strings = {"8989", "host:", "host:x", ":70000", ":-1"})
  void malformedAddresses(String address) {
    assertThatThrownBy(() -> HealthListener.parse(address))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--http-address");
  }
}
