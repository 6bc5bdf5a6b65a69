// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.api;

import java.util.Locale;

/**
 * Which address family to use for the EKS Pod Identity agent ({@code preferredAddressType}).
 * Parsing is case-insensitive; any value other than {@code ipv4} or {@code ipv6} means {@link
 * #AUTO}, as in the reference provider.
 */
public enum AddressPreference {
  /** Try IPv4, then IPv6. */
  AUTO,
  /** IPv4 only. */
  IPV4,
  /** IPv6 only. */
  IPV6;

  /** The preference named by a {@code preferredAddressType} value; never fails. */
  public static AddressPreference fromParameterValue(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "ipv4" -> IPV4;
      case "ipv6" -> IPV6;
      default -> AUTO;
    };
  }
}
