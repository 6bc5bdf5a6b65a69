// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.daemon;

import static java.util.Objects.requireNonNull;

import io.ascp.api.AscpException;
import io.ascp.api.ErrorCode;
import io.ascp.api.spi.SecretSource;
import io.ascp.core.Ticker;
import io.ascp.csi.kube.KubernetesAccess;
import io.ascp.csi.kube.KubernetesLookups;
import io.grpc.health.v1.HealthCheckResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running provider daemon: the gRPC server on the provider socket, the Mount handler behind it,
 * and the Kubernetes lookups it needs.
 *
 * <p>This object creates and owns the server, the Kubernetes client, the AWS clients, the mount
 * pipeline's executor, the metrics registry and the HTTP listener; {@link #shutdown()} drains the
 * server within the configured grace period, removes the socket and closes the rest.
 */
public final class Daemon implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Daemon.class);

  private final DaemonConfig config;
  private final ProviderServer server;
  private final KubernetesLookups kubernetes;
  private final Optional<HealthListener> http;
  private final PrometheusMetrics metrics;
  private final Runnable resources;

  /** How long {@code /healthz} waits for the health service's answer over the socket. */
  static final Duration HEALTH_CHECK_DEADLINE = Duration.ofSeconds(1);

  private Daemon(
      DaemonConfig config,
      ProviderServer server,
      KubernetesLookups kubernetes,
      Optional<HealthListener> http,
      PrometheusMetrics metrics,
      Runnable resources) {
    this.config = config;
    this.server = server;
    this.kubernetes = kubernetes;
    this.http = http;
    this.metrics = metrics;
    this.resources = resources;
  }

  /**
   * Starts a daemon with this process's environment: the Kubernetes configuration (in-cluster or
   * {@code KUBECONFIG}) and the variables {@link #start(DaemonConfig, Map, KubernetesLookups)}
   * reads.
   *
   * @throws IOException when the socket cannot be bound or a client cannot be built
   */
  public static Daemon start(DaemonConfig config) throws IOException {
    requireNonNull(config, "config");
    Map<String, String> env = System.getenv();
    Optional<KubernetesAccess.Source> source = KubernetesAccess.detect(env);
    if (source.isPresent()) {
      log.info("Kubernetes API configuration: {}", source.get());
    } else {
      log.warn(
          "No Kubernetes API configuration (not in a pod, KUBECONFIG not set): mounts that need"
              + " the pod's region or the service account's IAM role will fail");
    }
    KubernetesLookups kubernetes;
    try {
      kubernetes = KubernetesAccess.create(source, config.qps(), config.burst(), Ticker.system());
    } catch (RuntimeException e) {
      // The reference's text; the cause (a kubeconfig problem) names a file or a field.
      throw new IOException(
          "Can not initialize kubernetes client. error: "
              + (e.getMessage() == null ? e.getClass().getName() : e.getMessage()),
          e);
    }
    return start(config, env, kubernetes);
  }

  /**
   * Starts a daemon that reads {@code env} instead of this process's environment, with the given
   * Kubernetes lookups; {@link #start(DaemonConfig)} is this method with {@code System.getenv()}.
   * It is the seam of the end-to-end tests and of the CSI driver simulator's JUnit extension, which
   * run several daemons in one JVM, each with its own AWS endpoint, region and agent.
   *
   * <p>The variables read: {@code AWS_REGION} (the region of mounts without a {@code region}
   * attribute), {@code AWS_CA_BUNDLE}, {@code ASCP_POD_IDENTITY_AGENT_URL} (when the configuration
   * names no agent URL) and the endpoint variables of {@link Wiring#production(DaemonConfig, Map)}.
   * The AWS SDK may read further settings of its own from the process (retry mode, FIPS, proxies).
   *
   * @param env the environment variables the daemon sees
   * @param kubernetes the Kubernetes lookups; the daemon owns them from now on (also when the start
   *     fails) and closes them on shutdown
   * @throws IOException when the socket cannot be bound or the AWS clients cannot be built
   */
  public static Daemon start(
      DaemonConfig config, Map<String, String> env, KubernetesLookups kubernetes)
      throws IOException {
    requireNonNull(config, "config");
    requireNonNull(env, "env");
    requireNonNull(kubernetes, "kubernetes");
    PrometheusMetrics metrics = new PrometheusMetrics(VersionInfo.current());
    Wiring.Production production;
    try {
      production = Wiring.production(config, env, metrics);
    } catch (RuntimeException e) {
      kubernetes.close();
      metrics.close();
      throw new IOException(
          "Can not initialize the AWS clients. error: "
              + (e.getMessage() == null ? e.getClass().getName() : e.getMessage()),
          e);
    }
    try {
      return start(
          config,
          production.wiring(),
          kubernetes,
          Optional.ofNullable(env.get("AWS_REGION")),
          production.resources(),
          metrics);
    } catch (IOException | RuntimeException e) {
      production.resources().run();
      throw e;
    }
  }

  /**
   * Starts a daemon that reads every object from {@code source} and resolves no identity: the
   * daemon of {@code --backend memory:FILE}, for development, demos and clusters without AWS.
   *
   * <p>Skipped, compared with {@link #start(DaemonConfig)}: the {@code serviceAccount.tokens}
   * attribute is not read (neither required nor parsed), no IAM role is looked up, no credentials
   * are made, and there is no Kubernetes client, so the region comes from the {@code region}
   * parameter or {@code AWS_REGION} in {@code env}, never from the node's label. Everything else is
   * the production daemon's: the socket and its mode, the order of checks, the parameters' rules
   * and messages, the files, modes and versions, the status codes, draining on shutdown. {@code
   * usePodIdentity} is still checked (a bad value fails as usual) but has no effect.
   *
   * <p>The daemon never closes {@code source}.
   *
   * @param env the environment variables the daemon reads ({@code AWS_REGION} only)
   * @throws IOException when the socket cannot be bound
   */
  public static Daemon startLocal(DaemonConfig config, SecretSource source, Map<String, String> env)
      throws IOException {
    requireNonNull(config, "config");
    requireNonNull(source, "source");
    requireNonNull(env, "env");
    Wiring.Production local = Wiring.local(source);
    try {
      return start(
          config,
          local.wiring(),
          new NoKubernetes(),
          Optional.ofNullable(env.get("AWS_REGION")),
          local.resources());
    } catch (IOException | RuntimeException e) {
      local.resources().run();
      throw e;
    }
  }

  /** The lookups of a daemon without Kubernetes: only the region could be asked for. */
  private static final class NoKubernetes implements KubernetesLookups {
    static final String MESSAGE =
        "this daemon reads from a local backend and does not use Kubernetes; set the region"
            + " parameter of the SecretProviderClass or AWS_REGION";

    @Override
    public Optional<String> serviceAccountRoleArn(String namespace, String name) {
      throw new AscpException(ErrorCode.INVALID_PARAMETERS, MESSAGE);
    }

    @Override
    public String podRegion(String namespace, String name, String podUid) {
      throw new AscpException(ErrorCode.INVALID_PARAMETERS, MESSAGE);
    }

    @Override
    public void close() {}
  }

  /**
   * Starts a daemon from its parts; the daemon takes ownership of {@code kubernetes}.
   *
   * @throws IOException when the socket cannot be bound
   */
  static Daemon start(
      DaemonConfig config,
      Wiring wiring,
      KubernetesLookups kubernetes,
      Optional<String> awsRegionEnv)
      throws IOException {
    return start(config, wiring, kubernetes, awsRegionEnv, () -> {});
  }

  /**
   * Starts a daemon from its parts; the daemon takes ownership of {@code kubernetes} and runs
   * {@code resources} once it has stopped serving.
   */
  static Daemon start(
      DaemonConfig config,
      Wiring wiring,
      KubernetesLookups kubernetes,
      Optional<String> awsRegionEnv,
      Runnable resources)
      throws IOException {
    return start(
        config,
        wiring,
        kubernetes,
        awsRegionEnv,
        resources,
        new PrometheusMetrics(VersionInfo.current()));
  }

  /**
   * Starts a daemon from its parts; the daemon takes ownership of {@code kubernetes} and {@code
   * metrics} (also when the start fails), reports its Mounts and Kubernetes lookups to the metrics,
   * and runs {@code resources} once it has stopped serving.
   */
  static Daemon start(
      DaemonConfig config,
      Wiring wiring,
      KubernetesLookups kubernetes,
      Optional<String> awsRegionEnv,
      Runnable resources,
      PrometheusMetrics metrics)
      throws IOException {
    requireNonNull(config, "config");
    StatusMapping statuses = new StatusMapping(config.statusCodes());
    kubernetes.observe(metrics);
    MountHandler handler =
        new MountHandler(config.driverWritesSecrets(), wiring, kubernetes, awsRegionEnv);
    ProviderService service =
        new ProviderService(
            VersionInfo.current(),
            handler,
            statuses,
            new MountLog(metrics, metrics::mountAbandoned));
    ProviderServer server;
    try {
      server = ProviderServer.start(config.socketPath(), config.socketMode(), service, statuses);
    } catch (IOException | RuntimeException e) {
      kubernetes.close();
      metrics.close();
      throw e;
    }
    Optional<HealthListener> http = Optional.empty();
    if (!config.httpAddress().isEmpty()) {
      try {
        http =
            Optional.of(
                HealthListener.start(
                    config.httpAddress(),
                    () ->
                        server
                            .checkHealth(HEALTH_CHECK_DEADLINE)
                            .filter(s -> s == HealthCheckResponse.ServingStatus.SERVING)
                            .isPresent(),
                    () -> !server.isDraining() && !server.isTerminated(),
                    metrics::scrape));
      } catch (IOException | RuntimeException e) {
        server.close();
        kubernetes.close();
        metrics.close();
        throw e;
      }
    }
    return new Daemon(config, server, kubernetes, http, metrics, resources);
  }

  /** The daemon's metrics in the Prometheus text format, as {@code GET /metrics} serves them. */
  String scrapeMetrics() {
    return metrics.scrape();
  }

  /** The bound address of the HTTP listener, if {@code --http-address} was set. */
  public Optional<java.net.InetSocketAddress> httpAddress() {
    return http.map(HealthListener::address);
  }

  /** The socket the daemon listens on. */
  public String socketPath() {
    return server.socketPath().toString();
  }

  /** The settings the daemon runs with. */
  public DaemonConfig config() {
    return config;
  }

  /** Whether the daemon refuses new calls because it is shutting down. */
  public boolean isDraining() {
    return server.isDraining();
  }

  /**
   * Drains and stops: new calls get {@code UNAVAILABLE}, running mounts get the grace period, then
   * the socket is removed and the Kubernetes client closed. Idempotent.
   */
  public void shutdown() {
    try {
      server.shutdown(config.shutdownGracePeriod());
    } finally {
      http.ifPresent(HealthListener::close);
      try {
        kubernetes.close();
      } finally {
        try {
          resources.run();
        } finally {
          metrics.close();
        }
      }
    }
  }

  /** The same as {@link #shutdown()}. */
  @Override
  public void close() {
    shutdown();
  }

  /** Test hook: starts refusing new calls without stopping. */
  void beginDrain() {
    server.beginDrain();
  }
}
