// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.daemon;

import static java.util.Objects.requireNonNull;

import io.ascp.api.AscpException;
import io.ascp.api.ErrorCode;
import io.ascp.api.MountParameters;
import java.util.Map;
import java.util.Optional;

/**
 * The ascp-core pieces a Mount calls: the parameter parser, the mount pipeline and the directory
 * writer. {@link #unwired()} stands in until the daemon is built against ascp-core's pipeline.
 *
 * @param parser the parsing steps
 * @param mounter the mount pipeline
 * @param writer the directory writer of the provider-writes mode
 */
record Wiring(ParametersParser parser, Mounter mounter, SecretWriter writer) {
  /** The message of every call to an unwired piece. */
  static final String UNWIRED_MESSAGE = "the mount pipeline is not part of this build";

  Wiring {
    requireNonNull(parser, "parser");
    requireNonNull(mounter, "mounter");
    requireNonNull(writer, "writer");
  }

  /** Pieces that fail every call with {@link ErrorCode#INTERNAL}. */
  static Wiring unwired() {
    ParametersParser parser =
        new ParametersParser() {
          @Override
          public int parsePermission(String permission) {
            throw unwiredFailure();
          }

          @Override
          public Optional<String> failoverRegion(String primaryRegion, String attribute) {
            throw unwiredFailure();
          }

          @Override
          public boolean parseUsePodIdentity(String value) {
            throw unwiredFailure();
          }

          @Override
          public MountParameters parse(Map<String, String> attributes, String primaryRegion) {
            throw unwiredFailure();
          }
        };
    return new Wiring(
        parser,
        request -> {
          throw unwiredFailure();
        },
        (target, result) -> {
          throw unwiredFailure();
        });
  }

  private static AscpException unwiredFailure() {
    return new AscpException(ErrorCode.INTERNAL, UNWIRED_MESSAGE);
  }
}
