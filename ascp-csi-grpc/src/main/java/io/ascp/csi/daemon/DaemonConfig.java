// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.daemon;

import static java.util.Objects.requireNonNull;

import io.ascp.core.ValueCachePolicy;
import java.time.Duration;
import java.util.Optional;

/**
 * The daemon's settings, one per command-line flag (docs/provider.md, "Daemon flags and
 * behaviour"). Immutable; build it with {@link #builder()}.
 *
 * @param providerVolume the rendezvous directory; the socket is {@code <providerVolume>/aws.sock}
 * @param driverWritesSecrets whether the files go back in the response instead of being written
 * @param qps the Kubernetes client's queries per second (client-go semantics: 0 means 5, negative
 *     means unlimited)
 * @param burst the Kubernetes client's burst (0 or less means 10)
 * @param eksAddonVersion replaces the provider version in the AWS User-Agent app id when not empty
 * @param podIdentityHttpTimeout the HTTP timeout of Pod Identity agent calls; empty for the SDK
 *     default
 * @param podIdentityAgentUrl a full URL that replaces the Pod Identity agent endpoints, if set
 * @param httpAddress the health listener ({@code host:port}); empty for none
 * @param socketMode the permission bits of the socket file, 0 to 0777
 * @param statusCodes how Mount failures become gRPC status codes
 * @param shutdownGracePeriod how long running mounts may finish after SIGTERM
 * @param valueCache the mount pipeline's value cache (off by default)
 * @param fetchParallelism how many AWS calls of one batch run at once, and the size of the shared
 *     fetch pool, 1 to {@value #MAX_FETCH_PARALLELISM}
 */
public record DaemonConfig(
    String providerVolume,
    boolean driverWritesSecrets,
    int qps,
    int burst,
    String eksAddonVersion,
    Optional<Duration> podIdentityHttpTimeout,
    Optional<String> podIdentityAgentUrl,
    String httpAddress,
    int socketMode,
    StatusCodeMode statusCodes,
    Duration shutdownGracePeriod,
    ValueCachePolicy valueCache,
    int fetchParallelism) {

  /** The reference's default rendezvous directory. */
  public static final String DEFAULT_PROVIDER_VOLUME = "/var/run/secrets-store-csi-providers";

  /** The default socket mode: read and write for the owner only. */
  public static final int DEFAULT_SOCKET_MODE = 0600;

  /** The default time running mounts get to finish on SIGTERM. */
  public static final Duration DEFAULT_SHUTDOWN_GRACE_PERIOD = Duration.ofSeconds(5);

  /**
   * The daemon's default fetch parallelism: a class of up to 24 secrets in one round trip
   * (docs/performance.md measured 9.1 RTT at ascp-aws's library default of 8, 4.1 RTT at 24, with
   * no more CPU per mount). The daemon's fetch pool is shared by every concurrent mount of a node.
   */
  public static final int DEFAULT_FETCH_PARALLELISM = 24;

  /** The largest fetch parallelism ascp-aws accepts. */
  public static final int MAX_FETCH_PARALLELISM = 256;

  /** Checks the components. */
  public DaemonConfig {
    requireNonNull(providerVolume, "providerVolume");
    requireNonNull(eksAddonVersion, "eksAddonVersion");
    requireNonNull(podIdentityHttpTimeout, "podIdentityHttpTimeout");
    podIdentityHttpTimeout.ifPresent(
        t -> {
          if (t.isNegative() || t.isZero()) {
            throw new IllegalArgumentException("podIdentityHttpTimeout must be positive, got " + t);
          }
        });
    requireNonNull(podIdentityAgentUrl, "podIdentityAgentUrl");
    requireNonNull(httpAddress, "httpAddress");
    if (socketMode < 0 || socketMode > 0777) {
      throw new IllegalArgumentException(
          "socketMode must be within 0 and 0777, got 0" + Integer.toOctalString(socketMode));
    }
    requireNonNull(statusCodes, "statusCodes");
    requireNonNull(shutdownGracePeriod, "shutdownGracePeriod");
    if (shutdownGracePeriod.isNegative()) {
      throw new IllegalArgumentException(
          "shutdownGracePeriod must not be negative, got " + shutdownGracePeriod);
    }
    requireNonNull(valueCache, "valueCache");
    checkFetchParallelism(fetchParallelism);
  }

  private static void checkFetchParallelism(int fetchParallelism) {
    if (fetchParallelism < 1 || fetchParallelism > MAX_FETCH_PARALLELISM) {
      throw new IllegalArgumentException(
          "fetchParallelism must be within 1 and "
              + MAX_FETCH_PARALLELISM
              + ", got "
              + fetchParallelism);
    }
  }

  /** The settings of a daemon started without flags. */
  public static DaemonConfig defaults() {
    return builder().build();
  }

  /** A builder that starts from the {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder initialised with these settings. */
  public Builder toBuilder() {
    return new Builder()
        .providerVolume(providerVolume)
        .driverWritesSecrets(driverWritesSecrets)
        .qps(qps)
        .burst(burst)
        .eksAddonVersion(eksAddonVersion)
        .podIdentityHttpTimeout(podIdentityHttpTimeout)
        .podIdentityAgentUrl(podIdentityAgentUrl)
        .httpAddress(httpAddress)
        .socketMode(socketMode)
        .statusCodes(statusCodes)
        .shutdownGracePeriod(shutdownGracePeriod)
        .valueCache(valueCache)
        .fetchParallelism(fetchParallelism);
  }

  /** The socket path: {@code <providerVolume>/aws.sock}, concatenated as the reference does. */
  public String socketPath() {
    return SocketPaths.socketPath(providerVolume);
  }

  /** A validating builder of {@link DaemonConfig}; {@link #build()} checks the whole. */
  public static final class Builder {
    private String providerVolume = DEFAULT_PROVIDER_VOLUME;
    private boolean driverWritesSecrets;
    private int qps = 5;
    private int burst = 10;
    private String eksAddonVersion = "";
    private Optional<Duration> podIdentityHttpTimeout = Optional.empty();
    private Optional<String> podIdentityAgentUrl = Optional.empty();
    private String httpAddress = "";
    private int socketMode = DEFAULT_SOCKET_MODE;
    private StatusCodeMode statusCodes = StatusCodeMode.MAPPED;
    private Duration shutdownGracePeriod = DEFAULT_SHUTDOWN_GRACE_PERIOD;
    private ValueCachePolicy valueCache = ValueCachePolicy.disabled();
    private int fetchParallelism = DEFAULT_FETCH_PARALLELISM;

    private Builder() {}

    /** Sets the rendezvous directory. */
    public Builder providerVolume(String providerVolume) {
      this.providerVolume = requireNonNull(providerVolume, "providerVolume");
      return this;
    }

    /** Sets whether the driver writes the files. */
    public Builder driverWritesSecrets(boolean driverWritesSecrets) {
      this.driverWritesSecrets = driverWritesSecrets;
      return this;
    }

    /** Sets the Kubernetes client's queries per second. */
    public Builder qps(int qps) {
      this.qps = qps;
      return this;
    }

    /** Sets the Kubernetes client's burst. */
    public Builder burst(int burst) {
      this.burst = burst;
      return this;
    }

    /** Sets the EKS add-on version of the User-Agent app id. */
    public Builder eksAddonVersion(String eksAddonVersion) {
      this.eksAddonVersion = requireNonNull(eksAddonVersion, "eksAddonVersion");
      return this;
    }

    /** Sets the Pod Identity HTTP timeout; empty for the SDK default. */
    public Builder podIdentityHttpTimeout(Optional<Duration> podIdentityHttpTimeout) {
      this.podIdentityHttpTimeout =
          requireNonNull(podIdentityHttpTimeout, "podIdentityHttpTimeout");
      return this;
    }

    /** Sets the Pod Identity agent URL override. */
    public Builder podIdentityAgentUrl(Optional<String> podIdentityAgentUrl) {
      this.podIdentityAgentUrl = requireNonNull(podIdentityAgentUrl, "podIdentityAgentUrl");
      return this;
    }

    /** Sets the health and metrics listener address; empty for none. */
    public Builder httpAddress(String httpAddress) {
      this.httpAddress = requireNonNull(httpAddress, "httpAddress");
      return this;
    }

    /** Sets the socket's permission bits. */
    public Builder socketMode(int socketMode) {
      if (socketMode < 0 || socketMode > 0777) {
        throw new IllegalArgumentException(
            "socketMode must be within 0 and 0777, got 0" + Integer.toOctalString(socketMode));
      }
      this.socketMode = socketMode;
      return this;
    }

    /** Sets how failures become status codes. */
    public Builder statusCodes(StatusCodeMode statusCodes) {
      this.statusCodes = requireNonNull(statusCodes, "statusCodes");
      return this;
    }

    /** Sets the grace period of running mounts on SIGTERM. */
    public Builder shutdownGracePeriod(Duration shutdownGracePeriod) {
      requireNonNull(shutdownGracePeriod, "shutdownGracePeriod");
      if (shutdownGracePeriod.isNegative()) {
        throw new IllegalArgumentException(
            "shutdownGracePeriod must not be negative, got " + shutdownGracePeriod);
      }
      this.shutdownGracePeriod = shutdownGracePeriod;
      return this;
    }

    /**
     * Sets the value cache of the mount pipeline ({@code --cache-*}; default {@link
     * ValueCachePolicy#disabled()}: every mount reads fresh values).
     */
    public Builder valueCache(ValueCachePolicy valueCache) {
      this.valueCache = requireNonNull(valueCache, "valueCache");
      return this;
    }

    /**
     * Sets how many AWS calls of one batch run at once (and the size of the fetch pool every mount
     * shares), 1 to {@value #MAX_FETCH_PARALLELISM}.
     */
    public Builder fetchParallelism(int fetchParallelism) {
      checkFetchParallelism(fetchParallelism);
      this.fetchParallelism = fetchParallelism;
      return this;
    }

    /** Builds the settings. */
    public DaemonConfig build() {
      return new DaemonConfig(
          providerVolume,
          driverWritesSecrets,
          qps,
          burst,
          eksAddonVersion,
          podIdentityHttpTimeout,
          podIdentityAgentUrl,
          httpAddress,
          socketMode,
          statusCodes,
          shutdownGracePeriod,
          valueCache,
          fetchParallelism);
    }
  }
}
