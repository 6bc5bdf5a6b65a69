// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@link FileOps} that records every step and makes step number {@code failAt} fail: either that
 * step only ({@link Mode#FAIL}), or that step and every later one, as if the process had died there
 * ({@link Mode#CRASH}: nothing more reaches the file system, cleanup included).
 */
final class FaultInjectingFileOps implements FileOps {
  enum Mode {
    FAIL,
    CRASH
  }

  private final FileOps delegate;
  private final Path root;
  private final int failAt;
  private final Mode mode;
  private final List<String> log = new ArrayList<>();
  private boolean crashed;

  FaultInjectingFileOps(Path root, int failAt, Mode mode) {
    this(DefaultFileOps.INSTANCE, root, failAt, mode);
  }

  FaultInjectingFileOps(FileOps delegate, Path root, int failAt, Mode mode) {
    this.delegate = delegate;
    this.root = root;
    this.failAt = failAt;
    this.mode = mode;
  }

  /** A recorder that never fails. */
  static FaultInjectingFileOps recorder(Path root) {
    return new FaultInjectingFileOps(root, -1, Mode.FAIL);
  }

  /** A recorder that never fails and forces nothing to the device. */
  static FaultInjectingFileOps fastRecorder(Path root) {
    return new FaultInjectingFileOps(NoSyncFileOps.INSTANCE, root, -1, Mode.FAIL);
  }

  List<String> log() {
    return log;
  }

  private void step(String op, Path path) throws IOException {
    int index = log.size();
    log.add(op + " " + root.relativize(path));
    if (crashed || index == failAt) {
      crashed = mode == Mode.CRASH;
      throw new IOException("injected failure at step " + index + " (" + op + ")");
    }
  }

  @Override
  public Optional<BasicFileAttributes> stat(Path path) throws IOException {
    step("stat", path);
    return delegate.stat(path);
  }

  @Override
  public boolean isDirectory(Path path) throws IOException {
    step("isDirectory", path);
    return delegate.isDirectory(path);
  }

  @Override
  public List<String> list(Path dir) throws IOException {
    step("list", dir);
    return delegate.list(dir);
  }

  @Override
  public String readSymbolicLink(Path link) throws IOException {
    step("readSymbolicLink", link);
    return delegate.readSymbolicLink(link);
  }

  @Override
  public void createDirectory(Path dir) throws IOException {
    step("createDirectory", dir);
    delegate.createDirectory(dir);
  }

  @Override
  public void createFile(Path file, byte[] contents) throws IOException {
    step("createFile", file);
    delegate.createFile(file, contents);
  }

  @Override
  public void setMode(Path path, int mode) throws IOException {
    step("setMode", path);
    delegate.setMode(path, mode);
  }

  @Override
  public void syncDirectory(Path dir) throws IOException {
    step("syncDirectory", dir);
    delegate.syncDirectory(dir);
  }

  @Override
  public void createSymbolicLink(Path link, String target) throws IOException {
    step("createSymbolicLink", link);
    delegate.createSymbolicLink(link, target);
  }

  @Override
  public void createLink(Path link, Path existing) throws IOException {
    step("createLink", link);
    delegate.createLink(link, existing);
  }

  @Override
  public void rename(Path from, Path to) throws IOException {
    step("rename", from);
    log.set(log.size() - 1, "rename " + root.relativize(from) + " -> " + root.relativize(to));
    delegate.rename(from, to);
  }

  @Override
  public void delete(Path path) throws IOException {
    step("delete", path);
    delegate.delete(path);
  }
}
