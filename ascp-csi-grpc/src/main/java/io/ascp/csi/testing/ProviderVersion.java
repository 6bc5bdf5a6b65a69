// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.testing;

import static java.util.Objects.requireNonNull;

/**
 * A provider's answer to the {@code Version} call.
 *
 * @param version the provider API version, {@code v1alpha1} for every known provider
 * @param runtimeName the provider's name
 * @param runtimeVersion the provider's version (semver)
 */
public record ProviderVersion(String version, String runtimeName, String runtimeVersion) {
  /** Checks the components. */
  public ProviderVersion {
    requireNonNull(version, "version");
    requireNonNull(runtimeName, "runtimeName");
    requireNonNull(runtimeVersion, "runtimeVersion");
  }
}
