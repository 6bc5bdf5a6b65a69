// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.testing;

import static java.util.Objects.requireNonNull;

import io.ascp.api.MountedFile;
import io.ascp.api.ObjectVersion;
import java.util.List;
import java.util.Optional;

/**
 * What one simulated mount did.
 *
 * @param error why it failed; empty on success
 * @param objectVersions the versions the provider returned, as the driver records them in the pod's
 *     {@code SecretProviderClassPodStatus}: one per id (a repeated id keeps its last version),
 *     sorted by id; empty on failure
 * @param responseFiles the files of the response (the driver-writes mode); empty when the provider
 *     wrote the files itself
 * @param rewritten whether the volume's files were replaced during the call (the {@code ..data}
 *     link now points elsewhere), by the simulated driver or by the provider
 * @param responseBytes the size of the serialized response; the driver logs {@code proto above
 *     1MiB, secret sync may fail} above 1 MiB
 */
public record MountOutcome(
    Optional<MountError> error,
    List<ObjectVersion> objectVersions,
    List<MountedFile> responseFiles,
    boolean rewritten,
    int responseBytes) {
  /** Checks the components and copies the lists. */
  public MountOutcome {
    requireNonNull(error, "error");
    objectVersions = List.copyOf(objectVersions);
    responseFiles = List.copyOf(responseFiles);
    if (responseBytes < 0) {
      throw new IllegalArgumentException("responseBytes must not be negative: " + responseBytes);
    }
  }

  /** Whether the mount succeeded (a masked failure did not). */
  public boolean succeeded() {
    return error.isEmpty();
  }

  /**
   * The version mounted for {@code id}.
   *
   * @throws IllegalArgumentException when the outcome has no version for {@code id}
   */
  public String version(String id) {
    requireNonNull(id, "id");
    for (ObjectVersion v : objectVersions) {
      if (v.id().equals(id)) {
        return v.version();
      }
    }
    throw new IllegalArgumentException("no object version with id " + id + " in " + this);
  }

  static MountOutcome failed(MountError error, int responseBytes) {
    return new MountOutcome(Optional.of(error), List.of(), List.of(), false, responseBytes);
  }
}
