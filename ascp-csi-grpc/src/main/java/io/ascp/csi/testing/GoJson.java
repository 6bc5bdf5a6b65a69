// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * JSON as Go's {@code encoding/json} writes it, which is what the CSI driver sends: a {@code
 * map[string]string} with its keys sorted byte-wise (UTF-8); {@code <}, {@code >}, {@code &},
 * U+2028, U+2029 and control characters other than newline, carriage return, tab, backspace and
 * form feed written as six-character Unicode escapes (lower-case hex); those five as their short
 * escapes (Go 1.22 and later). An unpaired surrogate, which Go would have received as invalid
 * UTF-8, becomes the escape of U+FFFD, as Go writes it.
 */
final class GoJson {
  private GoJson() {}

  /** Orders strings as Go does: by their UTF-8 bytes. */
  static final Comparator<String> UTF8_ORDER =
      (a, b) -> Arrays.compareUnsigned(a.getBytes(UTF_8), b.getBytes(UTF_8));

  /** {@code json.Marshal} of a {@code map[string]string}. */
  static String object(Map<String, String> map) {
    List<Map.Entry<String, String>> entries = new ArrayList<>(map.entrySet());
    entries.sort(Map.Entry.comparingByKey(UTF8_ORDER));
    StringBuilder out = new StringBuilder("{");
    for (Map.Entry<String, String> entry : entries) {
      if (out.length() > 1) {
        out.append(',');
      }
      string(out, entry.getKey());
      out.append(':');
      string(out, entry.getValue());
    }
    return out.append('}').toString();
  }

  /** Appends a JSON string as Go writes it. */
  static void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '<', '>', '&', '\u2028', '\u2029' -> unicode(out, c);
        default -> {
          if (c < 0x20) {
            unicode(out, c);
          } else if (Character.isHighSurrogate(c)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            out.append(c).append(s.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            out.append("\\ufffd");
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static void unicode(StringBuilder out, char c) {
    String hex = Integer.toHexString(c);
    out.append("\\u").append("0".repeat(4 - hex.length())).append(hex);
  }
}
