// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;

/**
 * The file-system operations {@link AtomicDirectoryWriter} performs, one call per step, so that
 * tests can make any step fail. None follows a symbolic link in the last path element.
 */
interface FileOps {
  /** The attributes of {@code path} itself (a link is reported as a link), or empty if absent. */
  Optional<BasicFileAttributes> stat(Path path) throws IOException;

  /** Whether {@code path} is a directory, following links (used for the target only). */
  boolean isDirectory(Path path) throws IOException;

  /** The names in {@code dir}, sorted. */
  List<String> list(Path dir) throws IOException;

  /** The target of the link {@code link}, as stored. */
  String readSymbolicLink(Path link) throws IOException;

  /** Creates the directory {@code dir}; fails if anything exists there. */
  void createDirectory(Path dir) throws IOException;

  /**
   * Creates the file {@code file} (mode 0600 whatever the umask; fails if anything, a link
   * included, exists there), writes {@code contents} and forces them to the device.
   */
  void createFile(Path file, byte[] contents) throws IOException;

  /** Sets the permission bits of {@code path} exactly (no umask); fails on a link. */
  void setMode(Path path, int mode) throws IOException;

  /** Forces the entries of the directory {@code dir} to the device. */
  void syncDirectory(Path dir) throws IOException;

  /** Creates the symbolic link {@code link} with the (relative) target {@code target}. */
  void createSymbolicLink(Path link, String target) throws IOException;

  /** Creates {@code link} as a hard link to the file {@code existing}. */
  void createLink(Path link, Path existing) throws IOException;

  /** Renames {@code from} to {@code to} atomically, replacing a file or link at {@code to}. */
  void rename(Path from, Path to) throws IOException;

  /** Deletes one entry (a link itself, a file, or an empty directory). */
  void delete(Path path) throws IOException;
}
