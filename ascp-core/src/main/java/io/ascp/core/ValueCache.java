// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.ascp.api.ObjectType;
import io.ascp.api.spi.ObjectRequest;
import io.ascp.api.spi.SecretValue;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The opt-in value cache of the mount pipeline ({@link ValueCachePolicy}): fetched values by
 * identity, region, type, name and version selector, bounded in bytes, expired by TTL on the
 * injected {@link Ticker}.
 *
 * <p>The cache holds its own copy of each value and zeroes it when the entry is evicted, expired,
 * replaced or invalidated. A reader copies the bytes out under the entry's lock and treats a zeroed
 * entry as a miss, so a value being evicted is never served half-cleared.
 */
final class ValueCache {

  /**
   * Which request a value answers: who read it, where, and what was asked for (a pinned version, a
   * stage or label, or neither for the current value).
   */
  record Key(
      IdentityKey identity,
      String region,
      ObjectType type,
      String name,
      Optional<String> version,
      Optional<String> label) {
    Key {
      requireNonNull(identity, "identity");
      requireNonNull(region, "region");
      requireNonNull(type, "type");
      requireNonNull(name, "name");
      requireNonNull(version, "version");
      requireNonNull(label, "label");
    }

    static Key of(IdentityKey identity, String region, ObjectType type, ObjectRequest request) {
      return new Key(
          identity, region, type, request.name(), request.version(), request.versionLabel());
    }

    /** Whether the request names an immutable version: a version and no stage or label. */
    boolean pinned() {
      return version.isPresent() && label.isEmpty();
    }
  }

  /** A cached value; its bytes are zeroed once it leaves the cache. */
  static final class Entry {
    private final String name;
    private final String version;
    private final boolean binary;
    private final boolean pinned;
    private final int weight;
    private final AtomicLong confirmedAt;
    private final byte[] contents;
    private boolean cleared;

    Entry(SecretValue value, boolean pinned, long now) {
      this.name = value.name();
      this.version = value.version();
      this.binary = value.binary();
      this.pinned = pinned;
      this.contents = value.contents();
      long w =
          (long) contents.length
              + 2L * (name.length() + version.length())
              + ValueCachePolicy.ENTRY_OVERHEAD_BYTES;
      this.weight = (int) Math.min(Integer.MAX_VALUE, w);
      this.confirmedAt = new AtomicLong(now);
    }

    /** The version id (Secrets Manager) or number (SSM) of the value. */
    String version() {
      return version;
    }

    /** A copy of the value, or empty once the entry was cleared. */
    synchronized Optional<SecretValue> value() {
      return cleared
          ? Optional.empty()
          : Optional.of(new SecretValue(name, version, contents, binary));
    }

    /** When the value was read or last confirmed current, in ticker nanoseconds. */
    long confirmedAt() {
      return confirmedAt.get();
    }

    void confirmed(long now) {
      confirmedAt.set(now);
    }

    synchronized void clear() {
      Arrays.fill(contents, (byte) 0);
      cleared = true;
    }

    /** How many bytes of the held array are not zero (for tests). */
    synchronized int nonZeroBytes() {
      int n = 0;
      for (byte b : contents) {
        if (b != 0) {
          n++;
        }
      }
      return n;
    }

    synchronized boolean isCleared() {
      return cleared;
    }
  }

  private final ValueCachePolicy policy;
  private final Ticker ticker;
  private final @Nullable Cache<Key, Entry> cache;

  ValueCache(ValueCachePolicy policy, Ticker ticker) {
    this.policy = requireNonNull(policy, "policy");
    this.ticker = requireNonNull(ticker, "ticker");
    if (!policy.enabled()) {
      this.cache = null;
      return;
    }
    this.cache =
        Caffeine.newBuilder()
            .maximumWeight(policy.maximumBytes())
            .weigher((Key key, Entry entry) -> entry.weight)
            .expireAfter(new TtlExpiry(policy))
            .ticker(ticker::read)
            // Removal work runs on the caller's thread: bytes are zeroed before the call returns.
            .executor(Runnable::run)
            .removalListener(
                (@Nullable Key key, @Nullable Entry entry, RemovalCause cause) -> {
                  if (entry != null) {
                    entry.clear();
                  }
                })
            .build();
  }

  /** The policy. */
  ValueCachePolicy policy() {
    return policy;
  }

  /** Whether values are cached at all. */
  boolean enabled() {
    return cache != null;
  }

  /** Whether values answering {@code key} are cached (their TTL is positive). */
  boolean caches(Key key) {
    return cache != null && !(key.pinned() ? policy.pinnedTtl() : policy.ttl()).isZero();
  }

  /** The live entry of {@code key}, if any. */
  Optional<Entry> get(Key key) {
    if (cache == null) {
      return Optional.empty();
    }
    Entry entry = cache.getIfPresent(key);
    return entry == null || entry.isCleared() ? Optional.empty() : Optional.of(entry);
  }

  /**
   * Caches {@code value} as the answer to {@code key}, replacing (and zeroing) an older one.
   *
   * @return the new entry (it may already be evicted), or empty when such values are not cached
   */
  Optional<Entry> put(Key key, SecretValue value) {
    if (cache == null || !caches(key)) {
      return Optional.empty();
    }
    Entry entry = new Entry(value, key.pinned(), ticker.read());
    cache.put(key, entry);
    return Optional.of(entry);
  }

  /** Drops {@code entry} if it is still the one of {@code key} (its bytes are zeroed). */
  void invalidate(Key key, Entry entry) {
    if (cache != null) {
      cache.asMap().remove(key, entry);
    }
  }

  /** Drops every entry (their bytes are zeroed). */
  void clear() {
    if (cache != null) {
      cache.invalidateAll();
      cache.cleanUp();
    }
  }

  /** The number of entries, after pending maintenance. */
  long size() {
    if (cache == null) {
      return 0;
    }
    cache.cleanUp();
    return cache.estimatedSize();
  }

  /**
   * The TTL of an entry: from its creation (a replacement starts anew), never extended by reads.
   */
  private static final class TtlExpiry implements Expiry<Key, Entry> {
    private final long ttlNanos;
    private final long pinnedTtlNanos;

    TtlExpiry(ValueCachePolicy policy) {
      this.ttlNanos = saturatedNanos(policy.ttl());
      this.pinnedTtlNanos = saturatedNanos(policy.pinnedTtl());
    }

    @Override
    public long expireAfterCreate(Key key, Entry entry, long currentTime) {
      return entry.pinned ? pinnedTtlNanos : ttlNanos;
    }

    @Override
    public long expireAfterUpdate(Key key, Entry entry, long currentTime, long currentDuration) {
      return expireAfterCreate(key, entry, currentTime);
    }

    @Override
    public long expireAfterRead(Key key, Entry entry, long currentTime, long currentDuration) {
      return currentDuration;
    }

    private static long saturatedNanos(Duration d) {
      try {
        return d.toNanos();
      } catch (ArithmeticException e) {
        return Long.MAX_VALUE;
      }
    }
  }
}
