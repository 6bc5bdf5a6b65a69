// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The options of a benchmark's command line, {@code --name=value} each; an unknown name stops the
 * run, so that a typo never silently measures the defaults.
 */
final class Args {
  private final Map<String, String> values = new LinkedHashMap<>();
  private final Map<String, String> known = new LinkedHashMap<>();

  Args(String[] args) {
    for (String arg : args) {
      if (!arg.startsWith("--") || arg.indexOf('=') < 0) {
        throw new IllegalArgumentException("expected --name=value, got " + arg);
      }
      int eq = arg.indexOf('=');
      values.put(arg.substring(2, eq), arg.substring(eq + 1));
    }
  }

  String string(String name, String defaultValue) {
    known.put(name, defaultValue);
    return values.getOrDefault(name, defaultValue);
  }

  int integer(String name, int defaultValue) {
    return Integer.parseInt(string(name, Integer.toString(defaultValue)));
  }

  List<Integer> integers(String name, String defaultValue) {
    List<Integer> out = new ArrayList<>();
    for (String s : split(string(name, defaultValue), ",")) {
      if (!s.isBlank()) {
        out.add(Integer.parseInt(s.strip()));
      }
    }
    return out;
  }

  /** JVM options separated by spaces; empty for none. */
  List<String> words(String name, String defaultValue) {
    String s = string(name, defaultValue).strip();
    return s.isEmpty() ? List.of() : split(s, "\\s+");
  }

  /** {@code s} split around the matches of {@code regex}. */
  static List<String> split(String s, String regex) {
    return Arrays.asList(Pattern.compile(regex).split(s));
  }

  /** The provider's fat jar: {@code --jar}, by default the one the build made. */
  Path jar() {
    Path jar = Path.of(string("jar", "ascp-csi-grpc/target/ascp-provider.jar")).toAbsolutePath();
    if (!jar.toFile().isFile()) {
      throw new IllegalArgumentException(
          jar
              + " is missing: run ./mvnw -B -q -DskipTests install first, from the repository root");
    }
    return jar;
  }

  /** Fails on an option no accessor asked for. */
  void checkAllKnown() {
    for (String name : values.keySet()) {
      if (!known.containsKey(name)) {
        throw new IllegalArgumentException("unknown option --" + name + "; known: " + known);
      }
    }
  }
}
