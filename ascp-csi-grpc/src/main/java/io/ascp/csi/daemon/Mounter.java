// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.daemon;

import io.ascp.api.MountRequest;
import io.ascp.api.MountResult;

/**
 * The mount pipeline of ascp-core (plan, fetch with failover, extract, lay out), seen from the
 * daemon: a parsed request in, every file and version out. Throws {@link io.ascp.api.AscpException}
 * on failure.
 */
@FunctionalInterface
interface Mounter {
  /** Resolves every object of {@code request} into files and versions. */
  MountResult mount(MountRequest request);
}
