// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * The policy of a {@link SecretMounter}'s value cache: how long fetched values may be served again
 * without asking the backend, how much memory they may take, and whether Secrets Manager values are
 * revalidated with a cheap {@code DescribeSecret} call. {@linkplain #disabled() Off} by default, so
 * that every mount shows a rotated value (the reference provider's behaviour).
 *
 * <p>With a TTL, a value that was rotated in AWS may keep being served for up to that TTL (or, with
 * revalidation, up to {@link #revalidateAfter()}), and a revoked permission or a deleted secret is
 * noticed only when the entry expires. Entries are scoped to the caller's identity: a value read
 * with one pod's credentials is never served to an identity that did not read it itself.
 *
 * <pre>{@code
 * ValueCachePolicy policy =
 *     ValueCachePolicy.builder()
 *         .ttl(Duration.ofMinutes(5))
 *         .pinnedTtl(Duration.ofHours(1))
 *         .maximumBytes(4 << 20)
 *         .revalidateAfter(Duration.ZERO)
 *         .build();
 * }</pre>
 *
 * @param ttl how long a value read by stage, label or as the latest version is served from the
 *     cache; zero means such values are not cached
 * @param pinnedTtl how long a value of a pinned version (a Secrets Manager {@code objectVersion}
 *     without a stage, an SSM {@code objectVersion}) is served; these never change in AWS, so only
 *     deletion and revoked permissions go unnoticed; zero means they are not cached
 * @param maximumBytes the bound of the cache, in bytes of values plus a fixed overhead per entry
 *     ({@value #ENTRY_OVERHEAD_BYTES} bytes and the name and version); least recently and least
 *     frequently used entries are evicted first
 * @param revalidateAfter for Secrets Manager values read by stage: once an entry is this old (since
 *     it was read or last confirmed), a hit first asks {@code DescribeSecret} whether the cached
 *     version still carries the requested stage, and reads the value again if not; {@link
 *     Duration#ZERO} confirms every hit; empty never revalidates
 */
public record ValueCachePolicy(
    Duration ttl, Duration pinnedTtl, long maximumBytes, Optional<Duration> revalidateAfter) {

  /**
   * The default bound: 8 MiB, e.g. 128 secrets of the 64 KiB maximum or thousands of small ones.
   */
  public static final long DEFAULT_MAXIMUM_BYTES = 8L << 20;

  /** The bytes counted for each entry besides its value, name and version. */
  public static final int ENTRY_OVERHEAD_BYTES = 256;

  private static final ValueCachePolicy DISABLED =
      new ValueCachePolicy(Duration.ZERO, Duration.ZERO, DEFAULT_MAXIMUM_BYTES, Optional.empty());

  /** Checks the components. */
  public ValueCachePolicy {
    requireNonNegative(ttl, "ttl");
    requireNonNegative(pinnedTtl, "pinnedTtl");
    if (maximumBytes < 1) {
      throw new IllegalArgumentException("maximumBytes must be positive, got " + maximumBytes);
    }
    requireNonNull(revalidateAfter, "revalidateAfter");
    if (revalidateAfter.isPresent()) {
      Duration after = requireNonNegative(revalidateAfter.get(), "revalidateAfter");
      if (after.compareTo(ttl) >= 0) {
        throw new IllegalArgumentException(
            "revalidateAfter ("
                + after
                + ") must be shorter than ttl ("
                + ttl
                + "): entries would expire before they are revalidated");
      }
    }
  }

  /** No value cache: every mount reads every value from the backend (the default). */
  public static ValueCachePolicy disabled() {
    return DISABLED;
  }

  /** A builder starting from {@link #disabled()}. */
  public static Builder builder() {
    return new Builder(DISABLED, false);
  }

  /** A builder starting from this policy. */
  public Builder toBuilder() {
    return new Builder(this, true);
  }

  /** Whether any value is cached: {@link #ttl()} or {@link #pinnedTtl()} is positive. */
  public boolean enabled() {
    return !ttl.isZero() || !pinnedTtl.isZero();
  }

  private static Duration requireNonNegative(Duration d, String name) {
    requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, got " + d);
    }
    return d;
  }

  /** A validating builder of {@link ValueCachePolicy}. */
  public static final class Builder {
    private Duration ttl;
    private Duration pinnedTtl;
    private boolean pinnedTtlSet;
    private long maximumBytes;
    private Optional<Duration> revalidateAfter;

    private Builder(ValueCachePolicy from, boolean pinnedTtlSet) {
      ttl = from.ttl;
      pinnedTtl = from.pinnedTtl;
      this.pinnedTtlSet = pinnedTtlSet;
      maximumBytes = from.maximumBytes;
      revalidateAfter = from.revalidateAfter;
    }

    /**
     * Sets how long values read by stage, label or as the latest version are served (zero: not
     * cached). Unless {@link #pinnedTtl(Duration)} is called, pinned versions get the same TTL.
     */
    public Builder ttl(Duration ttl) {
      this.ttl = requireNonNegative(ttl, "ttl");
      return this;
    }

    /** Sets how long values of pinned versions are served (zero: not cached). */
    public Builder pinnedTtl(Duration pinnedTtl) {
      this.pinnedTtl = requireNonNegative(pinnedTtl, "pinnedTtl");
      this.pinnedTtlSet = true;
      return this;
    }

    /** Sets the bound of the cache in bytes (default {@value #DEFAULT_MAXIMUM_BYTES}). */
    public Builder maximumBytes(long maximumBytes) {
      if (maximumBytes < 1) {
        throw new IllegalArgumentException("maximumBytes must be positive, got " + maximumBytes);
      }
      this.maximumBytes = maximumBytes;
      return this;
    }

    /**
     * Revalidates Secrets Manager hits older than {@code after} with {@code DescribeSecret} ({@link
     * Duration#ZERO}: every hit).
     */
    public Builder revalidateAfter(Duration after) {
      this.revalidateAfter = Optional.of(requireNonNegative(after, "revalidateAfter"));
      return this;
    }

    /** Never revalidates (the default). */
    public Builder noRevalidation() {
      this.revalidateAfter = Optional.empty();
      return this;
    }

    /** Builds the policy; fails if {@code revalidateAfter} is not shorter than {@code ttl}. */
    public ValueCachePolicy build() {
      return new ValueCachePolicy(
          ttl, pinnedTtlSet ? pinnedTtl : ttl, maximumBytes, revalidateAfter);
    }
  }
}
