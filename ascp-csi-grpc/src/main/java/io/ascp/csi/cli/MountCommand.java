// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.cli;

import io.ascp.api.AscpException;
import io.ascp.api.CallerIdentity;
import io.ascp.api.MountParameters;
import io.ascp.api.MountRequest;
import io.ascp.api.MountResult;
import io.ascp.api.ObjectType;
import io.ascp.aws.AwsSources;
import io.ascp.core.AtomicDirectoryWriter;
import io.ascp.core.InMemorySecretSource;
import io.ascp.core.SecretMounter;
import io.ascp.core.SecretProviderClassManifest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mount}: resolves a {@code SecretProviderClass} outside Kubernetes, against the in-memory
 * store of a seed file or against AWS with the process's default credentials, and optionally writes
 * the files into a directory with the kubelet's atomic layout. Prints names, modes, sizes and
 * versions, never contents.
 */
@Command(
    name = "mount",
    mixinStandardHelpOptions = true,
    versionProvider = ProviderCommand.Version.class,
    description = {
      "Mounts a SecretProviderClass without Kubernetes: fetches every object (from the --store"
          + " seed file, or from AWS with the default credentials chain), prints each file's"
          + " mode, size and version, and writes the files into --target when given.",
      "Exit status: 0 when mounted, 1 when the mount failed, 2 for a bad command line."
    })
final class MountCommand implements Callable<Integer> {
  @Mixin SpcInput input = new SpcInput();

  @Option(
      names = "--store",
      paramLabel = "SEED_FILE",
      description =
          "Read from an in-memory store seeded from this JSON or YAML file (docs/library.md)"
              + " instead of AWS.")
  @Nullable Path store;

  @Option(
      names = "--target",
      paramLabel = "DIR",
      description =
          "Write the files into this directory (created if missing) with the kubelet's atomic"
              + " layout; without it nothing is written.")
  @Nullable Path target;

  @Spec CommandSpec spec;

  private final Map<String, String> env;

  MountCommand(Map<String, String> env) {
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
      MountResult result = mount(parameters);
      out.printf(
          "SecretProviderClass %s: %d files from %s, region %s%n",
          Output.name(spc),
          result.files().size(),
          store == null ? "AWS" : "the store " + store,
          parameters.region());
      Output.printResult(out, result);
      if (target != null) {
        java.nio.file.Files.createDirectories(target);
        AtomicDirectoryWriter.create().write(target, result.files());
        out.printf("Wrote %d files to %s%n", result.files().size(), target);
      }
      out.flush();
      return 0;
    } catch (AscpException e) {
      err.println("error: " + e.code() + ": " + e.getMessage());
      err.flush();
      return 1;
    } catch (java.io.IOException e) {
      err.println("error: WRITE_FAILED: cannot create " + target + ": " + e.getClass().getName());
      err.flush();
      return 1;
    }
  }

  private MountResult mount(MountParameters parameters) {
    MountRequest request = MountRequest.of(parameters, CallerIdentity.defaultChain());
    if (store != null) {
      try (SecretMounter mounter =
          SecretMounter.builder().source(InMemorySecretSource.fromFile(store)).build()) {
        return mounter.mount(request);
      }
    }
    try (AwsSources aws = AwsSources.builder().build();
        SecretMounter mounter =
            SecretMounter.builder()
                .source(ObjectType.SECRETS_MANAGER, aws.secretsManager())
                .source(ObjectType.SSM_PARAMETER, aws.parameterStore())
                .build()) {
      return mounter.mount(request);
    }
  }
}
