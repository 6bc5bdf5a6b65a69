// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

/**
 * The default file operations without forcing anything to the device: for tests that run hundreds
 * of writes to check ordering, not durability.
 */
enum NoSyncFileOps implements FileOps {
  INSTANCE;

  private static final FileOps D = DefaultFileOps.INSTANCE;

  @Override
  public Optional<BasicFileAttributes> stat(Path path) throws IOException {
    return D.stat(path);
  }

  @Override
  public boolean isDirectory(Path path) throws IOException {
    return D.isDirectory(path);
  }

  @Override
  public List<String> list(Path dir) throws IOException {
    return D.list(dir);
  }

  @Override
  public String readSymbolicLink(Path link) throws IOException {
    return D.readSymbolicLink(link);
  }

  @Override
  public void createDirectory(Path dir) throws IOException {
    D.createDirectory(dir);
  }

  @Override
  public void createFile(Path file, byte[] contents) throws IOException {
    Files.write(
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
        contents,
        StandardOpenOption.WRITE,
        LinkOption.NOFOLLOW_LINKS);
  }

  @Override
  public void setMode(Path path, int mode) throws IOException {
    D.setMode(path, mode);
  }

  @Override
  public void syncDirectory(Path dir) {}

  @Override
  public void createSymbolicLink(Path link, String target) throws IOException {
    D.createSymbolicLink(link, target);
  }

  @Override
  public void createLink(Path link, Path existing) throws IOException {
    D.createLink(link, existing);
  }

  @Override
  public void rename(Path from, Path to) throws IOException {
    D.rename(from, to);
  }

  @Override
  public void delete(Path path) throws IOException {
    D.delete(path);
  }
}
