// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.ascp.api.MountedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Run in a child JVM under a restrictive umask by {@link AtomicDirectoryWriterTest}: creates a
 * control file the ordinary way (so the test can see the umask was in effect), then writes a set
 * with the writer.
 */
public final class UmaskProbe {
  private UmaskProbe() {}

  /** {@code args[0]}: the target directory; {@code args[1]}: the control file. */
  public static void main(String[] args) throws IOException {
    Path target = Path.of(args[0]);
    Files.createFile(Path.of(args[1]));
    AtomicDirectoryWriter.create(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))
        .write(
            target,
            List.of(
                new MountedFile("public", 0644, "p".getBytes(UTF_8)),
                new MountedFile("private", 0400, "s".getBytes(UTF_8)),
                new MountedFile("all", 0777, "a".getBytes(UTF_8)),
                new MountedFile("dir/nested", 0640, "n".getBytes(UTF_8))));
  }
}
