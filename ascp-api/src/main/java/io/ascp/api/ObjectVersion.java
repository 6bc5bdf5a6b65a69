// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.api;

import java.util.Comparator;

/**
 * The version of one mounted file, as reported to the CSI driver for rotation tracking.
 *
 * @param id the file name (after alias and path translation); unique within a mount
 * @param version the Secrets Manager {@code VersionId} or the SSM version number
 */
public record ObjectVersion(String id, String version) implements Comparable<ObjectVersion> {
  private static final Comparator<ObjectVersion> ORDER =
      Comparator.comparing(ObjectVersion::id).thenComparing(ObjectVersion::version);

  /** Checks the components. */
  public ObjectVersion {
    JmesPathEntry.requireNonEmpty(id, "id");
    java.util.Objects.requireNonNull(version, "version");
  }

  /** Orders by id, then version. */
  @Override
  public int compareTo(ObjectVersion other) {
    return ORDER.compare(this, other);
  }
}
