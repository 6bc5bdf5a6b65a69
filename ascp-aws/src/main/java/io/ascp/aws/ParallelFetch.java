// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * Runs one task per item with at most {@code parallelism} tasks at once, and returns the results in
 * item order.
 *
 * <p>The calling thread works too: it and up to {@code parallelism - 1} helpers submitted to the
 * executor take the next unclaimed item until none is left. So a batch progresses even when the
 * executor is saturated or rejects work (the caller then does everything itself), and the caller
 * never waits for a helper that has not started: it waits only for items a helper has claimed.
 */
final class ParallelFetch {
  private ParallelFetch() {}

  /**
   * Applies {@code task} to every item. {@code task} must not throw; a {@link RuntimeException} it
   * throws anyway is rethrown here after every claimed item has finished.
   *
   * @throws InterruptedException when the caller was interrupted while waiting for helpers; items
   *     not yet claimed are then never started
   */
  static <T, R> List<R> map(
      Executor executor, int parallelism, List<T> items, Function<? super T, ? extends R> task)
      throws InterruptedException {
    int n = items.size();
    if (n == 0) {
      return List.of();
    }
    if (n == 1 || parallelism <= 1) {
      List<R> out = new ArrayList<>(n);
      for (T item : items) {
        out.add(task.apply(item));
      }
      return out;
    }
    AtomicInteger next = new AtomicInteger();
    AtomicReferenceArray<R> results = new AtomicReferenceArray<>(n);
    AtomicReferenceArray<RuntimeException> failures = new AtomicReferenceArray<>(n);
    CountDownLatch done = new CountDownLatch(n);
    Runnable worker =
        () -> {
          int i;
          while ((i = next.getAndIncrement()) < n) {
            try {
              results.set(i, task.apply(items.get(i)));
            } catch (RuntimeException e) {
              failures.set(i, e);
            } finally {
              done.countDown();
            }
          }
        };
    int helpers = Math.min(parallelism, n) - 1;
    for (int h = 0; h < helpers; h++) {
      try {
        executor.execute(worker);
      } catch (RejectedExecutionException e) {
        break;
      }
    }
    worker.run();
    try {
      done.await();
    } catch (InterruptedException e) {
      next.set(n);
      throw e;
    }
    List<R> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      RuntimeException failure = failures.get(i);
      if (failure != null) {
        throw failure;
      }
      out.add(results.get(i));
    }
    return out;
  }
}
