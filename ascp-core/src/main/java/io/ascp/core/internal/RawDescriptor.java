// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core.internal;

import java.util.List;

/**
 * One entry of {@code objects} as the reference provider's Go struct holds it after decoding and
 * before validation: every field a string, empty when absent.
 *
 * @param index the entry's index in {@code objects}, from 0
 * @param position where the entry starts in the text
 * @param objectName {@code objectName}
 * @param objectAlias {@code objectAlias}
 * @param objectVersion {@code objectVersion}
 * @param objectVersionLabel {@code objectVersionLabel}
 * @param objectType {@code objectType}
 * @param filePermission {@code filePermission}
 * @param jmesPath {@code jmesPath}
 * @param failoverObject {@code failoverObject}, all fields empty when absent
 */
record RawDescriptor(
    int index,
    Position position,
    String objectName,
    String objectAlias,
    String objectVersion,
    String objectVersionLabel,
    String objectType,
    String filePermission,
    List<JmesEntry> jmesPath,
    Failover failoverObject) {

  RawDescriptor {
    jmesPath = List.copyOf(jmesPath);
  }

  /**
   * One {@code jmesPath} entry.
   *
   * @param path {@code path}
   * @param objectAlias {@code objectAlias}
   * @param filePermission {@code filePermission}
   */
  record JmesEntry(String path, String objectAlias, String filePermission) {}

  /**
   * The {@code failoverObject}.
   *
   * @param objectName {@code objectName}
   * @param objectVersion {@code objectVersion}
   * @param objectVersionLabel {@code objectVersionLabel}
   */
  record Failover(String objectName, String objectVersion, String objectVersionLabel) {
    static final Failover EMPTY = new Failover("", "", "");

    boolean isEmpty() {
      return objectName.isEmpty() && objectVersion.isEmpty() && objectVersionLabel.isEmpty();
    }
  }
}
