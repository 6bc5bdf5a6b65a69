// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core;

import io.ascp.api.FailoverObject;
import io.ascp.api.JmesPathEntry;
import io.ascp.api.SecretObject;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** A compact, flow-YAML-like rendering of parsed objects, as the docs tables show them. */
final class Render {
  private Render() {}

  static String objects(List<SecretObject> objects) {
    List<String> parts = new ArrayList<>();
    for (SecretObject o : objects) {
      parts.add(object(o));
    }
    return "[" + String.join(", ", parts) + "]";
  }

  static String object(SecretObject o) {
    List<String> f = new ArrayList<>();
    f.add("objectName: " + o.objectName());
    f.add("objectType: " + o.objectType().parameterValue());
    o.objectAlias().ifPresent(v -> f.add("objectAlias: " + v));
    o.objectVersion().ifPresent(v -> f.add("objectVersion: " + v));
    o.objectVersionLabel().ifPresent(v -> f.add("objectVersionLabel: " + v));
    permission(o.filePermission()).ifPresent(f::add);
    if (!o.jmesPath().isEmpty()) {
      List<String> entries = new ArrayList<>();
      for (JmesPathEntry e : o.jmesPath()) {
        List<String> ef = new ArrayList<>();
        ef.add("path: " + e.path());
        ef.add("objectAlias: " + e.objectAlias());
        permission(e.filePermission()).ifPresent(ef::add);
        entries.add("{" + String.join(", ", ef) + "}");
      }
      f.add("jmesPath: [" + String.join(", ", entries) + "]");
    }
    o.failoverObject().ifPresent(fo -> f.add("failoverObject: " + failover(fo)));
    return "{" + String.join(", ", f) + "}";
  }

  private static java.util.Optional<String> permission(OptionalInt mode) {
    if (mode.isEmpty()) {
      return java.util.Optional.empty();
    }
    String octal = Integer.toOctalString(mode.getAsInt());
    return java.util.Optional.of("filePermission: " + "0000".substring(octal.length()) + octal);
  }

  private static String failover(FailoverObject fo) {
    List<String> f = new ArrayList<>();
    fo.objectName().ifPresent(v -> f.add("objectName: " + v));
    fo.objectVersion().ifPresent(v -> f.add("objectVersion: " + v));
    fo.objectVersionLabel().ifPresent(v -> f.add("objectVersionLabel: " + v));
    return "{" + String.join(", ", f) + "}";
  }
}
