// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites a command line written for Go's {@code flag} package into the form picocli parses, so
 * that every spelling the reference provider accepts means the same here.
 *
 * <p>Go treats {@code -name} and {@code --name} alike, takes a value as {@code --name=value} or
 * {@code --name value}, and never gives a boolean flag the next argument ({@code --flag} alone
 * means true; {@code --flag=false} is the only way to say false). This class turns a known flag
 * written with one dash into its two-dash form, a separate value into {@code --name=value} (so that
 * values such as {@code -1s} are never mistaken for options), and a bare boolean flag into {@code
 * --flag=true}. Unknown flags are left alone for picocli to report; everything after {@code --} is
 * left alone.
 */
final class GoFlagSyntax {
  private GoFlagSyntax() {}

  /**
   * The normalized arguments.
   *
   * @param args the command line
   * @param valueFlags the names (without dashes) of the flags that take a value
   * @param booleanFlags the names (without dashes) of the boolean flags
   * @param plainFlags the names (without dashes) of flags without a value, such as {@code help}
   * @param aliases names (without dashes) that stand for another flag, such as {@code h} for {@code
   *     help}
   */
  static List<String> normalize(
      List<String> args,
      Set<String> valueFlags,
      Set<String> booleanFlags,
      Set<String> plainFlags,
      Map<String, String> aliases) {
    List<String> out = new ArrayList<>(args.size());
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--")) {
        out.addAll(args.subList(i, args.size()));
        break;
      }
      if (arg.length() < 2 || arg.charAt(0) != '-') {
        out.add(arg);
        continue;
      }
      String body = arg.charAt(1) == '-' ? arg.substring(2) : arg.substring(1);
      int eq = body.indexOf('=');
      String name = eq < 0 ? body : body.substring(0, eq);
      String canonical = aliases.getOrDefault(name, name);
      if (valueFlags.contains(canonical)) {
        if (eq >= 0) {
          out.add("--" + canonical + body.substring(eq));
        } else if (i + 1 < args.size()) {
          out.add("--" + canonical + "=" + args.get(++i));
        } else {
          out.add("--" + canonical); // picocli reports the missing value
        }
      } else if (booleanFlags.contains(canonical)) {
        out.add("--" + canonical + (eq >= 0 ? body.substring(eq) : "=true"));
      } else if (plainFlags.contains(canonical) && eq < 0) {
        out.add("--" + canonical);
      } else {
        out.add(arg);
      }
    }
    return out;
  }
}
