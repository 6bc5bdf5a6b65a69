// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.kube;

import static java.util.Objects.requireNonNull;

import io.ascp.core.Ticker;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Creates the daemon's {@link KubernetesLookups}: with the in-cluster configuration in a pod, with
 * {@code KUBECONFIG} outside, and without either a stand-in whose lookups fail with a clear message
 * (the daemon still starts; mounts that name their region and use Pod Identity need no lookup).
 */
public final class KubernetesAccess {
  /** The service-account token of a pod, the mark of the in-cluster configuration. */
  static final Path IN_CLUSTER_TOKEN =
      Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");

  private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
  private static final int REQUEST_TIMEOUT_MILLIS = 10_000;
  private static final int RETRY_LIMIT = 2;
  private static final int RETRY_INTERVAL_MILLIS = 200;

  private KubernetesAccess() {}

  /** Where the configuration comes from. */
  public enum Source {
    /** The pod's service account ({@code KUBERNETES_SERVICE_HOST} and the token file). */
    IN_CLUSTER,
    /** The files named by {@code KUBECONFIG}. */
    KUBECONFIG
  }

  /** The configuration source the environment offers, if any. */
  public static Optional<Source> detect(Map<String, String> env) {
    return detect(env, Files::isRegularFile);
  }

  static Optional<Source> detect(Map<String, String> env, Predicate<Path> fileExists) {
    if (!env.getOrDefault("KUBERNETES_SERVICE_HOST", "").isEmpty()
        && !env.getOrDefault("KUBERNETES_SERVICE_PORT", "").isEmpty()
        && fileExists.test(IN_CLUSTER_TOKEN)) {
      return Optional.of(Source.IN_CLUSTER);
    }
    String kubeconfig = env.getOrDefault("KUBECONFIG", "");
    for (String entry : kubeconfig.split(File.pathSeparator, -1)) {
      if (!entry.isEmpty() && exists(entry, fileExists)) {
        return Optional.of(Source.KUBECONFIG);
      }
    }
    return Optional.empty();
  }

  private static boolean exists(String path, Predicate<Path> fileExists) {
    try {
      return fileExists.test(Path.of(path));
    } catch (InvalidPathException e) {
      return false;
    }
  }

  /**
   * The lookups for this process's environment. The returned object owns the client it created.
   *
   * @param source the configuration source, from {@link #detect(Map)}; empty for the stand-in
   * @param qps the {@code --qps} flag value
   * @param burst the {@code --burst} flag value
   * @param ticker the time source of the rate limit and the caches
   */
  public static KubernetesLookups create(
      Optional<Source> source, int qps, int burst, Ticker ticker) {
    if (source.isEmpty()) {
      return new UnconfiguredKubernetesLookups();
    }
    Config config =
        new ConfigBuilder(Config.autoConfigure(null))
            .withConnectionTimeout(CONNECT_TIMEOUT_MILLIS)
            .withRequestTimeout(REQUEST_TIMEOUT_MILLIS)
            .withRequestRetryBackoffLimit(RETRY_LIMIT)
            .withRequestRetryBackoffInterval(RETRY_INTERVAL_MILLIS)
            .build();
    return forClient(newClient(config), true, qps, burst, ticker, TimeUnit.NANOSECONDS::sleep);
  }

  /**
   * The lookups against the API server at {@code url}, without credentials and without reading the
   * environment or a kubeconfig: for a loopback API server in tests (such as fabric8's mock server)
   * and for the CSI driver simulator's JUnit extension. Same client, rate limit, caches and
   * timeouts as {@link #create}. The returned object owns the client it created.
   *
   * @param url the API server's base URL, e.g. {@code http://127.0.0.1:40123}
   */
  public static KubernetesLookups forApiServer(URI url, int qps, int burst, Ticker ticker) {
    requireNonNull(url, "url");
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(url.toString())
            .withConnectionTimeout(CONNECT_TIMEOUT_MILLIS)
            .withRequestTimeout(REQUEST_TIMEOUT_MILLIS)
            .withRequestRetryBackoffLimit(RETRY_LIMIT)
            .withRequestRetryBackoffInterval(RETRY_INTERVAL_MILLIS)
            .build();
    return forClient(newClient(config), true, qps, burst, ticker, TimeUnit.NANOSECONDS::sleep);
  }

  /** A fabric8 client on the JDK HTTP client (DESIGN.md §6.11); the caller owns it. */
  static KubernetesClient newClient(Config config) {
    return new KubernetesClientBuilder()
        .withConfig(config)
        .withHttpClientFactory(new JdkHttpClientFactory())
        .build();
  }

  /** Lookups over {@code client}; closing them closes the client only if {@code owns}. */
  static KubernetesLookups forClient(
      KubernetesClient client,
      boolean owns,
      int qps,
      int burst,
      Ticker ticker,
      TokenBucket.Sleeper sleeper) {
    return new Fabric8KubernetesLookups(
        client, owns, TokenBucket.of(qps, burst, ticker, sleeper), ticker);
  }
}
