// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.api;

import static java.util.Objects.requireNonNull;

import java.util.OptionalInt;

/**
 * One {@code jmesPath} entry of an object: a JSON key extracted from the object's value into a file
 * of its own.
 *
 * @param path the JMESPath expression, evaluated against the value parsed as JSON
 * @param objectAlias the file name of the extracted value
 * @param filePermission the file mode, if set on the entry (otherwise the object's, then the
 *     request's default applies)
 */
public record JmesPathEntry(String path, String objectAlias, OptionalInt filePermission) {
  /** Checks the components. */
  public JmesPathEntry {
    requireNonEmpty(path, "path");
    requireNonEmpty(objectAlias, "objectAlias");
    requireNonNull(filePermission, "filePermission");
  }

  /** An entry without a file permission of its own. */
  public static JmesPathEntry of(String path, String objectAlias) {
    return new JmesPathEntry(path, objectAlias, OptionalInt.empty());
  }

  static void requireNonEmpty(String value, String name) {
    requireNonNull(value, name);
    if (value.isEmpty()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
  }
}
