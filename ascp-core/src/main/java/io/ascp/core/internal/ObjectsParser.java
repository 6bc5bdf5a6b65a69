// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core.internal;

import io.ascp.api.PathTranslation;
import io.ascp.api.SecretObject;
import java.util.List;
import java.util.Optional;

/**
 * The {@code objects} pipeline: go-yaml v2 decoding ({@link GoYaml}), the {@code sigs.k8s.io/yaml}
 * and {@code encoding/json} rules ({@link DescriptorDecoder}), the reference's checks ({@link
 * DescriptorValidator}), then ascp-java's file-name checks ({@link FileLayout#checkFileNames}).
 */
public final class ObjectsParser {
  private ObjectsParser() {}

  /**
   * Parses and validates {@code objects}.
   *
   * @param objectsYaml the {@code objects} attribute; empty means no objects
   * @param translation the path translation
   * @param regions the primary region, then the failover region if any
   * @throws io.ascp.api.AscpException {@code INVALID_PARAMETERS} with the first error
   */
  public static List<SecretObject> parse(
      String objectsYaml, PathTranslation translation, List<String> regions) {
    return parse(
        objectsYaml,
        translation,
        Optional.of(regions.get(0)),
        regions.size() > 1 ? Optional.of(regions.get(1)) : Optional.empty());
  }

  /**
   * Parses and validates {@code objects}, with a primary region that may be unknown.
   *
   * @param objectsYaml the {@code objects} attribute; empty means no objects
   * @param translation the path translation
   * @param primaryRegion the primary region; empty skips the check of {@code objectName} ARN
   *     regions
   * @param failoverRegion the failover region, if any
   * @throws io.ascp.api.AscpException {@code INVALID_PARAMETERS} with the first error
   */
  public static List<SecretObject> parse(
      String objectsYaml,
      PathTranslation translation,
      Optional<String> primaryRegion,
      Optional<String> failoverRegion) {
    GoValue root = GoYaml.load(objectsYaml);
    List<SecretObject> objects =
        DescriptorValidator.validate(
            DescriptorDecoder.decode(root), translation, primaryRegion, failoverRegion);
    FileLayout.checkFileNames(objects, translation);
    return objects;
  }
}
