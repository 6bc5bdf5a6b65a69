// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.cli;

import io.ascp.api.AscpException;
import io.ascp.api.JmesPathEntry;
import io.ascp.api.MountRequest;
import io.ascp.api.SecretObject;
import io.ascp.core.AttributeKeys;
import io.ascp.core.FilePlan;
import io.ascp.core.ParameterParser;
import io.ascp.core.SecretMounter;
import io.ascp.core.SecretProviderClassManifest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code validate}: checks every {@code SecretProviderClass} of the given manifests offline, with
 * the provider's rules and messages (the reference's order; the first error of the parameters is
 * reported, as a Mount reports it), checks {@code secretObjects} against the files the class
 * produces ({@link SecretObjectsCheck}), and lists the files with their modes. Fetches nothing and
 * reads no environment variable.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    versionProvider = ProviderCommand.Version.class,
    sortOptions = false,
    description = {
      "Checks SecretProviderClass manifests offline, as the provider and the CSI driver would"
          + " (same rules, same messages), and lists the files each class produces, with their"
          + " modes. Every SecretProviderClass of every file is checked; other kinds are skipped."
          + " Fetches nothing.",
      "Exit status: 0 when every class is valid (warnings allowed), 1 when a class is invalid or"
          + " a file cannot be read, 2 for a bad command line."
    })
final class ValidateCommand implements Callable<Integer> {
  @Parameters(
      arity = "1..*",
      paramLabel = "SPC_FILE",
      description = "Kubernetes manifests holding SecretProviderClasses.")
  List<Path> files = new ArrayList<>();

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description =
          "The primary region of classes without a region parameter (as the provider's AWS_REGION"
              + " or the node's region would be); it checks the regions of ARNs. Without either,"
              + " that rule is skipped with a warning.")
  @Nullable String region;

  @Spec CommandSpec spec;

  ValidateCommand() {
    this.spec = CommandSpec.create();
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    // Only errors from the libraries; this command reports warnings itself.
    new LogSettings(LogSettings.Level.ERROR, LogSettings.Format.TEXT).apply();
    Tally tally = new Tally();
    for (Path file : files) {
      List<SecretProviderClassManifest> classes;
      try {
        classes = SecretProviderClassManifest.readAll(file);
      } catch (AscpException e) {
        err.println("error: " + e.getMessage());
        tally.unreadable++;
        continue;
      }
      if (classes.isEmpty()) {
        err.println(
            "error: Invalid SecretProviderClass manifest "
                + file
                + ": no SecretProviderClass (kind: SecretProviderClass) in the file");
        tally.unreadable++;
        continue;
      }
      for (SecretProviderClassManifest spc : classes) {
        check(spc, file, out, err, tally);
      }
    }
    out.printf(
        "Checked %s in %s: %d valid, %d invalid, %s%s%n",
        count(tally.classes, "SecretProviderClass", "SecretProviderClasses"),
        count(files.size(), "file", "files"),
        tally.valid,
        tally.classes - tally.valid,
        count(tally.warnings, "warning", "warnings"),
        tally.unreadable == 0
            ? ""
            : ", " + count(tally.unreadable, "unreadable file", "unreadable files"));
    out.flush();
    err.flush();
    return tally.valid == tally.classes && tally.unreadable == 0 ? 0 : 1;
  }

  private static final class Tally {
    int classes;
    int valid;
    int warnings;
    int unreadable;
  }

  private void check(
      SecretProviderClassManifest spc, Path file, PrintWriter out, PrintWriter err, Tally tally) {
    String who = "SecretProviderClass " + Output.name(spc) + " in " + file;
    List<SecretObjectsCheck.Finding> findings = new ArrayList<>();
    if (!spc.provider().equals("aws")) {
      warning(
          findings,
          "spec.provider is "
              + SecretObjectsCheck.quote(spc.provider())
              + ", not \"aws\": this provider never receives the class");
    }
    Optional<String> primary =
        Optional.ofNullable(spc.parameters().get(AttributeKeys.REGION))
            .filter(r -> !r.isEmpty())
            .or(() -> Optional.ofNullable(region).filter(r -> !r.isEmpty()));
    if (primary.isEmpty()) {
      warning(
          findings,
          "no region parameter and no --region: the regions of ARNs in objectName are not"
              + " checked");
    }
    Optional<List<FilePlan>> plan = Optional.empty();
    int objectCount = 0;
    try {
      List<SecretObject> objects = ParameterParser.parseObjects(spc.parameters(), primary);
      objectCount = objects.size();
      plan =
          Optional.of(
              SecretMounter.plan(
                  objects,
                  ParameterParser.parsePathTranslation(
                      spc.parameters().getOrDefault(AttributeKeys.PATH_TRANSLATION, "")),
                  MountRequest.DEFAULT_FILE_MODE));
      maskedPermissions(objects).forEach(w -> warning(findings, w));
    } catch (AscpException e) {
      findings.add(
          new SecretObjectsCheck.Finding(
              SecretObjectsCheck.Severity.ERROR, String.valueOf(e.getMessage())));
    }
    Optional<Set<String>> paths =
        plan.map(
            files -> {
              Set<String> set = new HashSet<>();
              files.forEach(f -> set.add(f.path()));
              return set;
            });
    findings.addAll(SecretObjectsCheck.check(spc.secretObjects(), paths));

    long errors =
        findings.stream().filter(f -> f.severity() == SecretObjectsCheck.Severity.ERROR).count();
    tally.classes++;
    tally.warnings += (int) (findings.size() - errors);
    if (errors == 0) {
      tally.valid++;
      List<FilePlan> files = plan.orElseThrow();
      out.printf(
          "%s is valid: %s, %s, %s%s%n",
          who,
          count(objectCount, "object", "objects"),
          count(files.size(), "file", "files"),
          primary.map(r -> "region " + r).orElse("no region"),
          failover(spc).map(f -> ", failover region " + f).orElse(""));
    } else {
      out.printf("%s is invalid: %s%n", who, count((int) errors, "error", "errors"));
    }
    plan.ifPresent(files -> Output.printPlan(out, files));
    if (!spc.secretObjects().isEmpty()) {
      Output.printSecretObjects(out, spc.secretObjects());
    }
    for (SecretObjectsCheck.Finding f : findings) {
      err.println(
          (f.severity() == SecretObjectsCheck.Severity.ERROR ? "error: " : "warning: ")
              + who
              + ": "
              + f.message());
    }
  }

  private static void warning(List<SecretObjectsCheck.Finding> findings, String message) {
    findings.add(new SecretObjectsCheck.Finding(SecretObjectsCheck.Severity.WARNING, message));
  }

  private static Optional<String> failover(SecretProviderClassManifest spc) {
    return Optional.ofNullable(spc.parameters().get(AttributeKeys.FAILOVER_REGION))
        .filter(f -> !f.isEmpty());
  }

  /* Core drops permission bits above 0777 and logs it; here it is a warning of the class. */
  private static List<String> maskedPermissions(List<SecretObject> objects) {
    List<String> warnings = new ArrayList<>();
    for (SecretObject object : objects) {
      masked(
          object.filePermission(),
          "object " + SecretObjectsCheck.quote(object.objectName()),
          warnings);
      for (JmesPathEntry entry : object.jmesPath()) {
        masked(
            entry.filePermission(),
            "jmesPath entry " + SecretObjectsCheck.quote(entry.objectAlias()),
            warnings);
      }
    }
    return warnings;
  }

  private static void masked(OptionalInt mode, String what, List<String> warnings) {
    if (mode.isPresent() && (mode.getAsInt() & ~0777) != 0) {
      warnings.add(
          String.format(
              Locale.ROOT,
              "%s: filePermission %04o has bits above 0777, which are ignored: the file gets %04o",
              what,
              mode.getAsInt(),
              mode.getAsInt() & 0777));
    }
  }

  private static String count(int n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }
}
