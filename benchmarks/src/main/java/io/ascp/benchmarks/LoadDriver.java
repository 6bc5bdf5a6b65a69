// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.benchmarks;

import io.ascp.csi.v1alpha1.MountRequest;
import io.ascp.csi.v1alpha1.MountResponse;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives Mount calls over one provider connection, closed-loop (a fixed number of calls in flight,
 * each answered call replaced by a new one) or open-loop (calls sent on a fixed schedule whatever
 * the answers, latency measured from each call's intended send time, so that a stall of the
 * provider is charged to every call it delayed: no coordinated omission).
 */
final class LoadDriver {
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  private final ProviderClient client;
  private final MountRequest request;
  private final int expectedFiles;

  /**
   * @param expectedFiles the number of files a successful response carries; any other answer counts
   *     as an error
   */
  LoadDriver(ProviderClient client, MountRequest request, int expectedFiles) {
    this.client = client;
    this.request = request;
    this.expectedFiles = expectedFiles;
  }

  /**
   * The result of one run.
   *
   * @param completed calls answered within the measured window
   * @param errors calls that failed or carried the wrong number of files (whole run)
   * @param seconds the measured window
   * @param latencies the latencies of the calls of the window
   * @param total every call answered, warm-up included
   */
  record Result(long completed, long errors, double seconds, Stats latencies, long total) {
    double perSecond() {
      return completed / seconds;
    }
  }

  /** Keeps {@code concurrency} calls in flight for {@code warmup + measured}; measures the end. */
  Result closedLoop(int concurrency, Duration warmup, Duration measured)
      throws InterruptedException {
    long start = System.nanoTime();
    long from = start + warmup.toNanos();
    long until = from + measured.toNanos();
    Stats stats = new Stats();
    AtomicLong completed = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicLong total = new AtomicLong();
    CountDownLatch done = new CountDownLatch(concurrency);
    for (int i = 0; i < concurrency; i++) {
      new Object() {
        void send() {
          long sent = System.nanoTime();
          client.mountAsync(
              request,
              DEADLINE,
              new Observer() {
                @Override
                void finished(boolean ok) {
                  long now = System.nanoTime();
                  total.incrementAndGet();
                  if (!ok) {
                    errors.incrementAndGet();
                  } else if (now >= from && now <= until) {
                    stats.add(now - sent);
                    completed.incrementAndGet();
                  }
                  if (now < until) {
                    send();
                  } else {
                    done.countDown();
                  }
                }
              });
        }
      }.send();
    }
    if (!done.await(measured.plus(warmup).plus(DEADLINE).toSeconds() + 10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("calls still in flight after the run");
    }
    return new Result(completed.get(), errors.get(), measured.toNanos() / 1e9, stats, total.get());
  }

  /**
   * Sends {@code ratePerSecond} calls per second on a fixed schedule for {@code warmup + measured};
   * the latency of a call runs from its intended send time to its answer.
   */
  Result openLoop(int ratePerSecond, Duration warmup, Duration measured)
      throws InterruptedException {
    long interval = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
    long from = start + warmup.toNanos();
    long until = from + measured.toNanos();
    Stats stats = new Stats();
    AtomicLong completed = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicLong total = new AtomicLong();
    AtomicInteger outstanding = new AtomicInteger();
    for (long i = 0; ; i++) {
      long intended = start + i * interval;
      if (intended >= until) {
        break;
      }
      long wait;
      while ((wait = intended - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      outstanding.incrementAndGet();
      client.mountAsync(
          request,
          DEADLINE,
          new Observer() {
            @Override
            void finished(boolean ok) {
              long now = System.nanoTime();
              total.incrementAndGet();
              if (!ok) {
                errors.incrementAndGet();
              } else if (intended >= from) {
                stats.add(now - intended);
                completed.incrementAndGet();
              }
              outstanding.decrementAndGet();
            }
          });
    }
    long drainDeadline = System.nanoTime() + DEADLINE.toNanos() + TimeUnit.SECONDS.toNanos(5);
    while (outstanding.get() > 0) {
      if (System.nanoTime() > drainDeadline) {
        throw new IllegalStateException("calls still in flight after the run");
      }
      TimeUnit.MILLISECONDS.sleep(1);
    }
    return new Result(completed.get(), errors.get(), measured.toNanos() / 1e9, stats, total.get());
  }

  /** Calls {@link #finished} once per call: success means the expected number of files. */
  private abstract class Observer implements StreamObserver<MountResponse> {
    private boolean ok;

    abstract void finished(boolean ok);

    @Override
    public void onNext(MountResponse response) {
      ok =
          (!response.hasError() || response.getError().getCode().isEmpty())
              && response.getFilesCount() == expectedFiles;
    }

    @Override
    public void onError(Throwable t) {
      finished(false);
    }

    @Override
    public void onCompleted() {
      finished(ok);
    }
  }
}
