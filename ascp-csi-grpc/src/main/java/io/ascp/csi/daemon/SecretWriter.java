// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.daemon;

import io.ascp.api.MountResult;
import java.nio.file.Path;

/**
 * Writes the files of a mount into the pod's volume when the provider writes them (the default;
 * ascp-core's atomic directory writer, DESIGN.md §6.7). Throws {@link io.ascp.api.AscpException}
 * ({@code WRITE_FAILED}) on failure.
 */
@FunctionalInterface
interface SecretWriter {
  /** Makes {@code targetPath} contain exactly the files of {@code result}. */
  void write(Path targetPath, MountResult result);
}
