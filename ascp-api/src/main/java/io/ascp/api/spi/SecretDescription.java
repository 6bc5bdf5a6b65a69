// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.api.spi;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The version metadata of one secret: which stages each version carries.
 *
 * @param name the secret's name as the backend reports it
 * @param versionStages stages by version id, like Secrets Manager's {@code VersionIdsToStages}
 */
public record SecretDescription(String name, Map<String, Set<String>> versionStages) {
  /** Checks the components and deep-copies the map. */
  public SecretDescription {
    requireNonNull(name, "name");
    Map<String, Set<String>> copy = new TreeMap<>();
    versionStages.forEach((k, v) -> copy.put(k, Set.copyOf(v)));
    versionStages = Map.copyOf(copy);
  }

  /** The stages of {@code versionId}; empty when the version is unknown or carries none. */
  public Set<String> stagesOf(String versionId) {
    return versionStages.getOrDefault(versionId, Set.of());
  }
}
