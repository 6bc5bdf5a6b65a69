// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core;

import static java.util.Objects.requireNonNull;

import io.ascp.api.ObjectType;
import java.util.Optional;

/**
 * One file a mount of given parameters will produce, known before anything is fetched: where it
 * goes, its mode, and what fills it. See {@link SecretMounter#plan}.
 *
 * @param path the path relative to the mount directory (also the version id reported for it)
 * @param mode the permission bits, 0 to 0777
 * @param objectName the object whose value fills the file or is extracted into it
 * @param objectType the object's backend
 * @param jmesPath the JMESPath expression that extracts the file's contents, or empty for the
 *     object's own file
 */
public record FilePlan(
    String path, int mode, String objectName, ObjectType objectType, Optional<String> jmesPath) {
  /** Checks the components. */
  public FilePlan {
    requireNonNull(path, "path");
    requireNonNull(objectName, "objectName");
    requireNonNull(objectType, "objectType");
    requireNonNull(jmesPath, "jmesPath");
  }
}
