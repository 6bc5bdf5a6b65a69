// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.api;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * A typed listener of what ascp-java does: mounts, backend calls, credential lookups,
 * circuit-breaker skips, version reuse, Kubernetes lookups and watcher refreshes. Metrics and audit
 * hook in here; the provider daemon's Prometheus metrics are one implementation.
 *
 * <pre>{@code
 * AtomicLong failedMounts = new AtomicLong();
 * AscpListener listener =
 *     new AscpListener() {
 *       @Override
 *       public void mountFinished(MountFinished event) {
 *         if (!event.succeeded()) {
 *           failedMounts.incrementAndGet();
 *         }
 *       }
 *     };
 * SecretMounter mounter = SecretMounter.builder().source(source).listener(listener).build();
 * }</pre>
 *
 * <p>Every method has an empty default, so an implementation overrides only what it needs; {@link
 * #NOOP} listens to nothing. Events carry only bounded values — types, regions, operation names,
 * error codes, durations, counts and flags — never an object, pod, namespace, service-account or
 * secret name, never a value or a token, so that every field can become a metric label.
 *
 * <p>Methods are called synchronously on the thread that did the work, often a fetch thread, so
 * they must be fast and thread-safe. An exception thrown by a listener never breaks the work that
 * reported it: the caller catches it and logs the first one at debug level.
 */
public interface AscpListener {
  /** A listener that ignores every event. */
  AscpListener NOOP = new AscpListener() {};

  /** Called when a mount finished, successfully or not. */
  default void mountFinished(MountFinished event) {}

  /** Called when one call to a backend (an AWS API, the Pod Identity agent) finished. */
  default void backendCall(BackendCall event) {}

  /** Called when the credentials of a caller were looked up for a region. */
  default void credentialsLookup(CredentialsLookup event) {}

  /** Called when a region was skipped because its circuit breaker was open. */
  default void regionSkipped(RegionSkipped event) {}

  /**
   * Called when a mounted Secrets Manager version was checked for reuse (drivers up to v1.5 send
   * the mounted versions).
   */
  default void versionReuse(VersionReuse event) {}

  /** Called when the provider daemon looked up a Kubernetes object. */
  default void kubernetesLookup(KubernetesLookup event) {}

  /** Called when a watcher's refresh found changed files or versions. */
  default void rotationDetected(RotationDetected event) {}

  /** Called when a watcher's refresh failed and the last good content was kept. */
  default void refreshFailed(RefreshFailed event) {}

  /**
   * A mount finished.
   *
   * @param errorCode empty on success, else the class of the failure
   * @param duration how long the mount took, from request to result
   * @param objects the number of objects the mount asked for (0 when the failure came before the
   *     objects were read)
   * @param files the number of files produced (0 on failure)
   */
  record MountFinished(Optional<ErrorCode> errorCode, Duration duration, int objects, int files) {
    /** Checks the components. */
    public MountFinished {
      requireNonNull(errorCode, "errorCode");
      requireNonNegative(duration, "duration");
      requireNonNegative(objects, "objects");
      requireNonNegative(files, "files");
    }

    /** Whether the mount succeeded. */
    public boolean succeeded() {
      return errorCode.isEmpty();
    }
  }

  /**
   * One call to a backend finished (for the AWS SDK: one API call, retries included).
   *
   * @param service the backend: {@code secretsmanager}, {@code ssm}, {@code sts} or {@code
   *     pod-identity-agent} for ascp-aws
   * @param operation the API operation, e.g. {@code GetSecretValue}, {@code GetParameters}, {@code
   *     AssumeRoleWithWebIdentity}; {@code GetCredentials} for the Pod Identity agent
   * @param region the region called; empty for a node-local endpoint (the Pod Identity agent)
   * @param errorCode empty on success, else the class of the failure
   * @param duration how long the call took
   */
  record BackendCall(
      String service,
      String operation,
      Optional<String> region,
      Optional<ErrorCode> errorCode,
      Duration duration) {
    /** Checks the components. */
    public BackendCall {
      requireNonNull(service, "service");
      requireNonNull(operation, "operation");
      requireNonNull(region, "region");
      requireNonNull(errorCode, "errorCode");
      requireNonNegative(duration, "duration");
    }

    /** Whether the call succeeded. */
    public boolean succeeded() {
      return errorCode.isEmpty();
    }
  }

  /**
   * The credentials of a caller were looked up for the calls in one region.
   *
   * @param authMode how the caller authenticates
   * @param region the region of the calls the credentials are for
   * @param cacheHit true when cached temporary credentials were served (also when this lookup
   *     waited for another caller's exchange of the same token); false when this lookup exchanged
   *     the token itself, and always false for {@link AuthMode#DEFAULT_CHAIN}, whose provider
   *     caches on its own
   * @param errorCode empty on success, else the class of the failure
   * @param duration how long the lookup took, exchange included
   */
  record CredentialsLookup(
      AuthMode authMode,
      String region,
      boolean cacheHit,
      Optional<ErrorCode> errorCode,
      Duration duration) {
    /** Checks the components. */
    public CredentialsLookup {
      requireNonNull(authMode, "authMode");
      requireNonNull(region, "region");
      requireNonNull(errorCode, "errorCode");
      requireNonNegative(duration, "duration");
    }

    /** Whether the lookup succeeded. */
    public boolean succeeded() {
      return errorCode.isEmpty();
    }
  }

  /**
   * A region was skipped for a batch of objects because its circuit breaker was open (it failed
   * repeatedly on the server side) and another region remained to be tried.
   *
   * @param objectType the type of the skipped objects
   * @param region the skipped region
   * @param objects how many objects were sent to the next region instead
   */
  record RegionSkipped(ObjectType objectType, String region, int objects) {
    /** Checks the components. */
    public RegionSkipped {
      requireNonNull(objectType, "objectType");
      requireNonNull(region, "region");
      requireNonNegative(objects, "objects");
    }
  }

  /**
   * A mounted Secrets Manager version was checked: whether its bytes could be reused instead of
   * read again.
   *
   * @param region the region asked
   * @param hit true when the version is still the requested one and its bytes were served from
   *     memory; false when it changed or its bytes were not held (the value is then read)
   */
  record VersionReuse(String region, boolean hit) {
    /** Checks the components. */
    public VersionReuse {
      requireNonNull(region, "region");
    }
  }

  /**
   * The provider daemon looked up a Kubernetes object.
   *
   * @param kind the kind: {@code ServiceAccount}, {@code Pod} or {@code Node}
   * @param outcome what the lookup found
   * @param cacheHit whether the answer came from the daemon's short-lived cache (no API call)
   * @param duration how long the lookup took, rate-limit wait included
   */
  record KubernetesLookup(
      String kind, KubernetesLookup.Outcome outcome, boolean cacheHit, Duration duration) {
    /** What a Kubernetes lookup found. */
    public enum Outcome {
      /** The object and the value sought (annotation, label, node name) were there. */
      FOUND,
      /** The object, or the annotation or label sought on it, does not exist. */
      NOT_FOUND,
      /** The API call failed (refused, unreachable, timed out, rate limit interrupted). */
      FAILED
    }

    /** Checks the components. */
    public KubernetesLookup {
      requireNonNull(kind, "kind");
      requireNonNull(outcome, "outcome");
      requireNonNegative(duration, "duration");
    }
  }

  /**
   * A watcher's refresh produced files or versions that differ from the last good ones.
   *
   * @param files the number of files now mounted
   * @param changedVersions how many of the new versions differ from the last good ones (added,
   *     removed or changed); 0 when only contents changed
   */
  record RotationDetected(int files, int changedVersions) {
    /** Checks the components. */
    public RotationDetected {
      requireNonNegative(files, "files");
      requireNonNegative(changedVersions, "changedVersions");
    }
  }

  /**
   * A watcher's refresh failed; the last good content stays.
   *
   * @param errorCode the class of the failure
   * @param consecutiveFailures how many refreshes in a row have failed, this one included
   */
  record RefreshFailed(ErrorCode errorCode, int consecutiveFailures) {
    /** Checks the components. */
    public RefreshFailed {
      requireNonNull(errorCode, "errorCode");
      if (consecutiveFailures < 1) {
        throw new IllegalArgumentException(
            "consecutiveFailures must be at least 1, got " + consecutiveFailures);
      }
    }
  }

  private static void requireNonNegative(Duration duration, String name) {
    requireNonNull(duration, name);
    if (duration.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, got " + duration);
    }
  }

  private static void requireNonNegative(int value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must not be negative, got " + value);
    }
  }
}
