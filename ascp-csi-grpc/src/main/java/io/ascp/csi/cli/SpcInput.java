// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.cli;

import io.ascp.api.AscpException;
import io.ascp.api.ErrorCode;
import io.ascp.api.MountParameters;
import io.ascp.core.AttributeKeys;
import io.ascp.core.ParameterParser;
import io.ascp.core.SecretProviderClassManifest;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The options shared by {@code validate} and {@code mount}: which {@code SecretProviderClass}
 * manifest to read, and which region to resolve it in.
 */
final class SpcInput {
  @Parameters(
      index = "0",
      paramLabel = "SPC_FILE",
      description =
          "A Kubernetes manifest holding the SecretProviderClass (other kinds are skipped).")
  @Nullable Path file;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "The SecretProviderClass to use when the file holds several.")
  @Nullable String name;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description =
          "The primary region; default: the class's region parameter, then the AWS_REGION"
              + " environment variable.")
  @Nullable String region;

  /** The manifest, read and checked. */
  SecretProviderClassManifest manifest() {
    Path path = java.util.Objects.requireNonNull(file, "file");
    return name == null
        ? SecretProviderClassManifest.read(path)
        : SecretProviderClassManifest.read(path, name);
  }

  /** The region: the flag, the class's parameter, then {@code AWS_REGION}. */
  String region(SecretProviderClassManifest spc, Map<String, String> env) {
    Optional<String> resolved =
        Optional.ofNullable(region)
            .filter(r -> !r.isEmpty())
            .or(
                () ->
                    Optional.ofNullable(spc.parameters().get(AttributeKeys.REGION))
                        .filter(r -> !r.isEmpty()))
            .or(() -> Optional.ofNullable(env.get("AWS_REGION")).filter(r -> !r.isEmpty()));
    return resolved.orElseThrow(
        () ->
            new AscpException(
                ErrorCode.INVALID_PARAMETERS,
                "No region: the SecretProviderClass has no region parameter and AWS_REGION is not"
                    + " set; pass --region"));
  }

  /** The parsed parameters, with the reference's rules and messages. */
  MountParameters parameters(SecretProviderClassManifest spc, Map<String, String> env) {
    return ParameterParser.parse(spc.parameters(), region(spc, env));
  }
}
