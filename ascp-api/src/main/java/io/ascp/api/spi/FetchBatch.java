// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.api.spi;

import static java.util.Objects.requireNonNull;

import io.ascp.api.CallerIdentity;
import io.ascp.api.ObjectType;
import java.util.List;

/**
 * Objects of one type to read in one region as one identity.
 *
 * @param type the backend
 * @param region the AWS region
 * @param identity the caller whose credentials are used
 * @param objects the objects, at least one
 */
public record FetchBatch(
    ObjectType type, String region, CallerIdentity identity, List<ObjectRequest> objects) {
  /** Checks the components and copies the list. */
  public FetchBatch {
    requireNonNull(type, "type");
    requireNonNull(region, "region");
    if (region.isEmpty()) {
      throw new IllegalArgumentException("region must not be empty");
    }
    requireNonNull(identity, "identity");
    objects = List.copyOf(objects);
    if (objects.isEmpty()) {
      throw new IllegalArgumentException("a batch needs at least one object");
    }
  }
}
