// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.daemon;

import static java.util.Objects.requireNonNull;

import io.ascp.api.AscpException;
import io.ascp.api.AscpListener;
import io.ascp.api.ErrorCode;
import io.ascp.api.MountParameters;
import io.ascp.api.ObjectType;
import io.ascp.api.spi.SecretSource;
import io.ascp.aws.AwsSources;
import io.ascp.aws.AwsSourcesConfig;
import io.ascp.core.AtomicDirectoryWriter;
import io.ascp.core.ParameterParser;
import io.ascp.core.SecretMounter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
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
 * @param resolvesIdentity whether a Mount resolves the caller's identity (service-account tokens,
 *     the IAM role); false for a source that ignores identities ({@link #local(SecretSource)})
 */
record Wiring(
    ParametersParser parser, Mounter mounter, SecretWriter writer, boolean resolvesIdentity) {
  /** The message of every call to an unwired piece. */
  static final String UNWIRED_MESSAGE = "the mount pipeline is not part of this build";

  Wiring {
    requireNonNull(parser, "parser");
    requireNonNull(mounter, "mounter");
    requireNonNull(writer, "writer");
  }

  /** Pieces of a daemon that resolves identities, as the production daemon does. */
  Wiring(ParametersParser parser, Mounter mounter, SecretWriter writer) {
    this(parser, mounter, writer, true);
  }

  /**
   * The pieces of a daemon that reads every object from {@code source} and resolves no identity
   * (the {@code --backend memory:FILE} daemon): ascp-core's parser, pipeline and writer. The
   * returned resources own the pipeline's executor, never the source.
   */
  static Production local(SecretSource source) {
    requireNonNull(source, "source");
    SecretMounter mounter = SecretMounter.builder().source(source).build();
    return new Production(
        new Wiring(coreParser(), mounter::mount, coreWriter(), false), mounter::close);
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

  /** The endpoint variable of every AWS service the daemon calls. */
  static final String ENDPOINT_ENV = "AWS_ENDPOINT_URL";

  /** The endpoint variable of Secrets Manager (wins over {@value #ENDPOINT_ENV}). */
  static final String SECRETS_MANAGER_ENDPOINT_ENV = "AWS_ENDPOINT_URL_SECRETS_MANAGER";

  /** The endpoint variable of SSM Parameter Store (wins over {@value #ENDPOINT_ENV}). */
  static final String SSM_ENDPOINT_ENV = "AWS_ENDPOINT_URL_SSM";

  /** The endpoint variable of STS, used for IRSA (wins over {@value #ENDPOINT_ENV}). */
  static final String STS_ENDPOINT_ENV = "AWS_ENDPOINT_URL_STS";

  /** {@code true} turns every endpoint variable off, as in the AWS SDKs. */
  static final String IGNORE_ENDPOINTS_ENV = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS";

  /**
   * The production pieces: ascp-core's parser, pipeline and writer, reading from AWS with the
   * daemon's settings. The returned resources own the AWS clients and the pipeline's executor.
   *
   * <p>Everything the daemon takes from its environment comes from {@code env}, so that one JVM can
   * run daemons with different environments (tests): {@code AWS_CA_BUNDLE} (honoured, as the Go SDK
   * does), {@code ASCP_POD_IDENTITY_AGENT_URL} when the configuration names no agent URL, and the
   * endpoint variables {@value #SECRETS_MANAGER_ENDPOINT_ENV}, {@value #SSM_ENDPOINT_ENV}, {@value
   * #STS_ENDPOINT_ENV} and {@value #ENDPOINT_ENV} (a service's own variable first; none of them
   * when {@value #IGNORE_ENDPOINTS_ENV} is {@code true}). The AWS SDK reads the same endpoint
   * variables from the process environment by itself; setting them on the clients explicitly gives
   * the same endpoints in production and lets a test's map win over the test JVM's own variables.
   *
   * @param env the daemon's environment variables
   * @throws IllegalArgumentException when an endpoint variable or the agent URL is not an http(s)
   *     URL, or the CA bundle cannot be read
   */
  static Production production(DaemonConfig config, Map<String, String> env) {
    return production(config, env, AscpListener.NOOP);
  }

  /**
   * The production pieces, reporting to {@code listener}: the AWS sources' backend calls and
   * credentials lookups, the pipeline's breaker skips and version reuse. Mounts are not reported
   * here: the daemon reports each Mount request as a whole (parsing, lookups and writing included),
   * so the pipeline's own mount events are left out.
   */
  static Production production(
      DaemonConfig config, Map<String, String> env, AscpListener listener) {
    requireNonNull(listener, "listener");
    AwsSources sources =
        AwsSources.builder().config(awsSourcesConfig(config, env)).listener(listener).build();
    SecretMounter mounter;
    try {
      mounter =
          SecretMounter.builder()
              .source(ObjectType.SECRETS_MANAGER, sources.secretsManager())
              .source(ObjectType.SSM_PARAMETER, sources.parameterStore())
              .listener(pipelineEvents(listener))
              .valueCache(config.valueCache())
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
   * The settings of the AWS sources of a daemon with {@code config} and {@code env}: the runtime
   * name and version, the fetch parallelism, the Pod Identity agent, the endpoints and the CA
   * bundle.
   */
  static AwsSourcesConfig awsSourcesConfig(DaemonConfig config, Map<String, String> env) {
    VersionInfo version = VersionInfo.current();
    AwsSourcesConfig.Builder aws =
        AwsSourcesConfig.builder()
            .runtimeName(version.runtimeName())
            .runtimeVersion(version.runtimeVersion())
            .fetchParallelism(config.fetchParallelism());
    if (!config.eksAddonVersion().isEmpty()) {
      aws.eksAddonVersion(config.eksAddonVersion());
    }
    config.podIdentityHttpTimeout().ifPresent(aws::podIdentityTimeout);
    aws.podIdentityAgentUrls(podIdentityAgentUrls(config, env));
    endpoint(env, SECRETS_MANAGER_ENDPOINT_ENV).ifPresent(aws::secretsManagerEndpoint);
    endpoint(env, SSM_ENDPOINT_ENV).ifPresent(aws::ssmEndpoint);
    endpoint(env, STS_ENDPOINT_ENV).ifPresent(aws::stsEndpoint);
    String caBundle = env.getOrDefault("AWS_CA_BUNDLE", "");
    if (!caBundle.isEmpty()) {
      aws.caBundle(Path.of(caBundle));
    }
    return aws.build();
  }

  /** The pipeline's events for the daemon's listener: all but its mounts. */
  static AscpListener pipelineEvents(AscpListener listener) {
    if (listener == AscpListener.NOOP) {
      return AscpListener.NOOP;
    }
    return new AscpListener() {
      @Override
      public void regionSkipped(RegionSkipped event) {
        listener.regionSkipped(event);
      }

      @Override
      public void versionReuse(VersionReuse event) {
        listener.versionReuse(event);
      }
    };
  }

  /**
   * The Pod Identity agent URLs: the configured one ({@code --pod-identity-agent-url}), else {@code
   * ASCP_POD_IDENTITY_AGENT_URL} from {@code env}, else the EKS agent's IPv4 and IPv6 addresses.
   * Always explicit, so that ascp-aws never falls back to the process environment.
   */
  static List<URI> podIdentityAgentUrls(DaemonConfig config, Map<String, String> env) {
    Optional<String> url =
        config
            .podIdentityAgentUrl()
            .or(
                () ->
                    Optional.ofNullable(env.get(AwsSourcesConfig.POD_IDENTITY_AGENT_URL_ENV))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty()));
    if (url.isEmpty()) {
      return List.of(
          AwsSourcesConfig.POD_IDENTITY_AGENT_IPV4_URL,
          AwsSourcesConfig.POD_IDENTITY_AGENT_IPV6_URL);
    }
    try {
      return List.of(URI.create(url.get()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "the Pod Identity agent URL is not a valid URL: " + url.get(), e);
    }
  }

  /**
   * The endpoint {@code env} sets for one service: its own variable, else {@value #ENDPOINT_ENV};
   * empty when neither is set or {@value #IGNORE_ENDPOINTS_ENV} is {@code true}.
   */
  static Optional<URI> endpoint(Map<String, String> env, String serviceVariable) {
    if (env.getOrDefault(IGNORE_ENDPOINTS_ENV, "").strip().equalsIgnoreCase("true")) {
      return Optional.empty();
    }
    String variable = serviceVariable;
    String value = env.getOrDefault(serviceVariable, "").strip();
    if (value.isEmpty()) {
      variable = ENDPOINT_ENV;
      value = env.getOrDefault(ENDPOINT_ENV, "").strip();
    }
    if (value.isEmpty()) {
      return Optional.empty();
    }
    URI uri;
    try {
      uri = URI.create(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(variable + " is not a valid URL: " + value, e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new IllegalArgumentException(
          variable + " is not an absolute http(s) URL with a host: " + value);
    }
    return Optional.of(uri);
  }

  /**
   * Production pieces and what must be closed with them.
   *
   * @param wiring the pieces
   * @param resources closes the pipeline's executor and the AWS clients, if any
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
