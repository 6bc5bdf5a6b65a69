// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.api;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Everything one mount needs: the parsed parameters, who is asking, the default file mode, and the
 * versions currently mounted (sent by CSI drivers up to v1.5 on rotation, empty otherwise).
 *
 * @param parameters the parsed {@code SecretProviderClass} parameters
 * @param identity the caller
 * @param defaultFileMode the mode of files whose object sets none (the driver sends 0644)
 * @param currentVersions the versions currently mounted, possibly empty
 */
public record MountRequest(
    MountParameters parameters,
    CallerIdentity identity,
    int defaultFileMode,
    List<ObjectVersion> currentVersions) {

  /** The mode the CSI driver asks for by default: 0644. */
  public static final int DEFAULT_FILE_MODE = 0644;

  /** Checks the components and copies the list. */
  public MountRequest {
    requireNonNull(parameters, "parameters");
    requireNonNull(identity, "identity");
    if (defaultFileMode < 0 || defaultFileMode > 07777) {
      throw new IllegalArgumentException(
          "defaultFileMode must be within 0 and 07777, got 0"
              + Integer.toOctalString(defaultFileMode));
    }
    currentVersions = List.copyOf(currentVersions);
  }

  /** A first mount (no current versions) with mode 0644. */
  public static MountRequest of(MountParameters parameters, CallerIdentity identity) {
    return new MountRequest(parameters, identity, DEFAULT_FILE_MODE, List.of());
  }
}
