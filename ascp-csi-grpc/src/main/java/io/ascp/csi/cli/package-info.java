// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
/**
 * The {@code ascp-provider} command line (picocli): the daemon flags in Go's {@code flag} syntax,
 * the {@code serve} subcommand, logging set-up and signal handling. Not exported.
 */
@NullMarked
package io.ascp.csi.cli;

import org.jspecify.annotations.NullMarked;
