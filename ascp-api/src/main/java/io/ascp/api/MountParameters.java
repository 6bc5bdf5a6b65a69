// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.api;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * The parsed and validated parameters of a {@code SecretProviderClass} for one mount, with the
 * regions already resolved.
 *
 * @param region the primary region
 * @param failoverRegion the region to read from when the primary fails, if any
 * @param pathTranslation how slashes in object names become file names
 * @param usePodIdentity whether EKS Pod Identity (rather than IRSA) authenticates the pod
 * @param preferredAddressType the Pod Identity agent address family
 * @param objects the objects to mount, in {@code SecretProviderClass} order
 */
public record MountParameters(
    String region,
    Optional<String> failoverRegion,
    PathTranslation pathTranslation,
    boolean usePodIdentity,
    AddressPreference preferredAddressType,
    List<SecretObject> objects) {

  /** Checks the components and copies the list. */
  public MountParameters {
    JmesPathEntry.requireNonEmpty(region, "region");
    requireNonNull(failoverRegion, "failoverRegion");
    failoverRegion.ifPresent(
        f -> {
          if (f.isEmpty() || f.equals(region)) {
            throw new IllegalArgumentException(
                "failoverRegion must be non-empty and differ from region " + region);
          }
        });
    requireNonNull(pathTranslation, "pathTranslation");
    requireNonNull(preferredAddressType, "preferredAddressType");
    objects = List.copyOf(objects);
  }

  /** Parameters for one region, default translation, IRSA, and the given objects. */
  public static MountParameters of(String region, List<SecretObject> objects) {
    return new MountParameters(
        region, Optional.empty(), PathTranslation.DEFAULT, false, AddressPreference.AUTO, objects);
  }

  /** The primary region, then the failover region if any. */
  public List<String> regions() {
    return failoverRegion.map(f -> List.of(region, f)).orElseGet(() -> List.of(region));
  }
}
