// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.api.spi;

import static java.util.Objects.requireNonNull;

import io.ascp.api.CallerIdentity;

/**
 * A request for the version metadata of one secret.
 *
 * @param region the AWS region
 * @param identity the caller whose credentials are used
 * @param name the secret id (name or ARN)
 */
public record DescribeRequest(String region, CallerIdentity identity, String name) {
  /** Checks the components. */
  public DescribeRequest {
    requireNonNull(region, "region");
    requireNonNull(identity, "identity");
    requireNonNull(name, "name");
  }
}
