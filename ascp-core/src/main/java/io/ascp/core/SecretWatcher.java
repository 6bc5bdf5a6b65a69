// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core;

import static java.util.Objects.requireNonNull;

import io.ascp.api.AscpException;
import io.ascp.api.AscpListener;
import io.ascp.api.ErrorCode;
import io.ascp.api.MountRequest;
import io.ascp.api.MountResult;
import io.ascp.api.ObjectVersion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a mount fresh: re-resolves a {@link MountRequest} on an interval with jitter, and reports
 * (or rewrites a directory atomically) only when the files or versions changed.
 *
 * <pre>{@code
 * try (SecretWatcher watcher =
 *     SecretWatcher.builder(mounter, request)
 *         .interval(Duration.ofMinutes(1))
 *         .writeTo(Path.of("/run/app-secrets"))
 *         .onChange(result -> reloadConfig(result))
 *         .onFailure((error, lastGood) -> log.warn("refresh failed: {}", error.getMessage()))
 *         .start()) {
 *   ...
 * }
 * }</pre>
 *
 * <p>{@link Builder#start()} mounts once on the calling thread and fails if that first mount fails;
 * later refreshes run on the scheduler, one at a time (the next is scheduled when one ends). A
 * refresh that fails keeps the last good content (in memory and in the directory) and is reported
 * to {@code onFailure} with that content; the next refresh tries again. {@code onChange} is called
 * after a refresh whose result differs from the last good one, after the directory (if any) was
 * rewritten.
 *
 * <p>Observability: a {@linkplain Builder#listener(AscpListener) listener} hears one {@link
 * AscpListener.RotationDetected} per refresh that changed the content and one {@link
 * AscpListener.RefreshFailed} per failed refresh; the mounter reports the mounts themselves.
 *
 * <p>Ownership: a watcher built without {@link Builder#scheduler(Scheduler)} creates one daemon
 * thread and stops it on {@link #close()}. It never closes the mounter or a scheduler it is given.
 */
public final class SecretWatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SecretWatcher.class);

  private final SecretMounter mounter;
  private final MountRequest request;
  private final Duration interval;
  private final double jitter;
  private final RandomGenerator random;
  private final Scheduler scheduler;
  private final @Nullable ScheduledExecutorService ownedExecutor;
  private final @Nullable Path directory;
  private final Consumer<MountResult> onChange;
  private final BiConsumer<AscpException, Optional<MountResult>> onFailure;
  private final ListenerGuard events;

  private final Object lock = new Object();
  private @Nullable MountResult lastGood;
  private int consecutiveFailures;
  private Scheduler.@Nullable Cancellable next;
  private boolean closed;

  private SecretWatcher(Builder b, Scheduler scheduler, @Nullable ScheduledExecutorService owned) {
    this.mounter = b.mounter;
    this.request = b.request;
    this.interval = b.interval;
    this.jitter = b.jitter;
    this.random = b.random;
    this.scheduler = scheduler;
    this.ownedExecutor = owned;
    this.directory = b.directory;
    this.onChange = b.onChange;
    this.onFailure = b.onFailure;
    this.events = new ListenerGuard(b.listener);
  }

  /** A builder of a watcher over {@code request}, mounted by {@code mounter}. */
  public static Builder builder(SecretMounter mounter, MountRequest request) {
    return new Builder(mounter, request);
  }

  /** The last content that was mounted (and written) successfully. */
  public MountResult current() {
    synchronized (lock) {
      return requireNonNull(lastGood, "started watchers always have content");
    }
  }

  /** Stops refreshing; a refresh already running finishes, and no other starts. Idempotent. */
  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      if (next != null) {
        next.cancel();
        next = null;
      }
    }
    if (ownedExecutor != null) {
      ownedExecutor.shutdownNow();
    }
  }

  private void first() {
    MountResult result = mounter.mount(request);
    write(result);
    synchronized (lock) {
      lastGood = result;
    }
    scheduleNext();
  }

  private void refresh() {
    synchronized (lock) {
      if (closed) {
        return;
      }
    }
    MountResult previous;
    synchronized (lock) {
      previous = lastGood;
    }
    try {
      MountResult result = mounter.mount(request);
      synchronized (lock) {
        consecutiveFailures = 0;
      }
      if (!result.equals(previous)) {
        write(result);
        synchronized (lock) {
          lastGood = result;
        }
        int changed = previous == null ? 0 : changedVersions(previous, result);
        events.emit(
            l ->
                l.rotationDetected(
                    new AscpListener.RotationDetected(result.files().size(), changed)));
        onChange.accept(result);
      }
    } catch (AscpException e) {
      log.warn(
          "Refreshing the mount failed ({}), keeping the last content: {}",
          e.code(),
          e.getMessage());
      failed(e.code());
      onFailure.accept(e, Optional.ofNullable(previous));
    } catch (RuntimeException e) {
      // A bug in a callback or a source must not stop the watcher; its message may quote values.
      log.error("Refreshing the mount failed unexpectedly ({})", e.getClass().getName());
      failed(ErrorCode.INTERNAL);
      onFailure.accept(
          new AscpException(
              ErrorCode.INTERNAL,
              "Refreshing the mount failed unexpectedly: " + e.getClass().getName(),
              e),
          Optional.ofNullable(previous));
    } finally {
      scheduleNext();
    }
  }

  private void failed(ErrorCode code) {
    int failures;
    synchronized (lock) {
      failures = ++consecutiveFailures;
    }
    events.emit(l -> l.refreshFailed(new AscpListener.RefreshFailed(code, failures)));
  }

  /** How many versions were added, removed or changed between two results. */
  static int changedVersions(MountResult before, MountResult after) {
    Map<String, String> old = new HashMap<>();
    for (ObjectVersion v : before.versions()) {
      old.put(v.id(), v.version());
    }
    int changed = 0;
    for (ObjectVersion v : after.versions()) {
      String previous = old.remove(v.id());
      if (!v.version().equals(previous)) {
        changed++;
      }
    }
    return changed + old.size();
  }

  private void write(MountResult result) {
    if (directory != null) {
      SecretMounter.writeTo(result, directory);
    }
  }

  private void scheduleNext() {
    double factor = jitter == 0 ? 1 : 1 + jitter * (2 * random.nextDouble() - 1);
    Duration delay = Duration.ofNanos((long) (interval.toNanos() * factor));
    synchronized (lock) {
      if (!closed) {
        next = scheduler.schedule(this::refresh, delay);
      }
    }
  }

  /** A validating builder of {@link SecretWatcher}. */
  public static final class Builder {
    private final SecretMounter mounter;
    private final MountRequest request;
    private Duration interval = Duration.ofMinutes(2);
    private double jitter = 0.1;
    private RandomGenerator random = RandomGenerator.getDefault();
    private @Nullable Scheduler scheduler;
    private @Nullable Path directory;
    private Consumer<MountResult> onChange = result -> {};
    private BiConsumer<AscpException, Optional<MountResult>> onFailure = (e, last) -> {};
    private AscpListener listener = AscpListener.NOOP;

    private Builder(SecretMounter mounter, MountRequest request) {
      this.mounter = requireNonNull(mounter, "mounter");
      this.request = requireNonNull(request, "request");
    }

    /** Sets the time between the end of one refresh and the start of the next (default 2 min). */
    public Builder interval(Duration interval) {
      requireNonNull(interval, "interval");
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("interval must be positive, got " + interval);
      }
      this.interval = interval;
      return this;
    }

    /**
     * Sets how much each interval varies at random, as a fraction within 0 and 1 (default 0.1: ±10
     * %), so that many watchers started together do not call the backend together.
     */
    public Builder jitter(double jitter) {
      if (!(jitter >= 0 && jitter <= 1)) {
        throw new IllegalArgumentException("jitter must be within 0 and 1, got " + jitter);
      }
      this.jitter = jitter;
      return this;
    }

    /** Sets the random source of the jitter (a seeded one in tests). */
    public Builder random(RandomGenerator random) {
      this.random = requireNonNull(random, "random");
      return this;
    }

    /** Runs refreshes on {@code scheduler}, which the watcher never stops. */
    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = requireNonNull(scheduler, "scheduler");
      return this;
    }

    /**
     * Writes every new content into {@code directory} with the kubelet's atomic layout (see {@link
     * AtomicDirectoryWriter}); the directory is created if missing.
     */
    public Builder writeTo(Path directory) {
      this.directory = requireNonNull(directory, "directory");
      return this;
    }

    /** Called after a refresh that changed the files or versions. */
    public Builder onChange(Consumer<MountResult> onChange) {
      this.onChange = requireNonNull(onChange, "onChange");
      return this;
    }

    /** Called after a failed refresh, with the error and the content kept (the last good one). */
    public Builder onFailure(BiConsumer<AscpException, Optional<MountResult>> onFailure) {
      this.onFailure = requireNonNull(onFailure, "onFailure");
      return this;
    }

    /**
     * Sets the listener of the watcher's events (default {@link AscpListener#NOOP}): rotations
     * detected and refreshes failed. Give the mounter a listener to hear the mounts themselves. A
     * listener that throws never stops the watcher.
     */
    public Builder listener(AscpListener listener) {
      this.listener = requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Mounts once on the calling thread (writing the directory if set) and schedules the refreshes.
     *
     * @throws AscpException if the first mount (or write) fails; nothing keeps running then
     */
    public SecretWatcher start() {
      ScheduledExecutorService owned = null;
      Scheduler s = scheduler;
      if (s == null) {
        owned =
            Executors.newSingleThreadScheduledExecutor(
                r -> {
                  Thread t = new Thread(r, "ascp-watch");
                  t.setDaemon(true);
                  return t;
                });
        s = Scheduler.of(owned);
      }
      SecretWatcher watcher = new SecretWatcher(this, s, owned);
      try {
        watcher.first();
      } catch (RuntimeException e) {
        watcher.close();
        throw e;
      }
      return watcher;
    }
  }
}
