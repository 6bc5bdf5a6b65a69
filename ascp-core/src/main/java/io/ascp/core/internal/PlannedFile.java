// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core.internal;

import static java.util.Objects.requireNonNull;

import io.ascp.api.JmesPathEntry;
import io.ascp.api.SecretObject;
import java.util.Optional;

/**
 * One file a mount will produce: where it goes, what fills it and with which mode.
 *
 * @param path the file's path relative to the mount directory, {@code /}-separated, already checked
 *     (relative, no empty, {@code .} or {@code ..} element, no control character, within length
 *     limits, unique)
 * @param object the object whose value fills the file, or from whose value it is extracted
 * @param jmesPath the {@code jmesPath} entry that extracts the file's contents, or empty for the
 *     object's main file
 * @param mode the permission bits, 0 to 0777
 */
public record PlannedFile(
    String path, SecretObject object, Optional<JmesPathEntry> jmesPath, int mode) {

  /** Checks the components. */
  public PlannedFile {
    requireNonNull(path, "path");
    requireNonNull(object, "object");
    requireNonNull(jmesPath, "jmesPath");
    if (mode < 0 || mode > 0777) {
      throw new IllegalArgumentException("mode must be within 0 and 0777, got " + mode);
    }
  }

  /** The id reported for this file's version to the CSI driver: the file name, as the reference. */
  public String objectVersionId() {
    return path;
  }
}
