// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.cli;

/** Runs the daemon with parsed flags and returns the process exit code. */
@FunctionalInterface
interface DaemonLauncher {
  /** Runs until the daemon stops; returns the exit code. */
  int launch(DaemonOptions options);
}
