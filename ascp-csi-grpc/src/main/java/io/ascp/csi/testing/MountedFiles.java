// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.testing;

import static java.util.Objects.requireNonNull;

import io.ascp.api.MountedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads the files a pod sees in a mounted volume, as the CSI driver reads them for the Secret sync
 * ({@code fileutil.GetMountedFiles}): every top-level entry whose name does not start with {@code
 * ..}, a link followed once (into {@code ..data}), then every regular file below it; keys are
 * {@code /}-separated paths relative to the target.
 */
public final class MountedFiles {
  private MountedFiles() {}

  /**
   * The files of the volume at {@code targetPath}, sorted by path, with their permission bits.
   *
   * @throws UncheckedIOException when the directory cannot be read
   */
  public static List<MountedFile> read(Path targetPath) {
    requireNonNull(targetPath, "targetPath");
    List<MountedFile> files = new ArrayList<>();
    try (Stream<Path> entries = Files.list(targetPath)) {
      for (Path entry : (Iterable<Path>) entries.sorted()::iterator) {
        String base = entry.getFileName().toString();
        if (base.startsWith("..")) {
          continue;
        }
        Path root = entry;
        if (Files.isSymbolicLink(entry)) {
          root = targetPath.resolve(Files.readSymbolicLink(entry));
        }
        collect(files, root, base);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    files.sort(Comparator.comparing(MountedFile::path));
    return List.copyOf(files);
  }

  /**
   * The contents of one file of the volume, decoded as UTF-8.
   *
   * @param path the file's path relative to the target, e.g. {@code db-user}
   * @throws IllegalArgumentException when the volume has no such file
   */
  public static String readString(Path targetPath, String path) {
    requireNonNull(path, "path");
    for (MountedFile f : read(targetPath)) {
      if (f.path().equals(path)) {
        return f.contentsAsString();
      }
    }
    throw new IllegalArgumentException("the volume at " + targetPath + " has no file " + path);
  }

  private static void collect(List<MountedFile> files, Path root, String base) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        String rel = root.relativize(p).toString();
        String path = rel.isEmpty() ? base : base + "/" + rel;
        files.add(new MountedFile(path, mode(p), Files.readAllBytes(p)));
      }
    }
  }

  private static int mode(Path p) throws IOException {
    Set<PosixFilePermission> permissions =
        Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
    int mode = 0;
    for (PosixFilePermission permission : permissions) {
      mode |= bit(permission);
    }
    return mode;
  }

  private static int bit(PosixFilePermission permission) {
    return switch (permission) {
      case OWNER_READ -> 0400;
      case OWNER_WRITE -> 0200;
      case OWNER_EXECUTE -> 0100;
      case GROUP_READ -> 040;
      case GROUP_WRITE -> 020;
      case GROUP_EXECUTE -> 010;
      case OTHERS_READ -> 04;
      case OTHERS_WRITE -> 02;
      case OTHERS_EXECUTE -> 01;
    };
  }
}
