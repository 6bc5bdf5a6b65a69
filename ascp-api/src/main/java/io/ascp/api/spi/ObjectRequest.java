// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.api.spi;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One object to read: its name (or ARN) and, optionally, the version to read.
 *
 * @param name the secret id or parameter name (or ARN)
 * @param version the Secrets Manager {@code VersionId} or the SSM version number
 * @param versionLabel the Secrets Manager {@code VersionStage} or the SSM label
 */
public record ObjectRequest(String name, Optional<String> version, Optional<String> versionLabel) {
  /** Checks the components. */
  public ObjectRequest {
    requireNonNull(name, "name");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("name must not be empty");
    }
    requireNonNull(version, "version");
    requireNonNull(versionLabel, "versionLabel");
  }

  /** The current version of {@code name}. */
  public static ObjectRequest of(String name) {
    return new ObjectRequest(name, Optional.empty(), Optional.empty());
  }
}
