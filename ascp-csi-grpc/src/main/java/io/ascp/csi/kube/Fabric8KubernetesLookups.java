// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.kube;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.ascp.api.AscpException;
import io.ascp.api.AscpListener;
import io.ascp.api.AscpListener.KubernetesLookup.Outcome;
import io.ascp.api.ErrorCode;
import io.ascp.core.Ticker;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link KubernetesLookups} over a fabric8 client: plain GETs of a ServiceAccount, a Pod and a
 * Node, behind the client-side rate limit, with short-lived caches of positive answers.
 *
 * <p>Caches: the role annotation by service account for {@link #ROLE_TTL} (so a changed annotation
 * shows within that time); the region by pod uid and by node name for {@link #REGION_TTL} (a pod
 * never changes node and a node never changes region). A missing object, a missing annotation or a
 * missing label is never cached, so a fix works on the next mount.
 *
 * <p>Every object looked up is reported as one {@link AscpListener.KubernetesLookup} to the
 * {@linkplain #observe observing} listener: a pod's region is a Pod lookup and, unless the pod's
 * region was cached, a Node lookup.
 */
final class Fabric8KubernetesLookups implements KubernetesLookups {
  private static final Logger log = LoggerFactory.getLogger(Fabric8KubernetesLookups.class);

  /** How long a service account's role annotation is reused. */
  static final Duration ROLE_TTL = Duration.ofSeconds(30);

  /** How long a pod's or a node's region is reused. */
  static final Duration REGION_TTL = Duration.ofMinutes(10);

  private static final int MAX_ENTRIES = 10_000;

  /** The kinds reported to the listener. */
  static final String SERVICE_ACCOUNT = "ServiceAccount";

  static final String POD = "Pod";
  static final String NODE = "Node";

  private final KubernetesClient client;
  private final boolean ownsClient;
  private final TokenBucket rateLimit;
  private final Cache<String, String> roles;
  private final Cache<String, String> podRegions;
  private final Cache<String, String> nodeRegions;
  private final Ticker ticker;
  private volatile AscpListener listener = AscpListener.NOOP;

  /**
   * Creates the lookups.
   *
   * @param client the client
   * @param ownsClient whether {@link #close()} closes the client
   * @param rateLimit the client-side rate limit
   * @param ticker the time source of the caches
   */
  Fabric8KubernetesLookups(
      KubernetesClient client, boolean ownsClient, TokenBucket rateLimit, Ticker ticker) {
    this.client = requireNonNull(client, "client");
    this.ownsClient = ownsClient;
    this.rateLimit = requireNonNull(rateLimit, "rateLimit");
    this.roles = cache(ROLE_TTL, ticker);
    this.podRegions = cache(REGION_TTL, ticker);
    this.nodeRegions = cache(REGION_TTL, ticker);
    this.ticker = ticker;
  }

  @Override
  public void observe(AscpListener listener) {
    this.listener = requireNonNull(listener, "listener");
  }

  private void report(String kind, Outcome outcome, boolean cacheHit, long start) {
    AscpListener l = listener;
    if (l == AscpListener.NOOP) {
      return;
    }
    try {
      l.kubernetesLookup(
          new AscpListener.KubernetesLookup(
              kind, outcome, cacheHit, Duration.ofNanos(Math.max(0, ticker.read() - start))));
    } catch (RuntimeException e) {
      log.debug("The Kubernetes lookup listener failed ({})", e.getClass().getName(), e);
    }
  }

  private static Cache<String, String> cache(Duration ttl, Ticker ticker) {
    return Caffeine.newBuilder()
        .expireAfterWrite(ttl)
        .maximumSize(MAX_ENTRIES)
        .ticker(ticker::read)
        .executor(Runnable::run)
        .build();
  }

  @Override
  public Optional<String> serviceAccountRoleArn(String namespace, String name) {
    long start = ticker.read();
    requireName(namespace, name, SERVICE_ACCOUNT, start);
    String key = namespace + "/" + name;
    String cached = roles.getIfPresent(key);
    if (cached != null) {
      report(SERVICE_ACCOUNT, Outcome.FOUND, true, start);
      return Optional.of(cached);
    }
    ServiceAccount account =
        get(
            () -> client.serviceAccounts().inNamespace(namespace).withName(name).get(),
            "serviceaccounts",
            name,
            SERVICE_ACCOUNT,
            start);
    Map<String, String> annotations = account.getMetadata().getAnnotations();
    String role = annotations == null ? null : annotations.get(ROLE_ARN_ANNOTATION);
    if (role == null || role.isEmpty()) {
      report(SERVICE_ACCOUNT, Outcome.NOT_FOUND, false, start);
      return Optional.empty();
    }
    roles.put(key, role);
    report(SERVICE_ACCOUNT, Outcome.FOUND, false, start);
    return Optional.of(role);
  }

  @Override
  public String podRegion(String namespace, String name, String podUid) {
    long start = ticker.read();
    if (!podUid.isEmpty()) {
      String cached = podRegions.getIfPresent(podUid);
      if (cached != null) {
        report(POD, Outcome.FOUND, true, start);
        return cached;
      }
    }
    requireName(namespace, name, POD, start);
    Pod pod =
        get(
            () -> client.pods().inNamespace(namespace).withName(name).get(),
            "pods",
            name,
            POD,
            start);
    String nodeName = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
    if (nodeName == null || nodeName.isEmpty()) {
      report(POD, Outcome.NOT_FOUND, false, start);
      throw lookupFailure("resource name may not be empty");
    }
    report(POD, Outcome.FOUND, false, start);
    long nodeStart = ticker.read();
    String region = nodeRegions.getIfPresent(nodeName);
    if (region == null) {
      Node node =
          get(() -> client.nodes().withName(nodeName).get(), "nodes", nodeName, NODE, nodeStart);
      Map<String, String> labels = node.getMetadata().getLabels();
      String label = labels == null ? null : labels.get(REGION_LABEL);
      if (label == null || label.isEmpty()) {
        report(NODE, Outcome.NOT_FOUND, false, nodeStart);
        throw lookupFailure("Region not found");
      }
      region = label;
      nodeRegions.put(nodeName, region);
      report(NODE, Outcome.FOUND, false, nodeStart);
    } else {
      report(NODE, Outcome.FOUND, true, nodeStart);
    }
    if (!podUid.isEmpty()) {
      podRegions.put(podUid, region);
    }
    return region;
  }

  @Override
  public void close() {
    if (ownsClient) {
      client.close();
    }
  }

  /**
   * One GET behind the rate limit; a missing object is client-go's {@code "x" not found}. Reports
   * the lookup of {@code kind} when it fails.
   */
  private <T> T get(
      Supplier<@Nullable T> call, String resource, String name, String kind, long start) {
    try {
      rateLimit.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      report(kind, Outcome.FAILED, false, start);
      throw lookupFailure("interrupted while waiting for the Kubernetes API rate limit");
    }
    T value;
    try {
      value = call.get();
    } catch (KubernetesClientException e) {
      log.debug("GET {} {} failed", resource, name, e);
      report(kind, e.getCode() == 404 ? Outcome.NOT_FOUND : Outcome.FAILED, false, start);
      throw new AscpException(ErrorCode.KUBERNETES_LOOKUP, describe(e, resource, name), e);
    }
    if (value == null) {
      report(kind, Outcome.NOT_FOUND, false, start);
      throw lookupFailure(resource + " \"" + name + "\" not found");
    }
    return value;
  }

  private void requireName(String namespace, String name, String kind, long start) {
    if (name.isEmpty()) {
      report(kind, Outcome.FAILED, false, start);
      throw lookupFailure("resource name may not be empty");
    }
    if (namespace.isEmpty()) {
      report(kind, Outcome.FAILED, false, start);
      throw lookupFailure("namespace may not be empty");
    }
  }

  /**
   * The API server's own message when it sent one (such as {@code pods "x" is forbidden: …}), else
   * the HTTP code or the transport failure.
   */
  private static String describe(KubernetesClientException e, String resource, String name) {
    if (e.getStatus() != null
        && e.getStatus().getMessage() != null
        && !e.getStatus().getMessage().isEmpty()) {
      return e.getStatus().getMessage();
    }
    if (e.getCode() > 0) {
      return "GET " + resource + " \"" + name + "\" failed with HTTP status " + e.getCode();
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String detail =
        root == e || root.getMessage() == null
            ? root.getClass().getSimpleName()
            : root.getClass().getSimpleName() + ": " + root.getMessage();
    return "GET " + resource + " \"" + name + "\" failed: " + detail;
  }

  private static AscpException lookupFailure(String message) {
    return new AscpException(ErrorCode.KUBERNETES_LOOKUP, message);
  }
}
