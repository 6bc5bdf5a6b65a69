// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.cli;

import io.ascp.api.AscpException;
import io.ascp.api.MountParameters;
import io.ascp.api.MountRequest;
import io.ascp.core.FilePlan;
import io.ascp.core.SecretMounter;
import io.ascp.core.SecretProviderClassManifest;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code validate}: parses and validates a {@code SecretProviderClass} exactly as a Mount does, and
 * prints the files it would produce, without fetching anything.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    versionProvider = ProviderCommand.Version.class,
    description = {
      "Checks a SecretProviderClass as the provider would (same rules, same messages) and lists"
          + " the files a mount would produce. Fetches nothing.",
      "Exit status: 0 when valid, 1 when not, 2 for a bad command line."
    })
final class ValidateCommand implements Callable<Integer> {
  @Mixin SpcInput input = new SpcInput();

  @Spec CommandSpec spec;

  private final Map<String, String> env;

  ValidateCommand(Map<String, String> env) {
    this.env = env;
    this.spec = CommandSpec.create();
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    // Warnings (such as masked permission bits) go to stderr; no chatter on a good run.
    new LogSettings(LogSettings.Level.WARN, LogSettings.Format.TEXT).apply();
    try {
      SecretProviderClassManifest spc = input.manifest();
      MountParameters parameters = input.parameters(spc, env);
      List<FilePlan> files = SecretMounter.plan(parameters, MountRequest.DEFAULT_FILE_MODE);
      out.printf(
          "SecretProviderClass %s is valid: %d objects, %d files, region %s%s%n",
          Output.name(spc),
          parameters.objects().size(),
          files.size(),
          parameters.region(),
          parameters.failoverRegion().map(f -> ", failover region " + f).orElse(""));
      Output.printPlan(out, files);
      out.flush();
      return 0;
    } catch (AscpException e) {
      err.println("invalid: " + e.getMessage());
      err.flush();
      return 1;
    }
  }
}
