// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The driver's JSON, byte for byte as Go's encoding/json writes it. */
class GoJsonTest {
  @Test
  void keysAreSortedByTheirUtf8Bytes() {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("b", "2");
    map.put("\uff01", "fullwidth");
    map.put("\ud83d\ude00", "emoji");
    map.put("a", "1");
    map.put("B", "0");
    // UTF-16 order would put U+FF01 after the surrogate pair; UTF-8 byte order puts it before.
    assertThat(GoJson.object(map))
        .isEqualTo(
            "{\"B\":\"0\",\"a\":\"1\",\"b\":\"2\",\"\uff01\":\"fullwidth\",\"\ud83d\ude00\":\"emoji\"}");
  }

  @Test
  void escapesAsGoDoes() {
    StringBuilder out = new StringBuilder();
    GoJson.string(out, "q\" b\\ n\n r\r t\t b\b f\f <>& \u0001 \u001f \u2028\u2029 \ud800 é");
    assertThat(out.toString())
        .isEqualTo(
            "\"q\\\" b\\\\ n\\n r\\r t\\t b\\b f\\f \\u003c\\u003e\\u0026 \\u0001 \\u001f"
                + " \\u2028\\u2029 \\ufffd é\"");
  }

  @Test
  void anEmptyMapIsAnEmptyObject() {
    assertThat(GoJson.object(Map.of())).isEqualTo("{}");
  }
}
