// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.deploy;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The init step on real directories. As root (CI) it changes a directory's group; as another user
 * it can only use the user's own group, which the tests choose accordingly.
 */
class SocketDirectoryInitTest {
  @TempDir Path tmp;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return SocketDirectoryInit.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static int gid(Path p) throws IOException {
    return (Integer) Files.getAttribute(p, "unix:gid", NOFOLLOW_LINKS);
  }

  private static boolean root() throws IOException {
    return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
  }

  /** A group this process may give a directory: any as root, else its own. */
  private int targetGroup(Path dir) throws IOException {
    return root() ? 4242 : gid(dir);
  }

  @Test
  void givesTheGroupWriteAccessAndKeepsTheRest() throws IOException {
    Path dir = Files.createDirectory(tmp.resolve("providers"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    int group = targetGroup(dir);

    assertThat(run(dir.toString(), Integer.toString(group)))
        .as(err.toString(StandardCharsets.UTF_8))
        .isZero();

    assertThat(gid(dir)).isEqualTo(group);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwxrwxr-x");
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("now belongs to group " + group);

    out.reset();
    assertThat(run(dir.toString(), Integer.toString(group))).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("is ready for group " + group);
  }

  @Test
  void refusesADirectoryOfAnotherGroup() throws IOException {
    Path dir = Files.createDirectory(tmp.resolve("taken"));
    int other;
    if (root()) {
      Files.setAttribute(dir, "unix:gid", 4343);
      other = 4242;
    } else {
      other = gid(dir) + 1; // the directory's group is the user's own, neither root's nor this one
    }
    String before = PosixFilePermissions.toString(Files.getPosixFilePermissions(dir));
    int groupBefore = gid(dir);

    assertThat(run(dir.toString(), Integer.toString(other))).isEqualTo(1);

    assertThat(err.toString(StandardCharsets.UTF_8)).contains("refusing to take it over");
    assertThat(gid(dir)).isEqualTo(groupBefore);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo(before);
  }

  @Test
  void refusesSymbolicLinksAndMissingDirectories() throws IOException {
    Path target = Files.createDirectory(tmp.resolve("target"));
    Path link = Files.createSymbolicLink(tmp.resolve("link"), target);
    assertThat(run(link.toString(), "65532")).isEqualTo(1);
    assertThat(run(tmp.resolve("missing").toString(), "65532")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("is not a directory");
  }

  @Test
  void rejectsBadArguments() {
    assertThat(run()).isEqualTo(2);
    assertThat(run(tmp.toString())).isEqualTo(2);
    assertThat(run(tmp.toString(), "0")).isEqualTo(2);
    assertThat(run(tmp.toString(), "-5")).isEqualTo(2);
    assertThat(run(tmp.toString(), "nonroot")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("usage: SocketDirectoryInit <directory> <gid>");
  }
}
