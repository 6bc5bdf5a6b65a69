// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.ascp.api.AscpException;
import io.ascp.api.MountedFile;
import io.ascp.core.AtomicDirectoryWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Writes the files of a Mount response into the target directory as the CSI driver v1.6 does
 * ({@code fileutil.WritePayloads}): the driver's path validation with its messages, the cleanup of
 * plain files an older provider wrote, and kubelet's atomic writer, including its no-op when every
 * file's contents are unchanged and nothing is to be removed.
 *
 * <p>The write itself is ascp-core's {@link AtomicDirectoryWriter}, which has the same layout
 * ({@code ..<timestamp>} directory, {@code ..data} swapped by renaming {@code ..data_tmp},
 * top-level links, paths missing from the payload removed). Where the two differ, see {@code
 * docs/simulator.md}: core refuses control characters and a path that is both a file and a
 * directory (the driver would write or fail later), names its directory with nanoseconds instead of
 * a random suffix, creates subdirectories with mode 0755 instead of 0777 minus the umask, and
 * removes foreign entries of the target that the driver would leave.
 */
final class DriverPayloadWriter {
  private static final int MAX_FILE_NAME_LENGTH = 255;
  private static final int MAX_PATH_LENGTH = 4096;
  private static final String DATA_DIR = "..data";

  private final AtomicDirectoryWriter writer = AtomicDirectoryWriter.create();

  /** A write failure, with the driver's message. */
  static final class WriteException extends Exception {
    private static final long serialVersionUID = 1L;

    WriteException(String message) {
      super(message);
    }
  }

  /**
   * Writes {@code payload} into {@code target}.
   *
   * @return whether the target's contents were replaced (false: the atomic writer's no-op)
   * @throws WriteException when a path is invalid or the file system failed
   */
  boolean write(Path target, List<io.ascp.csi.v1alpha1.File> payload) throws WriteException {
    for (io.ascp.csi.v1alpha1.File file : payload) {
      validatePath(file.getPath());
      if (!clean(file.getPath()).equals(file.getPath())) {
        throw new WriteException("invalid filepath: " + goQuote(file.getPath()));
      }
    }
    // Go builds a map from the list: a repeated path keeps its last file. chmod applies the
    // permission bits only; the driver does not range-check the mode.
    Map<String, MountedFile> files = new LinkedHashMap<>();
    for (io.ascp.csi.v1alpha1.File file : payload) {
      files.remove(file.getPath());
      files.put(
          file.getPath(),
          new MountedFile(file.getPath(), file.getMode() & 0777, file.getContents().toByteArray()));
    }
    if (target.toString().isEmpty() || !Files.isDirectory(target)) {
      throw new WriteException("stat " + target + ": no such file or directory");
    }
    try {
      cleanupProviderFiles(target, files.keySet());
      Optional<Path> oldDataDir = currentDataDirectory(target);
      if (oldDataDir.isPresent()
          && pathsToRemove(files.keySet(), oldDataDir.get()).isEmpty()
          && !shouldWritePayload(files, oldDataDir.get())) {
        return false;
      }
    } catch (IOException e) {
      throw new WriteException(ioMessage(e));
    }
    try {
      writer.write(target, new ArrayList<>(files.values()));
    } catch (AscpException e) {
      throw new WriteException(e.getMessage());
    }
    return true;
  }

  /** kubelet's {@code validatePath}, with its messages. */
  static void validatePath(String path) throws WriteException {
    if (path.isEmpty()) {
      throw new WriteException("invalid path: must not be empty: " + goQuote(path));
    }
    if (path.startsWith("/")) {
      throw new WriteException("invalid path: must be relative path: " + path);
    }
    if (path.getBytes(UTF_8).length > MAX_PATH_LENGTH) {
      throw new WriteException(
          "invalid path: must be less than or equal to " + MAX_PATH_LENGTH + " characters");
    }
    String[] items = path.split("/", -1);
    for (String item : items) {
      if (item.equals("..")) {
        throw new WriteException("invalid path: must not contain '..': " + path);
      }
      if (item.getBytes(UTF_8).length > MAX_FILE_NAME_LENGTH) {
        throw new WriteException(
            "invalid path: filenames must be less than or equal to "
                + MAX_FILE_NAME_LENGTH
                + " characters");
      }
    }
    if (items[0].startsWith("..") && items[0].length() > 2) {
      throw new WriteException("invalid path: must not start with '..': " + path);
    }
  }

  /** Go's {@code filepath.Clean} for {@code /}-separated paths. */
  static String clean(String path) {
    if (path.isEmpty()) {
      return ".";
    }
    boolean rooted = path.startsWith("/");
    List<String> out = new ArrayList<>();
    for (String element : path.split("/", -1)) {
      if (element.isEmpty() || element.equals(".")) {
        continue;
      }
      if (element.equals("..")) {
        if (!out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
          out.remove(out.size() - 1);
        } else if (!rooted) {
          out.add("..");
        }
        continue;
      }
      out.add(element);
    }
    String joined = (rooted ? "/" : "") + String.join("/", out);
    return joined.isEmpty() ? "." : joined;
  }

  /**
   * The driver's {@code cleanupProviderFiles}: the first element of every payload path that exists
   * in the target as something other than a link was written there directly by an older provider,
   * and is deleted.
   */
  private static void cleanupProviderFiles(Path target, Set<String> paths) throws IOException {
    for (String path : paths) {
      int slash = path.indexOf('/');
      Path first = target.resolve(slash < 0 ? path : path.substring(0, slash));
      if (Files.exists(first, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(first)) {
        deleteTree(first);
      }
    }
  }

  private static Optional<Path> currentDataDirectory(Path target) throws IOException {
    Path data = target.resolve(DATA_DIR);
    if (!Files.isSymbolicLink(data)) {
      return Optional.empty();
    }
    return Optional.of(target.resolve(Files.readSymbolicLink(data)));
  }

  /** The atomic writer's {@code pathsToRemove}: paths of the old version not in the payload. */
  private static Set<String> pathsToRemove(Set<String> payload, Path oldDataDir)
      throws IOException {
    Set<String> old = new TreeSet<>();
    if (!Files.isDirectory(oldDataDir)) {
      return old;
    }
    try (Stream<Path> walk = Files.walk(oldDataDir)) {
      walk.filter(p -> !p.equals(oldDataDir))
          .forEach(p -> old.add(oldDataDir.relativize(p).toString()));
    }
    Set<String> keep = new TreeSet<>();
    for (String file : payload) {
      for (String sub = file; !sub.isEmpty(); ) {
        keep.add(sub);
        int slash = sub.lastIndexOf('/');
        sub = slash < 0 ? "" : sub.substring(0, slash);
      }
    }
    old.removeAll(keep);
    return old;
  }

  /** The atomic writer's {@code shouldWritePayload}: a file is missing or its bytes differ. */
  private static boolean shouldWritePayload(Map<String, MountedFile> payload, Path oldDataDir)
      throws IOException {
    for (MountedFile file : payload.values()) {
      Path onDisk = oldDataDir.resolve(file.path());
      if (!Files.exists(onDisk, LinkOption.NOFOLLOW_LINKS)) {
        return true;
      }
      if (!Arrays.equals(Files.readAllBytes(onDisk), file.contents())) {
        return true;
      }
    }
    return false;
  }

  static void deleteTree(Path path) throws IOException {
    if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      try (Stream<Path> children = Files.list(path)) {
        for (Path child : (Iterable<Path>) children::iterator) {
          deleteTree(child);
        }
      }
    }
    Files.deleteIfExists(path);
  }

  private static String ioMessage(IOException e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  /** Go's {@code %q} for the characters a path may hold. */
  static String goQuote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            String hex = Integer.toHexString(c);
            out.append("\\x").append(hex.length() == 1 ? "0" : "").append(hex);
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
