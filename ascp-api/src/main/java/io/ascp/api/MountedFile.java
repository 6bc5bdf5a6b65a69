// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.api;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One file of a mount: a relative path, a mode and the bytes. The contents are copied on the way in
 * and out, and {@link #toString()} shows only the path, the mode and the length.
 *
 * @param path the path relative to the mount directory, {@code /}-separated
 * @param mode the permission bits, 0 to 0777
 * @param contents the file contents (a copy)
 */
// The array is copied in and out, and equals/hashCode/toString are overridden below.
@SuppressWarnings("ArrayRecordComponent")
public record MountedFile(String path, int mode, byte[] contents) {
  /** Checks the components and copies the contents. */
  public MountedFile {
    JmesPathEntry.requireNonEmpty(path, "path");
    if (mode < 0 || mode > 0777) {
      throw new IllegalArgumentException(
          "mode must be within 0 and 0777, got 0" + Integer.toOctalString(mode));
    }
    contents = requireNonNull(contents, "contents").clone();
  }

  /** A copy of the contents. */
  @Override
  public byte[] contents() {
    return contents.clone();
  }

  /** The contents decoded as UTF-8. */
  public String contentsAsString() {
    return new String(contents, StandardCharsets.UTF_8);
  }

  /** The number of bytes. */
  public int size() {
    return contents.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MountedFile other
        && other.path.equals(path)
        && other.mode == mode
        && Arrays.equals(other.contents, contents);
  }

  @Override
  public int hashCode() {
    return (path.hashCode() * 31 + mode) * 31 + Arrays.hashCode(contents);
  }

  @Override
  public String toString() {
    return "MountedFile{path="
        + path
        + ", mode=0"
        + Integer.toOctalString(mode)
        + ", size="
        + contents.length
        + "}";
  }
}
