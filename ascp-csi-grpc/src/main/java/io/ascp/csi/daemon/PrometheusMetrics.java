// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.daemon;

import io.ascp.api.AscpListener;
import io.ascp.api.AuthMode;
import io.ascp.api.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The daemon's Prometheus metrics (docs/provider.md, "Metrics"): an {@link AscpListener} that
 * counts the events of the daemon, the mount pipeline and the AWS sources into a Micrometer {@link
 * PrometheusMeterRegistry}, plus the JVM and process basics; {@link #scrape()} renders the
 * Prometheus text format for {@code GET /metrics}.
 *
 * <p>Every label has a bounded set of values: outcomes, error codes, object types, AWS services and
 * operations, Kubernetes kinds — and regions, which come from the {@code SecretProviderClass} and
 * are therefore checked: a value that is not shaped like an AWS region, or any region beyond the
 * first {@value #MAX_REGIONS}, is counted as {@code other}. No object, pod, namespace or secret
 * name and no value ever becomes a label.
 *
 * <p>One registry per daemon (several daemons may share a JVM in tests), never Micrometer's global
 * one. This object creates and owns the registry and the JVM binders; {@link #close()} releases
 * them.
 */
final class PrometheusMetrics implements AscpListener, AutoCloseable {
  /** The bounds of the mount-duration histogram: 10 ms to 2 minutes (kubelet's deadline). */
  static final Duration[] MOUNT_BUCKETS = {
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(30),
    Duration.ofSeconds(60),
    Duration.ofSeconds(120)
  };

  /** The most distinct region label values; later regions are counted as {@code other}. */
  static final int MAX_REGIONS = 32;

  /** The label value of an absent error code or region. */
  static final String NONE = "none";

  /** The label value of a region that is malformed or beyond {@link #MAX_REGIONS}. */
  static final String OTHER = "other";

  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]{1,2}");

  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gc;
  private final Set<String> regions = ConcurrentHashMap.newKeySet();

  /**
   * Creates the registry with the JVM and process metrics and {@code ascp_build_info}.
   *
   * @param version the version the build-info gauge reports
   */
  PrometheusMetrics(VersionInfo version) {
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    this.gc = new JvmGcMetrics();
    gc.bindTo(registry);
    Gauge.builder("ascp.build.info", () -> 1)
        .description("The running provider: 1, with its name and version as labels")
        .tags("runtime", version.runtimeName(), "version", version.runtimeVersion())
        .register(registry);
    // Present from the start, so that a dashboard shows zero rather than nothing.
    for (String outcome : new String[] {"success", "failure"}) {
      mountTimer(outcome);
    }
  }

  /** The metrics in the Prometheus text format 0.0.4. */
  String scrape() {
    return registry.scrape();
  }

  @Override
  public void mountFinished(MountFinished event) {
    String outcome = event.succeeded() ? "success" : "failure";
    Counter.builder("ascp.mounts")
        .description("Mount requests by outcome and error class")
        .tags("outcome", outcome, "error_code", code(event.errorCode()))
        .register(registry)
        .increment();
    mountTimer(outcome).record(event.duration());
    if (event.succeeded()) {
      Counter.builder("ascp.mounted.objects")
          .description("Objects delivered by successful mounts")
          .register(registry)
          .increment(event.objects());
      Counter.builder("ascp.mounted.files")
          .description("Files delivered by successful mounts")
          .register(registry)
          .increment(event.files());
    }
  }

  /** Counts a Mount whose call was cancelled or timed out before it finished. */
  void mountAbandoned(String reason) {
    Counter.builder("ascp.mounts.abandoned")
        .description("Mount requests abandoned because the call was cancelled or timed out")
        .tags("reason", reason)
        .register(registry)
        .increment();
  }

  @Override
  public void backendCall(BackendCall event) {
    String region = region(event.region());
    Counter.builder("ascp.backend.calls")
        .description("Calls to AWS APIs and the Pod Identity agent, retries included in one call")
        .tags(
            Tags.of(
                "service", event.service(),
                "operation", event.operation(),
                "region", region,
                "outcome", event.succeeded() ? "success" : "failure",
                "error_code", code(event.errorCode())))
        .register(registry)
        .increment();
    Timer.builder("ascp.backend.call.duration")
        .description("Duration of backend calls")
        .tags("service", event.service(), "operation", event.operation(), "region", region)
        .register(registry)
        .record(event.duration());
  }

  @Override
  public void credentialsLookup(CredentialsLookup event) {
    String source;
    if (event.authMode() == AuthMode.DEFAULT_CHAIN) {
      source = "chain";
    } else {
      source = event.cacheHit() ? "cache" : "exchange";
    }
    Counter.builder("ascp.credentials.lookups")
        .description(
            "Credentials lookups by authentication mode and source: a cached credential, a token"
                + " exchange, or the default chain")
        .tags(
            Tags.of(
                "auth_mode", event.authMode().name().toLowerCase(Locale.ROOT),
                "region", region(Optional.of(event.region())),
                "source", source,
                "outcome", event.succeeded() ? "success" : "failure",
                "error_code", code(event.errorCode())))
        .register(registry)
        .increment();
  }

  @Override
  public void regionSkipped(RegionSkipped event) {
    Counter.builder("ascp.region.skips")
        .description("Batches sent past a region whose circuit breaker was open")
        .tags(
            "region",
            region(Optional.of(event.region())),
            "object_type",
            event.objectType().parameterValue())
        .register(registry)
        .increment();
  }

  @Override
  public void versionReuse(VersionReuse event) {
    Counter.builder("ascp.version.reuse")
        .description("Mounted Secrets Manager versions checked for reuse (drivers up to v1.5)")
        .tags("result", event.hit() ? "hit" : "miss")
        .register(registry)
        .increment();
  }

  @Override
  public void kubernetesLookup(KubernetesLookup event) {
    Counter.builder("ascp.kubernetes.lookups")
        .description("Kubernetes lookups by kind, outcome and cache use")
        .tags(
            "kind",
            event.kind(),
            "outcome",
            event.outcome().name().toLowerCase(Locale.ROOT),
            "cache",
            event.cacheHit() ? "hit" : "miss")
        .register(registry)
        .increment();
  }

  /** Releases the JVM binders; the registry holds nothing else that needs closing. */
  @Override
  public void close() {
    gc.close();
    registry.close();
  }

  private Timer mountTimer(String outcome) {
    return Timer.builder("ascp.mount.duration")
        .description("Duration of mount requests, from request to response")
        .tags("outcome", outcome)
        .serviceLevelObjectives(MOUNT_BUCKETS)
        .register(registry);
  }

  private static String code(Optional<ErrorCode> code) {
    return code.map(ErrorCode::name).orElse(NONE);
  }

  /** A bounded label value for a region. */
  String region(Optional<String> region) {
    if (region.isEmpty() || region.get().isEmpty()) {
      return NONE;
    }
    String r = region.get();
    if (!REGION.matcher(r).matches() || r.length() > 32) {
      return OTHER;
    }
    if (regions.contains(r)) {
      return r;
    }
    synchronized (regions) {
      if (regions.size() < MAX_REGIONS) {
        regions.add(r);
        return r;
      }
    }
    return regions.contains(r) ? r : OTHER;
  }
}
