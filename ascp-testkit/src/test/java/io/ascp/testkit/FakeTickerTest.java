// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class FakeTickerTest {
  @Test
  void movesOnlyWhenAdvanced() {
    FakeTicker ticker = FakeTicker.create();
    assertThat(ticker.read()).isZero();
    assertThat(ticker.read()).isZero();
    ticker.advance(Duration.ofMillis(1500));
    assertThat(ticker.read()).isEqualTo(1_500_000_000L);
    assertThat(ticker.instant()).isEqualTo(FakeTicker.DEFAULT_START.plusMillis(1500));
  }

  @Test
  void clockFollowsTheTicker() {
    FakeTicker ticker = FakeTicker.startingAt(Instant.parse("2030-05-01T10:00:00Z"));
    Clock clock = ticker.clock();
    assertThat(clock.instant()).isEqualTo(Instant.parse("2030-05-01T10:00:00Z"));
    ticker.advance(Duration.ofHours(1));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2030-05-01T11:00:00Z"));
    assertThat(clock.withZone(java.time.ZoneId.of("Europe/Paris")).instant())
        .isEqualTo(clock.instant());
  }

  @Test
  void cannotGoBack() {
    assertThatThrownBy(() -> FakeTicker.create().advance(Duration.ofNanos(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void delaysCompleteWhenTheirDeadlineIsReachedInDeadlineOrder() {
    FakeTicker ticker = FakeTicker.create();
    CompletableFuture<Void> late = ticker.after(Duration.ofSeconds(2).toNanos());
    CompletableFuture<Void> early = ticker.after(Duration.ofSeconds(1).toNanos());
    assertThat(ticker.pendingDelays()).isEqualTo(2);
    ticker.advance(Duration.ofMillis(999));
    assertThat(early).isNotDone();
    ticker.advance(Duration.ofMillis(1));
    assertThat(early).isDone();
    assertThat(late).isNotDone();
    ticker.advance(Duration.ofSeconds(5));
    assertThat(late).isDone();
    assertThat(ticker.pendingDelays()).isZero();
    assertThat(ticker.after(0)).isDone();
  }

  @Test
  void usableAsACoreTicker() {
    FakeTicker ticker = FakeTicker.create();
    java.util.function.LongSupplier coreTickerShape = ticker::read;
    ticker.advance(Duration.ofNanos(7));
    assertThat(coreTickerShape.getAsLong()).isEqualTo(7);
  }
}
