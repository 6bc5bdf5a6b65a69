// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A value as go-yaml v2 decodes YAML into Go's {@code interface{}}: {@code nil}, {@code bool},
 * {@code int}, {@code uint64}, {@code float64}, {@code string}, {@code []interface{}} or {@code
 * map[interface{}]interface{}}, each with the position it came from.
 */
sealed interface GoValue {
  /** Where the value starts in the {@code objects} text. */
  Position position();

  /** What the value is, for messages ("a string", "a mapping"). */
  String describe();

  /** Go {@code nil}: {@code ~}, {@code null} or an empty plain scalar. */
  record GoNull(Position position) implements GoValue {
    @Override
    public String describe() {
      return "null";
    }
  }

  /** Go {@code bool}. */
  record GoBool(boolean value, Position position) implements GoValue {
    @Override
    public String describe() {
      return "a boolean";
    }
  }

  /** Go {@code int} (64 bits). */
  record GoInt(long value, Position position) implements GoValue {
    @Override
    public String describe() {
      return "a number";
    }
  }

  /** Go {@code uint64}, produced only for integers above {@code Long.MAX_VALUE}. */
  record GoUint(long bits, Position position) implements GoValue {
    @Override
    public String describe() {
      return "a number";
    }
  }

  /** Go {@code float64}. */
  record GoFloat(double value, Position position) implements GoValue {
    @Override
    public String describe() {
      return "a number";
    }
  }

  /** Go {@code string}. */
  record GoStr(String value, Position position) implements GoValue {
    @Override
    public String describe() {
      return "a string";
    }
  }

  /** Go {@code []interface{}}. */
  record GoList(List<GoValue> items, Position position) implements GoValue {
    public GoList {
      items = List.copyOf(items);
    }

    @Override
    public String describe() {
      return "a list";
    }
  }

  /**
   * Go {@code map[interface{}]interface{}}: keys compare by Go type and value, so {@code 1} and
   * {@code "1"} are different keys; a repeated key keeps its first place and its last value, as
   * go-yaml v2 (not strict) does.
   */
  record GoMap(List<Entry> entries, Position position) implements GoValue {
    public GoMap {
      entries = List.copyOf(entries);
    }

    @Override
    public String describe() {
      return "a mapping";
    }

    /** One key and its value. */
    record Entry(GoValue key, GoValue value) {}

    /** Collects entries with Go map semantics. */
    static final class Builder {
      private final Map<Object, Entry> entries = new LinkedHashMap<>();

      void put(GoValue key, GoValue value) {
        entries.put(identity(key), new Entry(key, value));
      }

      GoMap build(Position position) {
        return new GoMap(new ArrayList<>(entries.values()), position);
      }

      private static Object identity(GoValue key) {
        if (key instanceof GoStr s) {
          return s.value();
        } else if (key instanceof GoInt i) {
          return i.value();
        } else if (key instanceof GoUint u) {
          return new UintKey(u.bits());
        } else if (key instanceof GoBool b) {
          return b.value();
        } else if (key instanceof GoFloat f) {
          // Go compares float keys with ==: NaN never equals itself, and -0 equals 0.
          return Double.isNaN(f.value()) ? new Object() : f.value() + 0.0;
        } else if (key instanceof GoNull) {
          return NullKey.INSTANCE;
        }
        return new Object(); // collections are rejected as keys before they get here
      }

      private record UintKey(long bits) {}

      private enum NullKey {
        INSTANCE
      }
    }
  }
}
