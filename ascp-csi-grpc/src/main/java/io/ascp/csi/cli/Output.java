// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.ascp.api.MountResult;
import io.ascp.api.MountedFile;
import io.ascp.api.ObjectVersion;
import io.ascp.core.FilePlan;
import io.ascp.core.SecretProviderClassManifest;
import io.ascp.core.SecretProviderClassManifest.KubernetesSecret;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Tables the commands print. Only {@code quickstart} prints contents ({@link #printWithContents}),
 * and only of its demo store; every other table shows names, modes, sizes and versions.
 */
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

  static void printSecretObjects(PrintWriter out, List<KubernetesSecret> secrets) {
    out.printf("  %s%n", "SECRET OBJECT (TYPE)  KEY  <-  FILE");
    for (KubernetesSecret secret : secrets) {
      String name = secret.secretName().strip();
      String head = (name.isEmpty() ? "\"\"" : name) + " (" + secret.type().strip() + ")";
      if (secret.data().isEmpty()) {
        out.printf("  %s%n", head);
      }
      for (KubernetesSecret.Data data : secret.data()) {
        out.printf("  %s  %s  <-  %s%n", head, data.key().strip(), data.objectName().strip());
      }
    }
  }

  static void printResult(PrintWriter out, MountResult result) {
    Map<String, String> versions = versions(result);
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

  /**
   * What changed from {@code previous} to {@code current}: files added, removed, or with another
   * version, mode or contents (never the contents themselves).
   */
  static void printChanges(PrintWriter out, @Nullable MountResult previous, MountResult current) {
    Map<String, MountedFile> before = new LinkedHashMap<>();
    Map<String, String> beforeVersions = new TreeMap<>();
    if (previous != null) {
      previous.files().forEach(f -> before.put(f.path(), f));
      beforeVersions.putAll(versions(previous));
    }
    Map<String, String> afterVersions = versions(current);
    StringBuilder lines = new StringBuilder();
    int changed = 0;
    for (MountedFile file : current.files()) {
      MountedFile old = before.remove(file.path());
      String version = afterVersions.getOrDefault(file.path(), "");
      if (old == null) {
        changed++;
        lines.append(
            String.format(Locale.ROOT, "  added    %s  version %s%n", file.path(), version));
        continue;
      }
      String oldVersion = beforeVersions.getOrDefault(file.path(), "");
      StringBuilder what = new StringBuilder();
      if (!oldVersion.equals(version)) {
        what.append("  version ").append(oldVersion).append(" -> ").append(version);
      }
      if (old.mode() != file.mode()) {
        what.append("  mode ").append(mode(old.mode())).append(" -> ").append(mode(file.mode()));
      }
      if (!Arrays.equals(old.contents(), file.contents())) {
        what.append("  contents");
      }
      if (what.length() > 0) {
        changed++;
        lines.append("  changed  ").append(file.path()).append(what).append(System.lineSeparator());
      }
    }
    for (String path : before.keySet()) {
      changed++;
      lines.append("  removed  ").append(path).append(System.lineSeparator());
    }
    out.printf(
        "Refreshed: %d of %d files changed%n", changed, current.files().size() + before.size());
    out.print(lines);
  }

  /**
   * The files with their contents: only for {@code quickstart}, whose store holds demo values. Text
   * is printed as is (one line, escaped); other bytes as a size and base64.
   */
  static void printWithContents(
      PrintWriter out, List<MountedFile> files, List<ObjectVersion> objectVersions) {
    Map<String, String> versions = new TreeMap<>();
    objectVersions.forEach(v -> versions.put(v.id(), v.version()));
    out.printf("  %-4s  %-36s  %-19s  %s%n", "MODE", "VERSION", "PATH", "CONTENTS");
    for (MountedFile file : files) {
      out.printf(
          Locale.ROOT,
          "  %s  %-36s  %-19s  %s%n",
          mode(file.mode()),
          versions.getOrDefault(file.path(), ""),
          file.path(),
          contents(file.contents()));
    }
  }

  /** Demo contents for display: printable UTF-8 as is, anything else as its size and base64. */
  static String contents(byte[] bytes) {
    String text = new String(bytes, UTF_8);
    boolean printable =
        Arrays.equals(text.getBytes(UTF_8), bytes)
            && text.codePoints()
                .allMatch(c -> c >= 0x20 && c != 0x7f && !Character.isISOControl(c));
    if (printable) {
      return text;
    }
    return "(" + bytes.length + " bytes, base64 " + Base64.getEncoder().encodeToString(bytes) + ")";
  }

  private static Map<String, String> versions(MountResult result) {
    Map<String, String> versions = new TreeMap<>();
    for (ObjectVersion version : result.versions()) {
      versions.put(version.id(), version.version());
    }
    return versions;
  }

  static String mode(int mode) {
    return String.format(Locale.ROOT, "%05o", mode).substring(1);
  }
}
