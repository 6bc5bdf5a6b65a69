// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi;

import io.ascp.csi.cli.ProviderCommand;

/**
 * The entry point of {@code ascp-provider.jar}: the CSI provider daemon and its command line. Run
 * {@code java -jar ascp-provider.jar --help} for the flags.
 */
public final class Main {
  private Main() {}

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(ProviderCommand.run(args));
  }
}
