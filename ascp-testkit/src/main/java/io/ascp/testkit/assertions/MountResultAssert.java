// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit.assertions;

import static java.util.Objects.requireNonNull;

import io.ascp.api.MountResult;
import io.ascp.api.MountedFile;
import io.ascp.api.ObjectVersion;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on a {@link MountResult}: which files a mount produced, in which order, and which
 * versions it reported. Obtain one from {@link AscpAssertions#assertThat(MountResult)}.
 *
 * <pre>{@code
 * assertThat(result)
 *     .hasExactlyFiles("db-username", "db-password")
 *     .hasNoFile("db-url")
 *     .hasVersion("db-password", v2);
 * assertThat(result).hasFile("db-password").withMode(0400).withContent("pw-2");
 * }</pre>
 *
 * <p>Failure messages show paths and versions (which are not secret), never contents.
 */
public final class MountResultAssert extends AbstractAssert<MountResultAssert, MountResult> {

  MountResultAssert(@Nullable MountResult actual) {
    super(actual, MountResultAssert.class);
  }

  /**
   * Checks that the mount produced a file at {@code path} and returns assertions on that file.
   *
   * @param path the path relative to the mount directory, as in {@link MountedFile#path()}
   */
  public MountedFileAssert hasFile(String path) {
    requireNonNull(path, "path");
    MountResult result = result();
    Optional<MountedFile> file = result.file(path);
    if (file.isEmpty()) {
      failWithMessage(
          "%s",
          "Expecting the mount to have file \""
              + path
              + "\" but its files are "
              + quoted(paths(result)));
    }
    MountedFileAssert fileAssert = new MountedFileAssert(file.orElseThrow());
    fileAssert.info.description(info.description());
    return fileAssert;
  }

  /** Checks that the mount produced no file at {@code path}. */
  public MountResultAssert hasNoFile(String path) {
    requireNonNull(path, "path");
    MountResult result = result();
    if (result.file(path).isPresent()) {
      failWithMessage(
          "%s",
          "Expecting the mount not to have file \""
              + path
              + "\" but its files are "
              + quoted(paths(result)));
    }
    return this;
  }

  /** Checks that the mount produced exactly the files at {@code paths}, in this order. */
  public MountResultAssert hasExactlyFiles(String... paths) {
    requireNonNull(paths, "paths");
    List<String> expected = Arrays.asList(paths.clone());
    expected.forEach(p -> requireNonNull(p, "paths[]"));
    MountResult result = result();
    List<String> actualPaths = paths(result);
    if (!actualPaths.equals(expected)) {
      failWithMessage(
          "%s",
          "Expecting the mount to have exactly the files "
              + quoted(expected)
              + ", in this order, but its files are "
              + quoted(actualPaths));
    }
    return this;
  }

  /**
   * Checks that the mount reported {@code version} for the file {@code id}: a Secrets Manager
   * {@code VersionId} or an SSM version number.
   */
  public MountResultAssert hasVersion(String id, String version) {
    requireNonNull(id, "id");
    requireNonNull(version, "version");
    MountResult result = result();
    Optional<ObjectVersion> reported =
        result.versions().stream().filter(v -> v.id().equals(id)).findFirst();
    if (reported.isEmpty()) {
      failWithMessage(
          "%s",
          "Expecting the mount to report version \""
              + version
              + "\" of \""
              + id
              + "\" but it reports no version of it; versions: "
              + versions(result));
    } else if (!reported.get().version().equals(version)) {
      failWithMessage(
          "%s",
          "Expecting the mount to report version \""
              + version
              + "\" of \""
              + id
              + "\" but it reports \""
              + reported.get().version()
              + "\"");
    }
    return this;
  }

  private MountResult result() {
    isNotNull();
    return requireNonNull(actual);
  }

  private static List<String> paths(MountResult result) {
    return result.files().stream().map(MountedFile::path).toList();
  }

  private static String quoted(List<String> values) {
    return values.stream()
        .map(v -> "\"" + v + "\"")
        .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
  }

  private static String versions(MountResult result) {
    return result.versions().stream()
        .map(v -> v.id() + "=" + v.version())
        .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
  }
}
