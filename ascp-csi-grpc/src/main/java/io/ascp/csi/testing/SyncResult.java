// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.testing;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What one reconcile of the driver's Secret sync produced: the Secrets it would create, and the
 * errors of the entries it skipped (the driver then logs them, raises a {@code
 * SecretCreationFailed} event for data errors and retries later).
 *
 * @param secrets the Secrets, in the order of {@code secretObjects}
 * @param errors the driver's error texts, in the same order
 */
public record SyncResult(List<SyncedSecret> secrets, List<String> errors) {
  /** Checks the components and copies the lists. */
  public SyncResult {
    secrets = List.copyOf(secrets);
    errors = List.copyOf(errors);
  }

  /**
   * The Secret named {@code name}.
   *
   * @throws IllegalArgumentException when no Secret has that name
   */
  public SyncedSecret secret(String name) {
    requireNonNull(name, "name");
    for (SyncedSecret s : secrets) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException("no synced secret " + name + "; errors: " + errors);
  }
}
