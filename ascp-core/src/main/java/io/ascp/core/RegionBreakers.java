// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * One Resilience4j circuit breaker per region, driven by the injected {@link Ticker} so that tests
 * move time instead of sleeping.
 */
final class RegionBreakers {
  /** Whether a call to a region may go ahead. */
  enum Permit {
    /** The breaker is closed, or half-open with a probe slot: call and record the outcome. */
    ALLOWED,
    /** The breaker is open (or all probe slots are taken): skip the region if another remains. */
    DENIED,
    /** Breakers are disabled: call and record nothing. */
    UNCHECKED
  }

  private final RegionBreakerPolicy policy;
  private final CircuitBreakerConfig config;
  private final ConcurrentMap<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

  RegionBreakers(RegionBreakerPolicy policy, Ticker ticker) {
    this.policy = policy;
    this.config =
        CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(policy.windowSize())
            .minimumNumberOfCalls(policy.minimumCalls())
            .failureRateThreshold(policy.failureRatePercent())
            .waitDurationInOpenState(policy.openDuration())
            .permittedNumberOfCallsInHalfOpenState(policy.probeCalls())
            // Slow calls are the backend's business (SDK timeouts turn them into failures).
            .slowCallRateThreshold(100)
            .slowCallDurationThreshold(Duration.ofDays(1))
            .clock(new TickerClock(ticker))
            .currentTimestampFunction(clock -> ticker.read(), TimeUnit.NANOSECONDS)
            .build();
  }

  Permit acquire(String region) {
    if (!policy.enabled()) {
      return Permit.UNCHECKED;
    }
    return breaker(region).tryAcquirePermission() ? Permit.ALLOWED : Permit.DENIED;
  }

  /** Records the outcome of a call made under {@link Permit#ALLOWED}. */
  void record(String region, boolean serverSideFailure, long durationNanos) {
    CircuitBreaker breaker = breaker(region);
    if (serverSideFailure) {
      breaker.onError(durationNanos, TimeUnit.NANOSECONDS, new ServerSideFailure());
    } else {
      breaker.onSuccess(durationNanos, TimeUnit.NANOSECONDS);
    }
  }

  /** Gives back a permission under which no call was made. */
  void release(String region) {
    breaker(region).releasePermission();
  }

  CircuitBreaker.State state(String region) {
    return breaker(region).getState();
  }

  Duration openDuration() {
    return policy.openDuration();
  }

  private CircuitBreaker breaker(String region) {
    return breakers.computeIfAbsent(region, r -> CircuitBreaker.of("region-" + r, config));
  }

  /** What Resilience4j records as a failure; cheap: no stack trace. */
  private static final class ServerSideFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ServerSideFailure() {
      super("server-side failure", null, false, false);
    }
  }

  /** A clock whose instants advance with the ticker; only differences are meaningful. */
  private static final class TickerClock extends Clock {
    private final Ticker ticker;

    TickerClock(Ticker ticker) {
      this.ticker = ticker;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.EPOCH.plusNanos(ticker.read());
    }
  }
}
