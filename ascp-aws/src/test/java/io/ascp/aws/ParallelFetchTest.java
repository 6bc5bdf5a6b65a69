// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ParallelFetchTest {
  final ExecutorService pool = Executors.newFixedThreadPool(8);

  @AfterEach
  void shutdown() {
    pool.shutdownNow();
  }

  @Test
  void returnsResultsInItemOrder() throws Exception {
    List<Integer> items = IntStream.range(0, 50).boxed().toList();
    assertThat(ParallelFetch.map(pool, 4, items, i -> i * 2))
        .isEqualTo(IntStream.range(0, 50).map(i -> i * 2).boxed().toList());
  }

  @Test
  void runsUpToParallelismTasksAtOnce() throws Exception {
    // Every task waits until four are running: a sequential run would never get there.
    CountDownLatch allRunning = new CountDownLatch(4);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger maxRunning = new AtomicInteger();
    List<Integer> items = List.of(1, 2, 3, 4, 5, 6, 7, 8);
    ParallelFetch.map(
        pool,
        4,
        items,
        i -> {
          maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
          allRunning.countDown();
          try {
            allRunning.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          running.decrementAndGet();
          return i;
        });
    assertThat(maxRunning).hasValue(4);
  }

  @Test
  void theCallerDoesEverythingWhenTheExecutorRejects() throws Exception {
    Thread caller = Thread.currentThread();
    List<Boolean> onCaller =
        ParallelFetch.map(
            r -> {
              throw new RejectedExecutionException("full");
            },
            8,
            List.of(1, 2, 3),
            i -> Thread.currentThread() == caller);
    assertThat(onCaller).containsOnly(true);
  }

  @Test
  void rethrowsATaskFailureAfterTheOthersFinished() {
    AtomicInteger done = new AtomicInteger();
    assertThatThrownBy(
            () ->
                ParallelFetch.map(
                    pool,
                    3,
                    List.of(1, 2, 3, 4),
                    i -> {
                      if (i == 2) {
                        throw new IllegalStateException("task 2");
                      }
                      return done.incrementAndGet();
                    }))
        .hasMessage("task 2");
    assertThat(done).hasValue(3);
  }
}
