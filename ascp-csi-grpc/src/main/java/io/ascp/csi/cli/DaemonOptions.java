// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.cli;

import io.ascp.core.ValueCachePolicy;
import io.ascp.csi.daemon.DaemonConfig;
import io.ascp.csi.daemon.StatusCodeMode;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The daemon's flags, shared by the top-level command and {@code serve}: the reference provider's
 * six with the same names, defaults and syntax, then ours. picocli fills the fields.
 */
final class DaemonOptions {
  /** The environment variable that sets the Pod Identity agent URL when the flag is empty. */
  static final String AGENT_URL_ENV = "ASCP_POD_IDENTITY_AGENT_URL";

  @Option(
      names = "--provider-volume",
      paramLabel = "<dir>",
      defaultValue = DaemonConfig.DEFAULT_PROVIDER_VOLUME,
      description =
          "Rendezvous directory of the provider socket <dir>/aws.sock (at most 107 bytes in"
              + " all). Default: ${DEFAULT-VALUE}.")
  String providerVolume = DaemonConfig.DEFAULT_PROVIDER_VOLUME;

  @Option(
      names = "--driver-writes-secrets",
      paramLabel = "<bool>",
      arity = "0..1",
      fallbackValue = "true",
      defaultValue = "false",
      converter = Converters.GoBool.class,
      description =
          "The driver writes the files (they are returned in each Mount response) instead of the"
              + " provider. Default: ${DEFAULT-VALUE}.")
  boolean driverWritesSecrets;

  @Option(
      names = "--qps",
      paramLabel = "<int>",
      defaultValue = "5",
      converter = Converters.GoInt.class,
      description =
          "Maximum queries per second to the Kubernetes API server (0 means 5, negative means no"
              + " limit). Default: ${DEFAULT-VALUE}.")
  int qps = 5;

  @Option(
      names = "--burst",
      paramLabel = "<int>",
      defaultValue = "10",
      converter = Converters.GoInt.class,
      description =
          "Maximum burst of queries to the Kubernetes API server (0 or less means 10)."
              + " Default: ${DEFAULT-VALUE}.")
  int burst = 10;

  @Option(
      names = "--eks-addon-version",
      paramLabel = "<version>",
      defaultValue = "",
      description =
          "The EKS add-on version of the provider; when set it replaces the provider version in"
              + " the User-Agent app id of AWS calls.")
  String eksAddonVersion = "";

  @Option(
      names = "--pod-identity-http-timeout",
      paramLabel = "<duration>",
      defaultValue = "",
      description =
          "HTTP timeout of Pod Identity agent calls, as a Go duration (500ms, 2s). Empty,"
              + " unparsable or non-positive values keep the AWS SDK default (with a logged"
              + " error); values above 30s are kept with a warning.")
  String podIdentityHttpTimeout = "";

  @Option(
      names = "--pod-identity-agent-url",
      paramLabel = "<url>",
      defaultValue = "",
      description =
          "A full URL that replaces the EKS Pod Identity agent endpoints; when empty, the"
              + " environment variable "
              + AGENT_URL_ENV
              + " is used if set.")
  String podIdentityAgentUrl = "";

  @Option(
      names = "--http-address",
      paramLabel = "<host:port>",
      defaultValue = "",
      description =
          "Address (host:port) of the HTTP listener for GET /healthz, /readyz and /metrics"
              + " (Prometheus); ':0' picks a free port and logs it. Empty means no listener."
              + " Default: empty.")
  String httpAddress = "";

  @Option(
      names = "--socket-mode",
      paramLabel = "<octal>",
      defaultValue = "0600",
      converter = Converters.OctalMode.class,
      description =
          "Permission bits of the socket file, set explicitly after binding. Default:"
              + " ${DEFAULT-VALUE} (owner only).")
  int socketMode = DaemonConfig.DEFAULT_SOCKET_MODE;

  @Option(
      names = "--status-codes",
      paramLabel = "<mode>",
      defaultValue = "mapped",
      converter = Converters.StatusCodes.class,
      description =
          "gRPC status codes of failed mounts: 'mapped' (one code per error class) or 'unknown'"
              + " (every failure UNKNOWN, exactly as the reference provider). Default:"
              + " ${DEFAULT-VALUE}.")
  StatusCodeMode statusCodes = StatusCodeMode.MAPPED;

  @Option(
      names = "--shutdown-grace-period",
      paramLabel = "<duration>",
      defaultValue = "5s",
      converter = Converters.GoDurationValue.class,
      description =
          "On SIGTERM or SIGINT, how long running mounts may finish (a Go duration) before they"
              + " are cancelled. Default: ${DEFAULT-VALUE}.")
  Duration shutdownGracePeriod = DaemonConfig.DEFAULT_SHUTDOWN_GRACE_PERIOD;

  @Option(
      names = "--backend",
      paramLabel = "<backend>",
      defaultValue = "aws",
      converter = Converters.BackendValue.class,
      description =
          "Where objects are read: 'aws' (Secrets Manager and Parameter Store, with the pod's"
              + " identity) or 'memory:FILE' (an in-memory store seeded from FILE, read once at"
              + " start; no service-account tokens, IAM role or Kubernetes API needed: the region"
              + " must come from the class or AWS_REGION). Default: ${DEFAULT-VALUE}.")
  Backend backend = Backend.AWS;

  @Option(
      names = "--fetch-parallelism",
      paramLabel = "<int>",
      defaultValue = "" + DaemonConfig.DEFAULT_FETCH_PARALLELISM,
      converter = FetchParallelism.class,
      description =
          "How many AWS calls of one mount's batch run at once, and the size of the fetch pool"
              + " every mount shares (1 to "
              + DaemonConfig.MAX_FETCH_PARALLELISM
              + "). Default: ${DEFAULT-VALUE}.")
  int fetchParallelism = DaemonConfig.DEFAULT_FETCH_PARALLELISM;

  @Option(
      names = "--log-level",
      paramLabel = "<level>",
      defaultValue = "info",
      converter = Converters.Level.class,
      description = "Log level: error, warn, info, debug or trace. Default: ${DEFAULT-VALUE}.")
  LogSettings.Level logLevel = LogSettings.Level.INFO;

  @Option(
      names = "--log-format",
      paramLabel = "<format>",
      defaultValue = "text",
      converter = Converters.Format.class,
      description = "Log format: text or json (one object per line). Default: ${DEFAULT-VALUE}.")
  LogSettings.Format logFormat = LogSettings.Format.TEXT;

  @Option(
      names = "--cache-ttl",
      paramLabel = "<duration>",
      defaultValue = "0s",
      converter = Converters.GoDurationValue.class,
      description =
          "How long a fetched value is served again to the same identity without asking AWS (a Go"
              + " duration, e.g. 5m). A rotated value may then show up to this long after the"
              + " rotation. 0 turns the value cache off: every mount reads every value, as the"
              + " reference provider does. Default: ${DEFAULT-VALUE}.")
  Duration cacheTtl = Duration.ZERO;

  @Option(
      names = "--cache-pinned-ttl",
      paramLabel = "<duration>",
      defaultValue = "",
      description =
          "How long a value of a pinned version (objectVersion) is served again; such values never"
              + " change in AWS. Empty means the same as --cache-ttl; 0 means pinned values are not"
              + " cached. Default: empty.")
  String cachePinnedTtl = "";

  @Option(
      names = "--cache-max-bytes",
      paramLabel = "<int>",
      defaultValue = "8388608",
      converter = Converters.GoInt.class,
      description =
          "Bound of the value cache in bytes (values plus about 256 bytes per entry); the least"
              + " used entries are evicted and their bytes zeroed. Default: ${DEFAULT-VALUE} (8"
              + " MiB).")
  int cacheMaxBytes = (int) ValueCachePolicy.DEFAULT_MAXIMUM_BYTES;

  @Option(
      names = "--cache-revalidate",
      paramLabel = "<bool>",
      arity = "0..1",
      fallbackValue = "true",
      defaultValue = "false",
      converter = Converters.GoBool.class,
      description =
          "With --cache-ttl: confirm every cached Secrets Manager value with DescribeSecret (the"
              + " cached version must still carry the requested stage) and read it again if it"
              + " does not, so that a rotation shows on the next mount while unchanged values are"
              + " neither transferred nor decrypted again. Default: ${DEFAULT-VALUE}.")
  boolean cacheRevalidate;

  /**
   * The value cache policy of the {@code --cache-*} flags.
   *
   * @throws IllegalArgumentException when a value is out of range, naming the flag
   */
  ValueCachePolicy valueCachePolicy() {
    ValueCachePolicy.Builder policy = ValueCachePolicy.builder().ttl(cacheTtl);
    if (!cachePinnedTtl.isEmpty()) {
      try {
        policy.pinnedTtl(new Converters.GoDurationValue().convert(cachePinnedTtl));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("--cache-pinned-ttl: " + e.getMessage(), e);
      }
    }
    if (cacheMaxBytes < 1) {
      throw new IllegalArgumentException(
          "--cache-max-bytes must be positive, got " + cacheMaxBytes);
    }
    policy.maximumBytes(cacheMaxBytes);
    if (cacheRevalidate) {
      if (cacheTtl.isZero()) {
        throw new IllegalArgumentException("--cache-revalidate needs a positive --cache-ttl");
      }
      policy.revalidateAfter(Duration.ZERO);
    }
    return policy.build();
  }

  /** The logging settings. */
  LogSettings logSettings() {
    return new LogSettings(logLevel, logFormat);
  }

  /**
   * The daemon settings; {@code --pod-identity-http-timeout} is resolved with the reference's rules
   * and log lines.
   *
   * @param error receives error-level lines
   * @param warning receives warning-level lines
   * @param env the process environment
   */
  DaemonConfig toConfig(Consumer<String> error, Consumer<String> warning, Map<String, String> env) {
    String agentUrl =
        podIdentityAgentUrl.isEmpty() ? env.getOrDefault(AGENT_URL_ENV, "") : podIdentityAgentUrl;
    return DaemonConfig.builder()
        .providerVolume(providerVolume)
        .driverWritesSecrets(driverWritesSecrets)
        .qps(qps)
        .burst(burst)
        .eksAddonVersion(eksAddonVersion)
        .podIdentityHttpTimeout(
            PodIdentityHttpTimeout.resolve(podIdentityHttpTimeout, error, warning))
        .podIdentityAgentUrl(agentUrl.isEmpty() ? Optional.empty() : Optional.of(agentUrl))
        .httpAddress(httpAddress)
        .socketMode(socketMode)
        .statusCodes(statusCodes)
        .shutdownGracePeriod(shutdownGracePeriod)
        .valueCache(valueCachePolicy())
        .fetchParallelism(fetchParallelism)
        .build();
  }

  /** Go's integer syntax, within 1 and {@value DaemonConfig#MAX_FETCH_PARALLELISM}. */
  static final class FetchParallelism implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      int n = new Converters.GoInt().convert(value);
      if (n < 1 || n > DaemonConfig.MAX_FETCH_PARALLELISM) {
        throw new TypeConversionException(
            "invalid value \""
                + value
                + "\": must be within 1 and "
                + DaemonConfig.MAX_FETCH_PARALLELISM);
      }
      return n;
    }
  }
}
