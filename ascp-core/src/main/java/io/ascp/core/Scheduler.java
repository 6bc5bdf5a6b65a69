// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task once after a delay; injected wherever ascp-core schedules work (the {@link
 * SecretWatcher}), so tests run scheduled tasks by hand instead of waiting.
 */
@FunctionalInterface
public interface Scheduler {
  /**
   * Runs {@code task} once after {@code delay}.
   *
   * @return a handle that cancels the task if it has not started
   */
  Cancellable schedule(Runnable task, Duration delay);

  /** A scheduled task that can still be cancelled. */
  @FunctionalInterface
  interface Cancellable {
    /** Cancels the task if it has not started; a running task is not interrupted. */
    void cancel();
  }

  /**
   * A scheduler over {@code executor}; the scheduler never shuts the executor down (its owner
   * does).
   */
  static Scheduler of(ScheduledExecutorService executor) {
    requireNonNull(executor, "executor");
    return (task, delay) -> {
      ScheduledFuture<?> future =
          executor.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
      return () -> future.cancel(false);
    };
  }
}
