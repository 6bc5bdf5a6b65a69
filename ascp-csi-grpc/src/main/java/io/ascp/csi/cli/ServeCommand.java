// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.cli;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code serve}: the provider daemon, the same as the top-level command without a subcommand. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    versionProvider = ProviderCommand.Version.class,
    description = "Runs the CSI provider daemon on <provider-volume>/aws.sock (the default).")
final class ServeCommand implements Callable<Integer> {
  @Mixin DaemonOptions options = new DaemonOptions();

  private final DaemonLauncher launcher;

  ServeCommand(DaemonLauncher launcher) {
    this.launcher = requireNonNull(launcher, "launcher");
  }

  @Override
  public Integer call() {
    return launcher.launch(options);
  }
}
