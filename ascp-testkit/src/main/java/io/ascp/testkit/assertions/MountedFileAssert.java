// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit.assertions;

import static java.util.Objects.requireNonNull;

import io.ascp.api.MountedFile;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on one {@link MountedFile}: its path, mode, size and contents. Obtain one from {@link
 * AscpAssertions#assertThat(MountedFile)} or {@link MountResultAssert#hasFile(String)}.
 *
 * <pre>{@code
 * assertThat(result).hasFile("db-password").withMode(0400).withContent("pw-2");
 * }</pre>
 *
 * <p>A failed content check names the file and gives the length and a SHA-256 fingerprint of the
 * expected and the actual contents and the offset of the first difference, never the contents. The
 * {@code with…} methods are the {@code has…} methods under names that read on after {@code
 * hasFile}.
 */
public final class MountedFileAssert extends AbstractAssert<MountedFileAssert, MountedFile> {

  MountedFileAssert(@Nullable MountedFile actual) {
    super(actual, MountedFileAssert.class);
  }

  /** Checks that the file's path is {@code path}. */
  public MountedFileAssert hasPath(String path) {
    requireNonNull(path, "path");
    MountedFile file = file();
    if (!file.path().equals(path)) {
      failWithMessage("%s", "Expecting file \"" + file.path() + "\" to have path \"" + path + "\"");
    }
    return this;
  }

  /**
   * Checks that the file's permission bits are {@code mode} (an octal literal such as {@code
   * 0640}); a failure shows both modes in octal.
   */
  public MountedFileAssert hasMode(int mode) {
    MountedFile file = file();
    if (file.mode() != mode) {
      failWithMessage(
          "%s",
          "Expecting file \""
              + file.path()
              + "\" to have mode "
              + octal(mode)
              + " but it has mode "
              + octal(file.mode()));
    }
    return this;
  }

  /** Checks that the file holds {@code bytes} bytes. */
  public MountedFileAssert hasSize(int bytes) {
    MountedFile file = file();
    if (file.size() != bytes) {
      failWithMessage(
          "%s",
          "Expecting file \""
              + file.path()
              + "\" to have "
              + Fingerprint.size(bytes)
              + " but it has "
              + Fingerprint.size(file.size()));
    }
    return this;
  }

  /** Checks that the file holds exactly the UTF-8 encoding of {@code content}. */
  public MountedFileAssert hasContent(String content) {
    requireNonNull(content, "content");
    return hasContent(content.getBytes(StandardCharsets.UTF_8));
  }

  /** Checks that the file holds exactly {@code content}, byte for byte. */
  public MountedFileAssert hasContent(byte[] content) {
    requireNonNull(content, "content");
    MountedFile file = file();
    byte[] actualBytes = file.contents();
    int difference = Fingerprint.firstDifference(actualBytes, content);
    if (difference >= 0) {
      failWithMessage(
          "%s",
          "Expecting file \""
              + file.path()
              + "\" to have the expected content ("
              + Fingerprint.of(content)
              + ") but it has "
              + Fingerprint.of(actualBytes)
              + "; first difference at byte "
              + difference
              + " (contents are not shown: they may be secret)");
    }
    return this;
  }

  /** The same as {@link #hasMode(int)}. */
  public MountedFileAssert withMode(int mode) {
    return hasMode(mode);
  }

  /** The same as {@link #hasSize(int)}. */
  public MountedFileAssert withSize(int bytes) {
    return hasSize(bytes);
  }

  /** The same as {@link #hasContent(String)}. */
  public MountedFileAssert withContent(String content) {
    return hasContent(content);
  }

  /** The same as {@link #hasContent(byte[])}. */
  public MountedFileAssert withContent(byte[] content) {
    return hasContent(content);
  }

  private MountedFile file() {
    isNotNull();
    return requireNonNull(actual);
  }

  static String octal(int mode) {
    return mode == 0 ? "0" : "0" + Integer.toOctalString(mode);
  }
}
