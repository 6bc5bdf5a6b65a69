// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0

/**
 * The provider image's helpers. Nothing is exported: the image runs {@link
 * io.ascp.deploy.SocketDirectoryInit} from its class path as the Helm chart's init container.
 */
@org.jspecify.annotations.NullMarked
module io.ascp.deploy {
  requires static org.jspecify;
}
