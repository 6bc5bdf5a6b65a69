// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * When the mount pipeline stops sending requests to a region that keeps failing on the server side,
 * and when it tries that region again.
 *
 * <p>One circuit breaker per region counts only server-side failures of whole backend calls (5xx,
 * timeouts, connection errors: {@link io.ascp.api.ErrorCode#BACKEND_UNAVAILABLE}); throttling,
 * access and not-found errors belong to one identity and never open it. An open region is skipped
 * only while another region of the mount remains to be tried, so a breaker never fails a mount that
 * a call could have served; after {@link #openDuration()} a few probe calls decide whether it
 * closes again.
 *
 * @param enabled whether breakers are used at all
 * @param windowSize how many of the latest calls to a region are counted
 * @param minimumCalls how many calls must be counted before the failure rate is evaluated
 * @param failureRatePercent the percentage of failed calls (1 to 100) that opens the breaker
 * @param openDuration how long an open region is skipped before it is probed
 * @param probeCalls how many probe calls decide whether the region closes again
 */
public record RegionBreakerPolicy(
    boolean enabled,
    int windowSize,
    int minimumCalls,
    int failureRatePercent,
    Duration openDuration,
    int probeCalls) {

  private static final RegionBreakerPolicy DEFAULTS =
      new RegionBreakerPolicy(true, 10, 5, 50, Duration.ofSeconds(30), 2);

  /** Checks the components. */
  public RegionBreakerPolicy {
    requireArgument(windowSize >= 1, "windowSize must be at least 1, got " + windowSize);
    requireArgument(
        minimumCalls >= 1 && minimumCalls <= windowSize,
        "minimumCalls must be within 1 and windowSize (" + windowSize + "), got " + minimumCalls);
    requireArgument(
        failureRatePercent >= 1 && failureRatePercent <= 100,
        "failureRatePercent must be within 1 and 100, got " + failureRatePercent);
    requireNonNull(openDuration, "openDuration");
    requireArgument(
        !openDuration.isNegative() && !openDuration.isZero(),
        "openDuration must be positive, got " + openDuration);
    requireArgument(probeCalls >= 1, "probeCalls must be at least 1, got " + probeCalls);
  }

  /**
   * The defaults: the latest 10 calls, evaluated from 5 on, open at 50 % failures, probe after 30 s
   * with 2 calls.
   */
  public static RegionBreakerPolicy defaults() {
    return DEFAULTS;
  }

  /** No breakers: every region is always tried. */
  public static RegionBreakerPolicy disabled() {
    return DEFAULTS.toBuilder().enabled(false).build();
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return DEFAULTS.toBuilder();
  }

  /** A builder starting from this policy. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  private static void requireArgument(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  /** A validating builder of {@link RegionBreakerPolicy}. */
  public static final class Builder {
    private boolean enabled;
    private int windowSize;
    private int minimumCalls;
    private int failureRatePercent;
    private Duration openDuration;
    private int probeCalls;

    private Builder(RegionBreakerPolicy from) {
      enabled = from.enabled;
      windowSize = from.windowSize;
      minimumCalls = from.minimumCalls;
      failureRatePercent = from.failureRatePercent;
      openDuration = from.openDuration;
      probeCalls = from.probeCalls;
    }

    /** Turns breakers on or off. */
    public Builder enabled(boolean enabled) {
      this.enabled = enabled;
      return this;
    }

    /** Sets how many of the latest calls are counted. */
    public Builder windowSize(int windowSize) {
      requireArgument(windowSize >= 1, "windowSize must be at least 1, got " + windowSize);
      this.windowSize = windowSize;
      return this;
    }

    /** Sets how many calls must be counted before the failure rate is evaluated. */
    public Builder minimumCalls(int minimumCalls) {
      requireArgument(minimumCalls >= 1, "minimumCalls must be at least 1, got " + minimumCalls);
      this.minimumCalls = minimumCalls;
      return this;
    }

    /** Sets the failure percentage (1 to 100) that opens the breaker. */
    public Builder failureRatePercent(int failureRatePercent) {
      requireArgument(
          failureRatePercent >= 1 && failureRatePercent <= 100,
          "failureRatePercent must be within 1 and 100, got " + failureRatePercent);
      this.failureRatePercent = failureRatePercent;
      return this;
    }

    /** Sets how long an open region is skipped before it is probed. */
    public Builder openDuration(Duration openDuration) {
      requireNonNull(openDuration, "openDuration");
      requireArgument(
          !openDuration.isNegative() && !openDuration.isZero(),
          "openDuration must be positive, got " + openDuration);
      this.openDuration = openDuration;
      return this;
    }

    /** Sets how many probe calls decide whether the region closes again. */
    public Builder probeCalls(int probeCalls) {
      requireArgument(probeCalls >= 1, "probeCalls must be at least 1, got " + probeCalls);
      this.probeCalls = probeCalls;
      return this;
    }

    /** Builds the policy; fails if {@code minimumCalls} exceeds {@code windowSize}. */
    public RegionBreakerPolicy build() {
      return new RegionBreakerPolicy(
          enabled, windowSize, minimumCalls, failureRatePercent, openDuration, probeCalls);
    }
  }
}
