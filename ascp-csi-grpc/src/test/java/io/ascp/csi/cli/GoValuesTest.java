// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoValuesTest {
  @ParameterizedTest
  @ValueSource(strings = {"1", "t", "T", "TRUE", "true", "True"})
  void trueValues(String value) throws Exception {
    assertThat(GoValues.parseBool(value)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "f", "F", "FALSE", "false", "False"})
  void falseValues(String value) throws Exception {
    assertThat(GoValues.parseBool(value)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "yes", "tRUE", "2", "on"})
  void rejectedBooleans(String value) {
    assertThatThrownBy(() -> GoValues.parseBool(value))
        .isInstanceOf(GoValues.SyntaxException.class)
        .hasMessage("parse error");
  }

  @ParameterizedTest
  @CsvSource({
    "5, 5",
    "+5, 5",
    "-5, -5",
    "0, 0",
    "00, 0",
    "010, 8",
    "0o10, 8",
    "0O17, 15",
    "0x1f, 31",
    "0X1F, 31",
    "0b101, 5",
    "1_000, 1000",
    "0x_1f, 31",
    "9223372036854775807, 9223372036854775807",
    "-9223372036854775808, -9223372036854775808",
  })
  void integers(String value, long expected) throws Exception {
    assertThat(GoValues.parseInt(value)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "'', parse error",
    "+, parse error",
    "abc, parse error",
    "0x, parse error",
    "08, parse error",
    "1_, parse error",
    "_1, parse error",
    "1__0, parse error",
    "1.5, parse error",
    "9223372036854775808, value out of range",
    "-9223372036854775809, value out of range",
    "99999999999999999999, value out of range",
  })
  void rejectedIntegers(String value, String reason) {
    assertThatThrownBy(() -> GoValues.parseInt(value))
        .isInstanceOf(GoValues.SyntaxException.class)
        .hasMessage(reason);
  }

  @ParameterizedTest
  @ValueSource(strings = {"2147483648", "-2147483649"})
  void int32Range(String value) {
    assertThatThrownBy(() -> GoValues.parseInt32(value)).hasMessage("value out of range");
  }
}
