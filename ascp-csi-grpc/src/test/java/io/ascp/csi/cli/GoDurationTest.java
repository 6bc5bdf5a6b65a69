// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoDurationTest {
  @ParameterizedTest
  @CsvSource({
    "0, 0",
    "+0, 0",
    "-0, 0",
    "5s, 5000000000",
    "30s, 30000000000",
    "500ms, 500000000",
    "1.5h, 5400000000000",
    "-1.5h, -5400000000000",
    "1h2m3s, 3723000000000",
    "10us, 10000",
    "10\u00b5s, 10000",
    "10\u03bcs, 10000",
    "1ns, 1",
    ".5s, 500000000",
    "1.s, 1000000000",
    "1.000000001s, 1000000001",
    "2562047h47m16.854775807s, 9223372036854775807",
    "-2562047h47m16.854775808s, -9223372036854775808",
    "0.0000000001h, 360",
  })
  void parsesLikeGo(String text, long nanos) throws Exception {
    assertThat(GoDuration.parseNanos(text)).isEqualTo(nanos);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''|time: invalid duration \"\"",
        "abc|time: invalid duration \"abc\"",
        "1|time: missing unit in duration \"1\"",
        "-|time: invalid duration \"-\"",
        ".|time: invalid duration \".\"",
        "1x|time: unknown unit \"x\" in duration \"1x\"",
        "3000000h|time: invalid duration \"3000000h\"",
        "9223372036854775808ns|time: invalid duration \"9223372036854775808ns\"",
        "1\u00e9s|time: unknown unit \"\\xc3\\xa9s\" in duration \"1\\xc3\\xa9s\"",
        "1s2|time: missing unit in duration \"1s2\"",
      })
  void rejectsLikeGo(String text, String message) {
    assertThatThrownBy(() -> GoDuration.parseNanos(text))
        .isInstanceOf(GoDuration.ParseException.class)
        .hasMessage(message);
  }

  @ParameterizedTest
  @CsvSource({
    "0, 0s",
    "1, 1ns",
    "1100, 1.1\u00b5s",
    "2200000, 2.2ms",
    "500000000, 500ms",
    "1000000000, 1s",
    "1500000000, 1.5s",
    "30000000000, 30s",
    "90000000000, 1m30s",
    "120000000000, 2m0s",
    "3600000000000, 1h0m0s",
    "-1000000000, -1s",
    "9223372036854775807, 2562047h47m16.854775807s",
    "-9223372036854775808, -2562047h47m16.854775808s",
  })
  void formatsLikeGo(long nanos, String text) {
    assertThat(GoDuration.format(nanos)).isEqualTo(text);
  }
}
