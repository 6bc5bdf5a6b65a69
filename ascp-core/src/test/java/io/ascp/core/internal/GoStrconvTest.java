// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoStrconvTest {
  @ParameterizedTest
  @CsvSource({
    "1.1, 1.1",
    "900, 900",
    "100000, 100000",
    "1000000, 1e+06",
    "1234567, 1.234567e+06",
    "0.0001, 0.0001",
    "0.00001, 1e-05",
    "3.4028234663852886e38, 3.4028235e+38",
    "1.401298464324817e-45, 1e-45",
    "1e39, +Inf",
    "-1e39, -Inf",
    "-0.0, -0",
    "0, 0",
    "123.456, 123.456",
    "0.3, 0.3",
    "16777217, 1.6777216e+07",
    "1.5e300, +Inf",
    "7.038531e-26, 7.0385313e-26",
  })
  void formatFloat32MatchesGo(double value, String go) {
    assertThat(GoStrconv.formatFloat32(value)).isEqualTo(go);
  }

  @Property
  void formatFloat32IsTheShortestTextThatReadsBack(@ForAll float f) {
    String s = GoStrconv.formatFloat32(f);
    if (Float.isNaN(f)) {
      assertThat(s).isEqualTo("NaN");
      return;
    }
    if (Float.isInfinite(f)) {
      assertThat(s).isEqualTo(f > 0 ? "+Inf" : "-Inf");
      return;
    }
    float back = Float.parseFloat(s.replace("e+", "e"));
    assertThat(back).isEqualTo(f);
    if (f == 0f) {
      return;
    }
    BigDecimal exact = new BigDecimal((double) Math.abs(f));
    int digits = new BigDecimal(s.replace("-", "")).stripTrailingZeros().precision();
    for (int n = 1; n < digits; n++) {
      for (RoundingMode mode : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
        BigDecimal shorter = exact.round(new MathContext(n, mode));
        assertThat(Float.parseFloat(shorter.toString())).isNotEqualTo(Math.abs(f));
      }
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          abc        | "abc"
          'a"b'      | "a\\"b"
          'a\\b'     | "a\\\\b"
          ÿé€        | "ÿé€"
          """)
  void quote(String in, String out) {
    assertThat(GoStrconv.quote(in)).isEqualTo(out);
  }

  @org.junit.jupiter.api.Test
  void quoteEscapes() {
    assertThat(GoStrconv.quote("\u0007\b\f\n\r\t\u000b\u007f\u00ad\u200b\ud83d\ude00\udb40\udc01"))
        .isEqualTo("\"\\a\\b\\f\\n\\r\\t\\v\\x7f\\u00ad\\u200b\ud83d\ude00\\U000e0001\"");
  }

  @org.junit.jupiter.api.Test
  void parseIntFollowsGo() {
    assertThat(GoStrconv.parseInt("0644", 0).bits()).isEqualTo(420);
    assertThat(GoStrconv.parseInt("-0x10", 0).bits()).isEqualTo(-16);
    assertThat(GoStrconv.parseInt("0O17", 0).bits()).isEqualTo(15);
    assertThat(GoStrconv.parseInt("0", 0).bits()).isZero();
    assertThat(GoStrconv.parseInt("0x", 0).ok()).isFalse();
    assertThat(GoStrconv.parseInt("9223372036854775808", 0).status())
        .isEqualTo(GoStrconv.NumStatus.RANGE);
    assertThat(GoStrconv.parseInt("-9223372036854775808", 0).bits()).isEqualTo(Long.MIN_VALUE);
    assertThat(GoStrconv.parseUint("18446744073709551615", 0).bits()).isEqualTo(-1L);
    assertThat(GoStrconv.parseUint("18446744073709551616", 0).status())
        .isEqualTo(GoStrconv.NumStatus.RANGE);
    assertThat(GoStrconv.parseUint("+1", 0).status()).isEqualTo(GoStrconv.NumStatus.SYNTAX);
    assertThat(GoStrconv.parseUint("1_0", 0).status()).isEqualTo(GoStrconv.NumStatus.SYNTAX);
  }
}
