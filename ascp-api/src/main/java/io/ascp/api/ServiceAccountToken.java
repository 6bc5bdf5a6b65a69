// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.api;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A Kubernetes service-account token the CSI driver passed for one audience. {@link #toString()}
 * never shows the token.
 *
 * @param token the JWT, as sent by the driver
 * @param expirationTimestamp the expiry the driver reported (RFC 3339), if any
 */
public record ServiceAccountToken(String token, Optional<String> expirationTimestamp) {
  /** Checks the components. */
  public ServiceAccountToken {
    requireNonNull(token, "token");
    requireNonNull(expirationTimestamp, "expirationTimestamp");
  }

  /** A token without a reported expiry. */
  public static ServiceAccountToken of(String token) {
    return new ServiceAccountToken(token, Optional.empty());
  }

  @Override
  public String toString() {
    return "ServiceAccountToken{token=<redacted, "
        + token.length()
        + " chars>, expirationTimestamp="
        + expirationTimestamp.orElse("")
        + "}";
  }
}
