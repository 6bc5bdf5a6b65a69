// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.testing;

import static java.util.Objects.requireNonNull;

import io.ascp.api.ObjectVersion;
import java.util.List;

/**
 * The raw fields of one {@code MountRequest}, for protocol tests that send what no driver would (an
 * empty target path, attributes that are not JSON, a bad permission). {@link
 * CsiDriverSimulator#send(MountCall)} sends exactly these fields. {@link #toString()} shows the
 * target path and the sizes of the other fields, never their contents (attributes carry tokens).
 *
 * @param attributes the {@code attributes} JSON text
 * @param secrets the {@code secrets} JSON text ({@code "null"} without a {@code
 *     nodePublishSecretRef})
 * @param targetPath the {@code target_path}
 * @param permission the {@code permission} JSON text (the driver sends {@code "420"})
 * @param currentObjectVersions the {@code current_object_version} list, in order
 */
public record MountCall(
    String attributes,
    String secrets,
    String targetPath,
    String permission,
    List<ObjectVersion> currentObjectVersions) {
  /** Checks the components and copies the list. */
  public MountCall {
    requireNonNull(attributes, "attributes");
    requireNonNull(secrets, "secrets");
    requireNonNull(targetPath, "targetPath");
    requireNonNull(permission, "permission");
    currentObjectVersions = List.copyOf(currentObjectVersions);
  }

  /**
   * The call the driver v1.6 makes for {@code volume} on a first mount; vary it with the {@code
   * with*} methods.
   */
  public static MountCall of(PodVolume volume) {
    return new MountCall(
        volume.attributesJson(),
        volume.secretsJson(),
        volume.targetPath().toString(),
        CsiDriverSimulator.PERMISSION,
        List.of());
  }

  /** This call with other attributes. */
  public MountCall withAttributes(String attributes) {
    return new MountCall(attributes, secrets, targetPath, permission, currentObjectVersions);
  }

  /** This call with another target path. */
  public MountCall withTargetPath(String targetPath) {
    return new MountCall(attributes, secrets, targetPath, permission, currentObjectVersions);
  }

  /** This call with another permission. */
  public MountCall withPermission(String permission) {
    return new MountCall(attributes, secrets, targetPath, permission, currentObjectVersions);
  }

  /** This call with another {@code current_object_version} list. */
  public MountCall withCurrentObjectVersions(List<ObjectVersion> versions) {
    return new MountCall(attributes, secrets, targetPath, permission, versions);
  }

  @Override
  public String toString() {
    return "MountCall{targetPath="
        + targetPath
        + ", attributes="
        + attributes.length()
        + " chars, secrets="
        + secrets.length()
        + " chars, permission="
        + permission.length()
        + " chars, currentObjectVersions="
        + currentObjectVersions
        + "}";
  }
}
