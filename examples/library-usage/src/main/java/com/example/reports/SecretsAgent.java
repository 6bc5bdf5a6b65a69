// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package com.example.reports;

import static java.util.Objects.requireNonNull;

import io.ascp.api.AscpException;
import io.ascp.api.CallerIdentity;
import io.ascp.api.ErrorCode;
import io.ascp.api.MountParameters;
import io.ascp.api.MountRequest;
import io.ascp.api.MountResult;
import io.ascp.core.AttributeKeys;
import io.ascp.core.ParameterParser;
import io.ascp.core.Scheduler;
import io.ascp.core.SecretMounter;
import io.ascp.core.SecretProviderClassManifest;
import io.ascp.core.SecretWatcher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Keeps the secrets of a {@code SecretProviderClass} in a directory on a machine without
 * Kubernetes, the way the CSI driver keeps them in a pod: mounts the class once when it starts,
 * writes the files with the kubelet's atomic layout, re-resolves on an interval, rewrites the
 * directory and notifies the application when something rotated, and keeps the last good secrets
 * when a refresh fails.
 *
 * <pre>{@code
 * try (SecretsAgent agent =
 *     SecretsAgent.builder(mounter, SecretProviderClassManifest.read(Path.of("spc.yaml")))
 *         .directory(Path.of("/run/reports/secrets"))
 *         .interval(Duration.ofMinutes(5))
 *         .onRotation(secrets -> pool.updatePassword(secrets.dbPassword()))
 *         .start()) {
 *   connect(agent.secrets());
 * }
 * }</pre>
 *
 * <p>The agent is given its {@link SecretMounter} (and scheduler, if any) and closes neither; it
 * owns its {@link SecretWatcher} and stops it on {@link #close()}.
 */
public final class SecretsAgent implements AutoCloseable {
  private final SecretWatcher watcher;
  private final AtomicReference<Optional<AscpException>> lastFailure;
  private final AtomicInteger rotations;

  private SecretsAgent(
      SecretWatcher watcher,
      AtomicReference<Optional<AscpException>> lastFailure,
      AtomicInteger rotations) {
    this.watcher = watcher;
    this.lastFailure = lastFailure;
    this.rotations = rotations;
  }

  /** A builder of an agent that mounts {@code manifest} with {@code mounter}. */
  public static Builder builder(SecretMounter mounter, SecretProviderClassManifest manifest) {
    return new Builder(mounter, manifest);
  }

  /** The secrets mounted last (the last good ones after a failed refresh). */
  public ReportSecrets secrets() {
    return ReportSecrets.from(watcher.current());
  }

  /** Everything mounted last: files, modes and versions. */
  public MountResult mounted() {
    return watcher.current();
  }

  /** Why the last refresh failed, if it did; cleared by the next good refresh. */
  public Optional<AscpException> lastFailure() {
    return lastFailure.get();
  }

  /** How many refreshes found new secrets since the start. */
  public int rotations() {
    return rotations.get();
  }

  /** Stops refreshing; the directory keeps the last files. */
  @Override
  public void close() {
    watcher.close();
  }

  /** A builder of {@link SecretsAgent}. */
  public static final class Builder {
    private final SecretMounter mounter;
    private final SecretProviderClassManifest manifest;
    private Optional<String> defaultRegion = Optional.empty();
    private Optional<Path> directory = Optional.empty();
    private Duration interval = Duration.ofMinutes(5);
    private Optional<Scheduler> scheduler = Optional.empty();
    private Consumer<ReportSecrets> onRotation = secrets -> {};

    private Builder(SecretMounter mounter, SecretProviderClassManifest manifest) {
      this.mounter = requireNonNull(mounter, "mounter");
      this.manifest = requireNonNull(manifest, "manifest");
    }

    /** The region when the class has no {@code region} parameter (e.g. {@code AWS_REGION}). */
    public Builder defaultRegion(String region) {
      this.defaultRegion = Optional.of(region).filter(r -> !r.isEmpty());
      return this;
    }

    /** The directory the files are written to (created if missing; the agent owns it). */
    public Builder directory(Path directory) {
      this.directory = Optional.of(directory);
      return this;
    }

    /** How often the secrets are re-resolved (default 5 minutes, with up to 10 % jitter). */
    public Builder interval(Duration interval) {
      this.interval = requireNonNull(interval, "interval");
      return this;
    }

    /** Runs the refreshes on {@code scheduler} (tests run them by hand) instead of a thread. */
    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = Optional.of(scheduler);
      return this;
    }

    /** Called with the new secrets after a refresh that found a rotation. */
    public Builder onRotation(Consumer<ReportSecrets> onRotation) {
      this.onRotation = requireNonNull(onRotation, "onRotation");
      return this;
    }

    /**
     * Mounts the class now (and writes the directory), then refreshes in the background.
     *
     * @throws AscpException when the class is invalid or the first mount fails: the message names
     *     the object and the reason, never a value
     */
    public SecretsAgent start() {
      String region =
          Optional.ofNullable(manifest.parameters().get(AttributeKeys.REGION))
              .filter(r -> !r.isEmpty())
              .or(() -> defaultRegion)
              .orElseThrow(
                  () ->
                      new AscpException(
                          ErrorCode.INVALID_PARAMETERS,
                          "The SecretProviderClass has no region and no default region is set"));
      MountParameters parameters = ParameterParser.parse(manifest.parameters(), region);
      AtomicReference<Optional<AscpException>> lastFailure =
          new AtomicReference<>(Optional.empty());
      AtomicInteger rotations = new AtomicInteger();
      SecretWatcher.Builder watcher =
          SecretWatcher.builder(mounter, MountRequest.of(parameters, CallerIdentity.defaultChain()))
              .interval(interval)
              .onChange(
                  result -> {
                    lastFailure.set(Optional.empty());
                    rotations.incrementAndGet();
                    onRotation.accept(ReportSecrets.from(result));
                  })
              .onFailure((error, kept) -> lastFailure.set(Optional.of(error)));
      directory.ifPresent(watcher::writeTo);
      scheduler.ifPresent(watcher::scheduler);
      return new SecretsAgent(watcher.start(), lastFailure, rotations);
    }
  }
}
