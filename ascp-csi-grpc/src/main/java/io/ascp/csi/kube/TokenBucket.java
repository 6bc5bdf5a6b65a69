// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.kube;

import static java.util.Objects.requireNonNull;

import io.ascp.core.Ticker;

/**
 * The client-side rate limit of the Kubernetes API calls, with client-go's semantics: a token
 * bucket that holds {@code burst} tokens and refills at {@code qps} per second; a call that finds
 * it empty waits for its token. Flag values follow client-go too: {@code qps} 0 means 5, a negative
 * {@code qps} means no limit, a {@code burst} of 0 or less means 10.
 */
final class TokenBucket {
  /** client-go's defaults. */
  static final int DEFAULT_QPS = 5;

  static final int DEFAULT_BURST = 10;

  /** Waits the given number of nanoseconds; interruptible. */
  @FunctionalInterface
  interface Sleeper {
    void sleepNanos(long nanos) throws InterruptedException;
  }

  private final double perSecond;
  private final double capacity;
  private final Ticker ticker;
  private final Sleeper sleeper;
  private double tokens;
  private long last;

  private TokenBucket(double perSecond, double capacity, Ticker ticker, Sleeper sleeper) {
    this.perSecond = perSecond;
    this.capacity = capacity;
    this.ticker = requireNonNull(ticker, "ticker");
    this.sleeper = requireNonNull(sleeper, "sleeper");
    this.tokens = capacity;
    this.last = ticker.read();
  }

  /** A bucket for the {@code --qps} and {@code --burst} flag values. */
  static TokenBucket of(int qps, int burst, Ticker ticker, Sleeper sleeper) {
    int effectiveQps = qps == 0 ? DEFAULT_QPS : qps;
    int effectiveBurst = burst <= 0 ? DEFAULT_BURST : burst;
    return new TokenBucket(effectiveQps, effectiveBurst, ticker, sleeper);
  }

  /** Whether calls are limited at all. */
  boolean isLimited() {
    return perSecond > 0;
  }

  /** Takes a token, waiting for it when the bucket is empty. */
  void acquire() throws InterruptedException {
    long wait = reserve();
    if (wait > 0) {
      sleeper.sleepNanos(wait);
    }
  }

  /** Takes a token now (the balance may go negative) and returns how long to wait for it. */
  synchronized long reserve() {
    if (!isLimited()) {
      return 0;
    }
    long now = ticker.read();
    tokens = Math.min(capacity, tokens + (now - last) / 1e9 * perSecond);
    last = now;
    tokens -= 1;
    if (tokens >= 0) {
      return 0;
    }
    return (long) Math.ceil(-tokens / perSecond * 1e9);
  }
}
