// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.testing;

/**
 * The CSI driver behaviour a {@link CsiDriverSimulator} reproduces. The two differ on re-mounts
 * only (docs/simulator.md; csi-contract §3, §6).
 */
public enum DriverVersion {
  /**
   * Driver v1.6: kubelet republishes every mounted volume (requiresRepublish) and the driver calls
   * Mount again once the rotation poll interval has passed since the last write of the volume, with
   * an empty {@code current_object_version}. A failed re-mount is masked: logged, the old files
   * kept, success returned to kubelet.
   */
  V1_6,

  /**
   * Driver v1.5 and earlier: the driver's rotation reconciler calls Mount every rotation poll
   * interval with {@code current_object_version} set from the pod's status (the versions of the
   * last successful mount). A failed re-mount is reported as a {@code MountRotationFailed} event;
   * the old files stay.
   */
  V1_5
}
