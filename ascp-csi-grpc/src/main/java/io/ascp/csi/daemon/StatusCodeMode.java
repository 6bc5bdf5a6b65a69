// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.daemon;

/** How Mount failures become gRPC status codes ({@code --status-codes}). */
public enum StatusCodeMode {
  /** Each {@link io.ascp.api.ErrorCode} maps to its own status code (DESIGN.md §6.3). */
  MAPPED,
  /** Every failure is {@code UNKNOWN}, exactly as the reference provider reports it. */
  UNKNOWN
}
