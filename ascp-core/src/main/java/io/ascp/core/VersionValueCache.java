// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.ascp.api.AuthMode;
import io.ascp.api.CallerIdentity;
import io.ascp.api.spi.SecretValue;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Secrets Manager values by version id, scoped to the identity that read them: lets a mount from a
 * CSI driver up to v1.5 (which sends the mounted versions) reuse a still-current version instead of
 * reading it again (DESIGN §6.8). Entries are written only once some request has carried mounted
 * versions, so with drivers from v1.6 on (which never send them) no value is held.
 *
 * <p>A version's value never changes in Secrets Manager, so an entry is never stale; the bound and
 * the idle expiry only limit how long values stay in memory. Evicted bytes are zeroed.
 */
final class VersionValueCache {
  private static final long MAXIMUM_SIZE = 10_000;
  private static final Duration IDLE_EXPIRY = Duration.ofHours(1);

  /** Who may see an entry, where it came from, and which version it is. */
  private record Key(
      AuthMode authMode,
      String namespace,
      String serviceAccount,
      String roleArn,
      String region,
      String name,
      String versionId) {}

  /**
   * The cache's own copy of a value, zeroed on eviction. Readers copy under the entry's lock and
   * treat a cleared entry as a miss, so a value being replaced is never served half-zeroed.
   */
  private static final class Entry {
    private final String name;
    private final String version;
    private final byte[] contents;
    private final boolean binary;
    private boolean cleared;

    Entry(SecretValue value) {
      this.name = value.name();
      this.version = value.version();
      this.contents = value.contents(); // a copy
      this.binary = value.binary();
    }

    synchronized Optional<SecretValue> value() {
      return cleared
          ? Optional.empty()
          : Optional.of(new SecretValue(name, version, contents, binary));
    }

    synchronized void clear() {
      Arrays.fill(contents, (byte) 0);
      cleared = true;
    }
  }

  private final Cache<Key, Entry> cache;
  private final AtomicBoolean enabled = new AtomicBoolean();

  VersionValueCache(Ticker ticker) {
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(MAXIMUM_SIZE)
            .expireAfterAccess(IDLE_EXPIRY)
            .ticker(ticker::read)
            .executor(Runnable::run)
            .removalListener(
                (@Nullable Key key, @Nullable Entry entry, RemovalCause cause) -> {
                  if (entry != null) {
                    entry.clear();
                  }
                })
            .build();
  }

  /** Turns on writing, once a driver has shown that it sends mounted versions. */
  void enable() {
    enabled.set(true);
  }

  boolean isEnabled() {
    return enabled.get();
  }

  void put(CallerIdentity identity, String region, String requestedName, SecretValue value) {
    if (enabled.get()) {
      cache.put(key(identity, region, requestedName, value.version()), new Entry(value));
    }
  }

  Optional<SecretValue> get(
      CallerIdentity identity, String region, String requestedName, String versionId) {
    Entry entry = cache.getIfPresent(key(identity, region, requestedName, versionId));
    return entry == null ? Optional.empty() : entry.value();
  }

  long size() {
    cache.cleanUp();
    return cache.estimatedSize();
  }

  private static Key key(CallerIdentity id, String region, String name, String versionId) {
    return new Key(
        id.authMode(),
        id.namespace(),
        id.serviceAccount(),
        id.roleArn().orElse(""),
        region,
        name,
        versionId);
  }
}
