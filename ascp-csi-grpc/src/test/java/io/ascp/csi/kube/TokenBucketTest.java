// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
  private final AtomicLong now = new AtomicLong(1_000);
  private final List<Long> sleeps = new ArrayList<>();

  private TokenBucket bucket(int qps, int burst) {
    return TokenBucket.of(qps, burst, now::get, nanos -> sleeps.add(nanos));
  }

  @Test
  void aBurstPassesThenCallsWaitForTheirToken() throws Exception {
    TokenBucket bucket = bucket(2, 3);
    for (int i = 0; i < 3; i++) {
      bucket.acquire();
    }
    assertThat(sleeps).isEmpty();
    bucket.acquire();
    bucket.acquire();
    assertThat(sleeps)
        .containsExactly(TimeUnit.MILLISECONDS.toNanos(500), TimeUnit.MILLISECONDS.toNanos(1000));
  }

  @Test
  void tokensRefillAtQpsUpToTheBurst() throws Exception {
    TokenBucket bucket = bucket(1, 2);
    bucket.acquire();
    bucket.acquire();
    now.addAndGet(TimeUnit.SECONDS.toNanos(100));
    bucket.acquire();
    bucket.acquire();
    assertThat(sleeps).isEmpty();
    bucket.acquire();
    assertThat(sleeps).containsExactly(TimeUnit.SECONDS.toNanos(1));
  }

  @Test
  void clientGoDefaults() throws Exception {
    TokenBucket bucket = bucket(0, 0);
    for (int i = 0; i < 10; i++) {
      bucket.acquire();
    }
    assertThat(sleeps).isEmpty();
    bucket.acquire();
    assertThat(sleeps).containsExactly(TimeUnit.MILLISECONDS.toNanos(200));
  }

  @Test
  void aNegativeQpsMeansNoLimit() throws Exception {
    TokenBucket bucket = bucket(-1, 1);
    assertThat(bucket.isLimited()).isFalse();
    for (int i = 0; i < 1000; i++) {
      bucket.acquire();
    }
    assertThat(sleeps).isEmpty();
  }
}
