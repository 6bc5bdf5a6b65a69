// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.ascp.api.MountedFile;
import io.ascp.csi.v1alpha1.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The driver's rules for the files of a Mount response. */
class DriverPayloadWriterTest {
  @TempDir Path target;

  private final DriverPayloadWriter writer = new DriverPayloadWriter();

  private static File file(String path, int mode, String contents) {
    return File.newBuilder()
        .setPath(path)
        .setMode(mode)
        .setContents(ByteString.copyFrom(contents, UTF_8))
        .build();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''|invalid path: must not be empty: \"\"",
        "/etc/passwd|invalid path: must be relative path: /etc/passwd",
        "a/../b|invalid path: must not contain '..': a/../b",
        "..|invalid path: must not contain '..': ..",
        "..data/x|invalid path: must not start with '..': ..data/x",
        "./a|invalid filepath: \"./a\"",
        "a/|invalid filepath: \"a/\"",
        "a//b|invalid filepath: \"a//b\"",
      })
  void badPathsFailWithTheDriversMessages(String path, String message) {
    assertThatThrownBy(() -> writer.write(target, List.of(file(path, 0644, "x"))))
        .isInstanceOf(DriverPayloadWriter.WriteException.class)
        .hasMessage(message);
  }

  @Test
  void lengthLimitsAreTheDrivers() {
    assertThatThrownBy(() -> writer.write(target, List.of(file("a".repeat(256), 0644, "x"))))
        .hasMessage("invalid path: filenames must be less than or equal to 255 characters");
    String longPath = ("d".repeat(200) + "/").repeat(21) + "f";
    assertThatThrownBy(() -> writer.write(target, List.of(file(longPath, 0644, "x"))))
        .hasMessage("invalid path: must be less than or equal to 4096 characters");
  }

  @Test
  void cleanIsGosFilepathClean() {
    assertThat(DriverPayloadWriter.clean("")).isEqualTo(".");
    assertThat(DriverPayloadWriter.clean("a/./b//c/")).isEqualTo("a/b/c");
    assertThat(DriverPayloadWriter.clean("a/../../b")).isEqualTo("../b");
    assertThat(DriverPayloadWriter.clean("/../a")).isEqualTo("/a");
  }

  @Test
  void writesTheLayoutMasksModesAndKeepsTheLastOfARepeatedPath() throws Exception {
    boolean written =
        writer.write(
            target,
            List.of(
                file("a", 0644, "first"), file("dir/b", 04750, "b"), file("a", 0600, "second")));
    assertThat(written).isTrue();
    assertThat(Files.readSymbolicLink(target.resolve("a")).toString()).isEqualTo("..data/a");
    assertThat(MountedFiles.read(target))
        .containsExactly(
            new MountedFile("a", 0600, "second".getBytes(UTF_8)),
            new MountedFile("dir/b", 0750, "b".getBytes(UTF_8)));
  }

  @Test
  void unchangedContentsAreANoOpEvenWhenOnlyTheModeChanged() throws Exception {
    writer.write(target, List.of(file("a", 0644, "v1"), file("b", 0644, "v1")));
    Path data = Files.readSymbolicLink(target.resolve("..data"));

    assertThat(writer.write(target, List.of(file("a", 0600, "v1"), file("b", 0644, "v1"))))
        .isFalse();
    assertThat(Files.readSymbolicLink(target.resolve("..data"))).isEqualTo(data);

    assertThat(writer.write(target, List.of(file("a", 0644, "v2"), file("b", 0644, "v1"))))
        .isTrue();
    assertThat(Files.readSymbolicLink(target.resolve("..data"))).isNotEqualTo(data);
    assertThat(MountedFiles.readString(target, "a")).isEqualTo("v2");
  }

  @Test
  void aFileMissingFromThePayloadIsRemoved() throws Exception {
    writer.write(target, List.of(file("a", 0644, "v1"), file("dir/b", 0644, "v1")));
    assertThat(writer.write(target, List.of(file("a", 0644, "v1")))).isTrue();
    assertThat(MountedFiles.read(target)).extracting(MountedFile::path).containsExactly("a");
    assertThat(Files.exists(target.resolve("dir"))).isFalse();
  }

  @Test
  void aPlainFileAnOlderProviderWroteIsReplaced() throws Exception {
    Files.writeString(target.resolve("a"), "written by the provider");
    assertThat(writer.write(target, List.of(file("a", 0644, "from the driver")))).isTrue();
    assertThat(Files.isSymbolicLink(target.resolve("a"))).isTrue();
    assertThat(MountedFiles.readString(target, "a")).isEqualTo("from the driver");
  }

  @Test
  void aMissingTargetIsAWriteError() {
    Path missing = target.resolve("missing");
    assertThatThrownBy(() -> writer.write(missing, List.of(file("a", 0644, "x"))))
        .isInstanceOf(DriverPayloadWriter.WriteException.class)
        .hasMessageContaining("no such file or directory");
  }
}
