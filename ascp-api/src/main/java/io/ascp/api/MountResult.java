// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.api;

import java.util.List;
import java.util.NoSuchElementException;
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

  /**
   * The contents of the file at {@code path} decoded as UTF-8.
   *
   * @throws NoSuchElementException if the mount produced no such file (the message lists the paths
   *     it did produce)
   */
  public String string(String path) {
    return required(path).contentsAsString();
  }

  /**
   * A copy of the contents of the file at {@code path}.
   *
   * @throws NoSuchElementException if the mount produced no such file
   */
  public byte[] bytes(String path) {
    return required(path).contents();
  }

  /** The version of the file at {@code path}, if the mount produced one. */
  public Optional<String> version(String path) {
    return versions.stream()
        .filter(v -> v.id().equals(path))
        .map(ObjectVersion::version)
        .findFirst();
  }

  private MountedFile required(String path) {
    return file(path)
        .orElseThrow(
            () ->
                new NoSuchElementException(
                    "No file "
                        + path
                        + " in this mount; its files are "
                        + files.stream().map(MountedFile::path).toList()));
  }
}
