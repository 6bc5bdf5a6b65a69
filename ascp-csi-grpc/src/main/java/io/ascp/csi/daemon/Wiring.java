// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.daemon;

import static java.util.Objects.requireNonNull;

import io.ascp.api.AscpException;
import io.ascp.api.ErrorCode;
import io.ascp.api.MountParameters;
import io.ascp.api.ObjectType;
import io.ascp.aws.AwsSources;
import io.ascp.aws.AwsSourcesConfig;
import io.ascp.core.AtomicDirectoryWriter;
import io.ascp.core.ParameterParser;
import io.ascp.core.SecretMounter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ascp-core pieces a Mount calls: the parameter parser, the mount pipeline and the directory
 * writer. {@link #production(DaemonConfig, Map)} builds the real ones over AWS; tests pass doubles,
 * and {@link #unwired()} fails every call.
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

  /** The parser of ascp-core, as the daemon calls it. */
  static ParametersParser coreParser() {
    return new ParametersParser() {
      @Override
      public int parsePermission(String permission) {
        return ParameterParser.parsePermission(permission);
      }

      @Override
      public Optional<String> failoverRegion(String primaryRegion, String attribute) {
        return ParameterParser.failoverRegion(primaryRegion, attribute);
      }

      @Override
      public boolean parseUsePodIdentity(String value) {
        return ParameterParser.parseUsePodIdentity(value);
      }

      @Override
      public MountParameters parse(Map<String, String> attributes, String primaryRegion) {
        return ParameterParser.parse(attributes, primaryRegion);
      }
    };
  }

  /** The directory writer of ascp-core (kubelet atomic-writer layout). */
  static SecretWriter coreWriter() {
    AtomicDirectoryWriter writer = AtomicDirectoryWriter.create();
    return (target, result) -> writer.write(target, result.files());
  }

  /**
   * The production pieces: ascp-core's parser, pipeline and writer, reading from AWS with the
   * daemon's settings. The returned resources own the AWS clients and the pipeline's executor.
   *
   * @param env the process environment ({@code AWS_CA_BUNDLE} is honoured, as the Go SDK does)
   */
  static Production production(DaemonConfig config, Map<String, String> env) {
    VersionInfo version = VersionInfo.current();
    AwsSourcesConfig.Builder aws =
        AwsSourcesConfig.builder()
            .runtimeName(version.runtimeName())
            .runtimeVersion(version.runtimeVersion());
    if (!config.eksAddonVersion().isEmpty()) {
      aws.eksAddonVersion(config.eksAddonVersion());
    }
    config.podIdentityHttpTimeout().ifPresent(aws::podIdentityTimeout);
    config
        .podIdentityAgentUrl()
        .ifPresent(url -> aws.podIdentityAgentUrls(List.of(URI.create(url))));
    String caBundle = env.getOrDefault("AWS_CA_BUNDLE", "");
    if (!caBundle.isEmpty()) {
      aws.caBundle(Path.of(caBundle));
    }
    AwsSources sources = AwsSources.builder().config(aws.build()).build();
    SecretMounter mounter;
    try {
      mounter =
          SecretMounter.builder()
              .source(ObjectType.SECRETS_MANAGER, sources.secretsManager())
              .source(ObjectType.SSM_PARAMETER, sources.parameterStore())
              .build();
    } catch (RuntimeException e) {
      sources.close();
      throw e;
    }
    Wiring wiring = new Wiring(coreParser(), mounter::mount, coreWriter());
    return new Production(
        wiring,
        () -> {
          try {
            mounter.close();
          } finally {
            sources.close();
          }
        });
  }

  /**
   * Production pieces and what must be closed with them.
   *
   * @param wiring the pieces
   * @param resources closes the pipeline's executor and the AWS clients
   */
  record Production(Wiring wiring, Runnable resources) {}

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
