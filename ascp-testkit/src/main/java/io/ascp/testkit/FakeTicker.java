// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;

/**
 * A manually driven time source for tests: monotonic nanoseconds that move only when the test calls
 * {@link #advance(Duration)}, and a wall {@link #clock()} that moves with them. Tests never sleep:
 * they advance the ticker instead.
 *
 * <p>{@link #read()} has the shape of {@code io.ascp.core.Ticker#read()}, so {@code
 * fakeTicker::read} is a core {@code Ticker}. Given to {@link FakeAws.Builder#ticker(FakeTicker)},
 * it also drives the store: timestamps, credential expiry, deletion windows, and injected latency
 * (a delayed call completes only when the ticker is advanced past its deadline).
 *
 * <p>Thread-safe.
 *
 * <pre>{@code
 * FakeTicker ticker = FakeTicker.create();
 * long start = ticker.read();
 * ticker.advance(Duration.ofSeconds(30));
 * assertThat(ticker.read() - start).isEqualTo(Duration.ofSeconds(30).toNanos());
 * }</pre>
 */
public final class FakeTicker {
  /** The wall time at which a ticker from {@link #create()} starts. */
  public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

  private final Instant origin;
  private final PriorityQueue<Waiter> waiters = new PriorityQueue<>();
  private long nanos;
  private long waiterSequence;

  private FakeTicker(Instant origin) {
    this.origin = origin;
  }

  /** A ticker at zero nanoseconds whose clock reads {@link #DEFAULT_START}. */
  public static FakeTicker create() {
    return new FakeTicker(DEFAULT_START);
  }

  /** A ticker at zero nanoseconds whose clock reads {@code start}. */
  public static FakeTicker startingAt(Instant start) {
    return new FakeTicker(requireNonNull(start, "start"));
  }

  /** The current reading in nanoseconds; starts at zero and only moves on {@link #advance}. */
  public synchronized long read() {
    return nanos;
  }

  /** The wall time that corresponds to the current reading. */
  public synchronized Instant instant() {
    return origin.plusNanos(nanos);
  }

  /**
   * Moves the ticker forward and completes every delayed call whose deadline has been reached.
   *
   * @throws IllegalArgumentException when {@code amount} is negative
   */
  public FakeTicker advance(Duration amount) {
    requireNonNull(amount, "amount");
    if (amount.isNegative()) {
      throw new IllegalArgumentException("a ticker cannot go back: " + amount);
    }
    List<CompletableFuture<Void>> due = new ArrayList<>();
    synchronized (this) {
      nanos = Math.addExact(nanos, amount.toNanos());
      while (!waiters.isEmpty() && waiters.peek().deadline <= nanos) {
        due.add(waiters.poll().future);
      }
    }
    // Completed outside the lock: completion runs dependent actions (an emulator response).
    due.forEach(f -> f.complete(null));
    return this;
  }

  /** The number of delayed calls waiting for the ticker to reach their deadline. */
  public synchronized int pendingDelays() {
    return waiters.size();
  }

  /** A clock in UTC whose instant moves only when this ticker is advanced. */
  public Clock clock() {
    return new TickerClock(this, ZoneOffset.UTC);
  }

  /** A future completed once the ticker has moved {@code delayNanos} past the current reading. */
  CompletableFuture<Void> after(long delayNanos) {
    synchronized (this) {
      return at(nanos + Math.max(0, delayNanos));
    }
  }

  /** A future completed once the ticker reads at least {@code deadlineNanos}. */
  CompletableFuture<Void> at(long deadlineNanos) {
    CompletableFuture<Void> future = new CompletableFuture<>();
    synchronized (this) {
      if (deadlineNanos <= nanos) {
        future.complete(null);
      } else {
        waiters.add(new Waiter(deadlineNanos, waiterSequence++, future));
      }
    }
    return future;
  }

  @Override
  public synchronized String toString() {
    return "FakeTicker{nanos=" + nanos + ", instant=" + origin.plusNanos(nanos) + "}";
  }

  private static final class Waiter implements Comparable<Waiter> {
    final long deadline;
    final long sequence;
    final CompletableFuture<Void> future;

    Waiter(long deadline, long sequence, CompletableFuture<Void> future) {
      this.deadline = deadline;
      this.sequence = sequence;
      this.future = future;
    }

    @Override
    public int compareTo(Waiter o) {
      int c = Long.compare(deadline, o.deadline);
      return c != 0 ? c : Long.compare(sequence, o.sequence);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Waiter w && w.deadline == deadline && w.sequence == sequence;
    }

    @Override
    public int hashCode() {
      return Long.hashCode(deadline) * 31 + Long.hashCode(sequence);
    }
  }

  private static final class TickerClock extends Clock {
    private final FakeTicker ticker;
    private final ZoneId zone;

    TickerClock(FakeTicker ticker, ZoneId zone) {
      this.ticker = ticker;
      this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return new TickerClock(ticker, requireNonNull(zone, "zone"));
    }

    @Override
    public Instant instant() {
      return ticker.instant();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof TickerClock c && c.ticker == ticker && c.zone.equals(zone);
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(ticker) * 31 + zone.hashCode();
    }

    @Override
    public String toString() {
      return "FakeTicker.clock(" + zone + ")";
    }
  }
}
