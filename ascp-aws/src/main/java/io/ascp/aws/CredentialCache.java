// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import static java.util.Objects.requireNonNull;

import io.ascp.api.AuthMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Temporary credentials by caller, kept until {@code refreshMargin} before they expire.
 *
 * <p>Loads are single-flight: concurrent requests for one key wait for the one exchange in progress
 * instead of starting their own. A waiter whose exchange failed (another caller's token may have
 * been the problem) then runs its own exchange. Failures and credentials without an expiry are
 * never kept. When more than {@code maxSize} keys are held, expired entries are dropped first, then
 * arbitrary completed ones.
 *
 * <p>Whether a request may be <em>served</em> from the cache is the caller's decision ({@code
 * mayUseCached}): DESIGN §6.8 requires the request's own token to be unexpired.
 */
final class CredentialCache {

  /**
   * Whose credentials an entry holds. One identity's credentials are never served to another: the
   * key has every attribute that selects the credentials (for Pod Identity the pod, because the
   * agent's session tags carry it) and the SHA-256 of the token that was exchanged for them, so a
   * request is served from the cache only with the very token STS or the agent accepted.
   *
   * @param mode how the credentials were obtained
   * @param region the STS region (IRSA), else empty
   * @param roleArn the assumed role (IRSA), else empty
   * @param namespace the pod's namespace
   * @param serviceAccount the pod's service account
   * @param podUid the pod's uid (Pod Identity), else empty
   * @param tokenHash the hex SHA-256 of the service-account token
   */
  record Key(
      AuthMode mode,
      String region,
      String roleArn,
      String namespace,
      String serviceAccount,
      String podUid,
      String tokenHash) {
    Key {
      requireNonNull(mode, "mode");
      requireNonNull(region, "region");
      requireNonNull(roleArn, "roleArn");
      requireNonNull(namespace, "namespace");
      requireNonNull(serviceAccount, "serviceAccount");
      requireNonNull(podUid, "podUid");
      requireNonNull(tokenHash, "tokenHash");
    }
  }

  private final ConcurrentHashMap<Key, CompletableFuture<TemporaryCredentials>> entries =
      new ConcurrentHashMap<>();
  private final Clock clock;
  private final Duration refreshMargin;
  private final int maxSize;

  CredentialCache(Clock clock, Duration refreshMargin, int maxSize) {
    this.clock = requireNonNull(clock, "clock");
    this.refreshMargin = requireNonNull(refreshMargin, "refreshMargin");
    if (maxSize < 1) {
      throw new IllegalArgumentException("maxSize must be positive, got " + maxSize);
    }
    this.maxSize = maxSize;
  }

  /**
   * The credentials of {@code key}: cached ones when {@code mayUseCached} and still fresh, else the
   * result of {@code loader}, run on the calling thread. Fresh results are kept either way.
   *
   * @throws RuntimeException whatever {@code loader} threw
   */
  TemporaryCredentials get(Key key, boolean mayUseCached, Supplier<TemporaryCredentials> loader) {
    boolean joinedFailure = false;
    while (true) {
      CompletableFuture<TemporaryCredentials> current = entries.get(key);
      if (mayUseCached && current != null) {
        if (!current.isDone() && !joinedFailure) {
          try {
            return current.join();
          } catch (CompletionException | java.util.concurrent.CancellationException e) {
            joinedFailure = true;
            continue;
          }
        }
        if (current.isDone() && !current.isCompletedExceptionally() && isFresh(current.join())) {
          return current.join();
        }
      }
      CompletableFuture<TemporaryCredentials> mine = new CompletableFuture<>();
      boolean installed =
          current == null
              ? entries.putIfAbsent(key, mine) == null
              : entries.replace(key, current, mine);
      if (!installed) {
        if (mayUseCached && !joinedFailure) {
          continue;
        }
        // Another load is in progress and this request may not (or did not) wait for it.
        return loader.get();
      }
      TemporaryCredentials loaded;
      try {
        loaded = loader.get();
      } catch (RuntimeException | Error e) {
        entries.remove(key, mine);
        mine.completeExceptionally(e);
        throw e;
      }
      if (!isFresh(loaded)) {
        entries.remove(key, mine);
      }
      mine.complete(loaded);
      prune();
      return loaded;
    }
  }

  /** Whether {@code credentials} may still be served: they expire after now + the margin. */
  boolean isFresh(TemporaryCredentials credentials) {
    Instant limit = clock.instant().plus(refreshMargin);
    return credentials.expiration().map(limit::isBefore).orElse(false);
  }

  /** The number of keys held (for tests). */
  int size() {
    return entries.size();
  }

  /** Drops every entry. */
  void clear() {
    entries.clear();
  }

  private void prune() {
    if (entries.size() <= maxSize) {
      return;
    }
    entries.entrySet().removeIf(e -> isStale(e.getValue()));
    Iterator<Map.Entry<Key, CompletableFuture<TemporaryCredentials>>> it =
        entries.entrySet().iterator();
    while (entries.size() > maxSize && it.hasNext()) {
      if (it.next().getValue().isDone()) {
        it.remove();
      }
    }
  }

  private boolean isStale(CompletableFuture<TemporaryCredentials> f) {
    return f.isDone() && (f.isCompletedExceptionally() || !isFresh(f.join()));
  }
}
