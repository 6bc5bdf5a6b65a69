// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.api;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What to read in the failover region instead of the primary object ({@code failoverObject}). Each
 * value left empty falls back to the primary object's value.
 *
 * @param objectName the name or ARN to read in the failover region
 * @param objectVersion the version to read in the failover region
 * @param objectVersionLabel the version stage or label to read in the failover region
 */
public record FailoverObject(
    Optional<String> objectName,
    Optional<String> objectVersion,
    Optional<String> objectVersionLabel) {
  /** A failover object that overrides nothing. */
  public static final FailoverObject NONE =
      new FailoverObject(Optional.empty(), Optional.empty(), Optional.empty());

  /** Checks the components. */
  public FailoverObject {
    requireNonNull(objectName, "objectName");
    requireNonNull(objectVersion, "objectVersion");
    requireNonNull(objectVersionLabel, "objectVersionLabel");
  }
}
