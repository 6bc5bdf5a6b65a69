// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.cli;

import io.ascp.api.MountResult;
import io.ascp.api.MountedFile;
import io.ascp.api.ObjectVersion;
import io.ascp.core.FilePlan;
import io.ascp.core.SecretProviderClassManifest;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Tables the {@code validate} and {@code mount} commands print; never a file's contents. */
final class Output {
  private Output() {}

  static String name(SecretProviderClassManifest spc) {
    return spc.name().isEmpty() ? "(unnamed)" : spc.name();
  }

  static void printPlan(PrintWriter out, List<FilePlan> files) {
    out.printf("  %-4s  %-14s  %s%n", "MODE", "TYPE", "PATH  <-  OBJECT [JMESPATH]");
    for (FilePlan file : files) {
      out.printf(
          Locale.ROOT,
          "  %s  %-14s  %s  <-  %s%s%n",
          mode(file.mode()),
          file.objectType(),
          file.path(),
          file.objectName(),
          file.jmesPath().map(p -> " [" + p + "]").orElse(""));
    }
  }

  static void printResult(PrintWriter out, MountResult result) {
    Map<String, String> versions = new HashMap<>();
    for (ObjectVersion version : result.versions()) {
      versions.put(version.id(), version.version());
    }
    out.printf("  %-4s  %8s  %-36s  %s%n", "MODE", "BYTES", "VERSION", "PATH");
    for (MountedFile file : result.files()) {
      out.printf(
          Locale.ROOT,
          "  %s  %8d  %-36s  %s%n",
          mode(file.mode()),
          file.size(),
          versions.getOrDefault(file.path(), ""),
          file.path());
    }
  }

  private static String mode(int mode) {
    return String.format(Locale.ROOT, "%05o", mode).substring(1);
  }
}
