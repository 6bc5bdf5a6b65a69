// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ascp.api.AuthMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CredentialCacheTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  final MutableClock clock = new MutableClock(T0);
  final CredentialCache cache = new CredentialCache(clock, Duration.ofMinutes(5), 100);
  final AtomicInteger loads = new AtomicInteger();

  static CredentialCache.Key key(String sa) {
    return new CredentialCache.Key(
        AuthMode.IRSA, "us-east-1", "arn:aws:iam::1:role/r", "ns", sa, "", "hash");
  }

  TemporaryCredentials load(Duration validFor) {
    int n = loads.incrementAndGet();
    return new TemporaryCredentials(
        "AKID" + n, "secret", "token", Optional.of(clock.instant().plus(validFor)));
  }

  @Test
  void servesFreshCredentialsUntilTheMarginBeforeExpiry() {
    TemporaryCredentials first = cache.get(key("a"), true, () -> load(Duration.ofHours(1)));
    clock.advance(Duration.ofMinutes(54));
    assertThat(cache.get(key("a"), true, () -> load(Duration.ofHours(1)))).isSameAs(first);
    clock.advance(Duration.ofMinutes(1));
    TemporaryCredentials second = cache.get(key("a"), true, () -> load(Duration.ofHours(1)));
    assertThat(second.accessKeyId()).isEqualTo("AKID2");
    assertThat(loads).hasValue(2);
  }

  @Test
  void aRequestThatMayNotUseTheCacheLoadsAndRefreshesIt() {
    cache.get(key("a"), true, () -> load(Duration.ofHours(1)));
    TemporaryCredentials fresh = cache.get(key("a"), false, () -> load(Duration.ofHours(1)));
    assertThat(fresh.accessKeyId()).isEqualTo("AKID2");
    assertThat(cache.get(key("a"), true, () -> load(Duration.ofHours(1)))).isSameAs(fresh);
    assertThat(loads).hasValue(2);
  }

  @Test
  void keysNeverShareCredentials() {
    TemporaryCredentials a = cache.get(key("a"), true, () -> load(Duration.ofHours(1)));
    TemporaryCredentials b = cache.get(key("b"), true, () -> load(Duration.ofHours(1)));
    assertThat(b.accessKeyId()).isNotEqualTo(a.accessKeyId());
    CredentialCache.Key podA =
        new CredentialCache.Key(AuthMode.POD_IDENTITY, "", "", "ns", "sa", "uid-1", "hash");
    CredentialCache.Key podB =
        new CredentialCache.Key(AuthMode.POD_IDENTITY, "", "", "ns", "sa", "uid-2", "hash");
    TemporaryCredentials pa = cache.get(podA, true, () -> load(Duration.ofHours(1)));
    TemporaryCredentials pb = cache.get(podB, true, () -> load(Duration.ofHours(1)));
    assertThat(pb.accessKeyId()).isNotEqualTo(pa.accessKeyId());
    assertThat(loads).hasValue(4);
  }

  @Test
  void failuresAndCredentialsWithoutExpiryAreNotKept() {
    assertThatThrownBy(
            () ->
                cache.get(
                    key("a"),
                    true,
                    () -> {
                      throw new IllegalStateException("sts down");
                    }))
        .hasMessage("sts down");
    assertThat(cache.size()).isZero();
    cache.get(key("a"), true, () -> new TemporaryCredentials("X", "s", "t", Optional.empty()));
    assertThat(cache.size()).isZero();
    cache.get(key("a"), true, () -> load(Duration.ofMinutes(4)));
    assertThat(cache.size()).as("expires within the margin").isZero();
  }

  @Test
  void concurrentRequestsForOneKeyShareOneLoad() throws Exception {
    int threads = 8;
    CountDownLatch started = new CountDownLatch(threads);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<TemporaryCredentials>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(
            pool.submit(
                () -> {
                  started.countDown();
                  return cache.get(
                      key("a"),
                      true,
                      () -> {
                        try {
                          release.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                          Thread.currentThread().interrupt();
                        }
                        return load(Duration.ofHours(1));
                      });
                }));
      }
      assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
      release.countDown();
      for (Future<TemporaryCredentials> f : results) {
        assertThat(f.get(30, TimeUnit.SECONDS).accessKeyId()).isEqualTo("AKID1");
      }
      assertThat(loads).hasValue(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theCacheStaysBounded() {
    CredentialCache small = new CredentialCache(clock, Duration.ZERO, 3);
    for (int i = 0; i < 10; i++) {
      small.get(key("sa" + i), true, () -> load(Duration.ofHours(1)));
    }
    assertThat(small.size()).isLessThanOrEqualTo(3);
  }
}
