// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void parsesEveryKindOfValue() {
    Map<String, Object> m =
        Json.parseObject(
            " {\"s\":\"a\\\"b\\\\c\\n\\u00e9\\/\", \"n\": -1.5e2, \"t\":true, \"f\":false,"
                + " \"z\":null, \"l\":[1,{\"x\":[]}], \"o\":{}}");
    assertThat(m.get("s")).isEqualTo("a\"b\\c\n\u00e9/");
    assertThat(m.get("n")).isEqualTo(new BigDecimal("-1.5e2"));
    assertThat(m.get("t")).isEqualTo(true);
    assertThat(m.get("f")).isEqualTo(false);
    assertThat(m.get("z")).isSameAs(Json.NULL);
    assertThat(m.get("l")).isEqualTo(List.of(new BigDecimal(1), Map.of("x", List.of())));
    assertThat(m.get("o")).isEqualTo(Map.of());
  }

  @Test
  void writesWhatItReads() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("b", "quote\" backslash\\ tab\t ctl\u0001");
    m.put("a", List.of(BigDecimal.valueOf(12345, 3), true, Json.NULL));
    String text = Json.write(m);
    assertThat(text)
        .isEqualTo(
            "{\"b\":\"quote\\\" backslash\\\\ tab\\t ctl\\u0001\",\"a\":[12.345,true,null]}");
    assertThat(Json.parseObject(text)).isEqualTo(m);
  }

  @Test
  void rejectsMalformedInputWithAPositionOnly() {
    for (String bad :
        List.of("", "{", "{\"a\" 1}", "[1,]", "{\"a\":tru}", "\"abc", "{} x", "{\"a\":\"\\q\"}")) {
      assertThatThrownBy(() -> Json.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("malformed JSON at offset");
    }
    assertThatThrownBy(() -> Json.parseObject("[]")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Json.parse("[".repeat(100) + "]".repeat(100)))
        .hasMessageContaining("too deep");
  }
}
