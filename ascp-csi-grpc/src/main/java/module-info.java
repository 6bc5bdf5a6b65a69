// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
/**
 * The Secrets Store CSI driver provider daemon (gRPC on a Unix socket), its command line, and a CSI
 * driver simulator for tests.
 */
@org.jspecify.annotations.NullMarked
module io.ascp.csi.grpc {
  requires static transitive org.jspecify;

  exports io.ascp.csi;
}
