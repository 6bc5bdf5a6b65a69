// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Compares an expected document with an actual one: every field of the expected must be in the
 * actual with an equal value; the actual may have more. Lists of objects with a {@code name} are
 * matched by name (the actual may have more entries); other lists must be equal in length, except
 * those named in {@code appendable}, of which the expected must be a prefix.
 */
final class Subset {
  private Subset() {}

  /** The paths where {@code actual} differs from {@code expected}; empty when it contains it. */
  static List<String> differences(
      JsonNode expected, JsonNode actual, String path, Set<String> appendable) {
    List<String> out = new ArrayList<>();
    compare(expected, actual, path, "", appendable, out);
    return out;
  }

  private static void compare(
      JsonNode expected,
      @Nullable JsonNode actual,
      String path,
      String field,
      Set<String> appendable,
      List<String> out) {
    if (actual == null || actual.isMissingNode() || actual.isNull()) {
      if (!expected.isNull()) {
        out.add(path + ": missing, expected " + expected);
      }
      return;
    }
    if (expected.isObject()) {
      if (!actual.isObject()) {
        out.add(path + ": expected an object, got " + actual);
        return;
      }
      for (Map.Entry<String, JsonNode> e : expected.properties()) {
        compare(
            e.getValue(),
            actual.get(e.getKey()),
            path + "." + e.getKey(),
            e.getKey(),
            appendable,
            out);
      }
    } else if (expected.isArray()) {
      if (!actual.isArray()) {
        out.add(path + ": expected a list, got " + actual);
        return;
      }
      if (named(expected)) {
        for (JsonNode item : expected) {
          String name = item.get("name").asText();
          @Nullable JsonNode match = null;
          for (JsonNode candidate : actual) {
            if (candidate.path("name").asText().equals(name)) {
              match = candidate;
            }
          }
          compare(item, match, path + "[" + name + "]", field, appendable, out);
        }
        return;
      }
      if (expected.size() != actual.size()
          && !(appendable.contains(field) && actual.size() > expected.size())) {
        out.add(path + ": expected " + expected + ", got " + actual);
        return;
      }
      for (int i = 0; i < expected.size(); i++) {
        compare(expected.get(i), actual.get(i), path + "[" + i + "]", field, appendable, out);
      }
    } else if (!expected.asText().equals(actual.asText()) || actual.isContainerNode()) {
      out.add(path + ": expected " + expected + ", got " + actual);
    }
  }

  private static boolean named(JsonNode list) {
    if (list.isEmpty()) {
      return false;
    }
    for (JsonNode item : list) {
      if (!item.isObject() || !item.has("name")) {
        return false;
      }
    }
    return true;
  }
}
