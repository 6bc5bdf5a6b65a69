// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.api;

import java.util.List;
import java.util.Optional;

/**
 * What a mount produced: every file, in a deterministic order, and one version per file sorted by
 * id.
 *
 * @param files the files, in {@code SecretProviderClass} order (each object, then its JMESPath
 *     files)
 * @param versions one version per file, sorted by id
 */
public record MountResult(List<MountedFile> files, List<ObjectVersion> versions) {
  /** Copies the lists. */
  public MountResult {
    files = List.copyOf(files);
    versions = List.copyOf(versions);
  }

  /** The file at {@code path}, if the mount produced one. */
  public Optional<MountedFile> file(String path) {
    return files.stream().filter(f -> f.path().equals(path)).findFirst();
  }
}
