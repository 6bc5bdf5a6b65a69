// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package com.example.reports;

import io.ascp.core.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A {@link Scheduler} whose tasks run when the test says so: refreshes without waiting. */
final class ManualScheduler implements Scheduler {
  private static final class Task {
    final Runnable task;
    final Duration delay;
    boolean cancelled;

    Task(Runnable task, Duration delay) {
      this.task = task;
      this.delay = delay;
    }
  }

  private final List<Task> tasks = new ArrayList<>();

  @Override
  public synchronized Cancellable schedule(Runnable task, Duration delay) {
    Task t = new Task(task, delay);
    tasks.add(t);
    return () -> {
      synchronized (this) {
        t.cancelled = true;
      }
    };
  }

  /** The delays of the tasks still waiting. */
  synchronized List<Duration> pending() {
    List<Duration> delays = new ArrayList<>();
    for (Task t : tasks) {
      if (!t.cancelled) {
        delays.add(t.delay);
      }
    }
    return delays;
  }

  /** Runs the next waiting task now, as if its delay had passed. */
  void runNext() {
    Task next;
    synchronized (this) {
      tasks.removeIf(t -> t.cancelled);
      if (tasks.isEmpty()) {
        throw new AssertionError("no task is scheduled");
      }
      next = tasks.remove(0);
    }
    next.task.run();
  }
}
