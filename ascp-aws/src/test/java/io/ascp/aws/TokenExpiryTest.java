// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.ascp.api.ServiceAccountToken;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenExpiryTest {
  static final Instant EXP = Instant.parse("2026-05-01T10:00:00Z");

  @Test
  void prefersTheReportedExpirationTimestamp() {
    ServiceAccountToken t =
        new ServiceAccountToken(
            TestTokens.jwt("ns", "sa", EXP), Optional.of("2026-05-01T09:00:00+00:00"));
    assertThat(TokenExpiry.of(t)).contains(Instant.parse("2026-05-01T09:00:00Z"));
  }

  @Test
  void fallsBackToTheJwtExpClaim() {
    assertThat(TokenExpiry.of(ServiceAccountToken.of(TestTokens.jwt("ns", "sa", EXP))))
        .contains(EXP);
    ServiceAccountToken badTimestamp =
        new ServiceAccountToken(TestTokens.jwt("ns", "sa", EXP), Optional.of("tomorrow"));
    assertThat(TokenExpiry.of(badTimestamp)).contains(EXP);
  }

  @Test
  void isUnknownForTokensItCannotRead() {
    assertThat(TokenExpiry.of(ServiceAccountToken.of("opaque"))).isEmpty();
    assertThat(TokenExpiry.of(ServiceAccountToken.of("a.b.c"))).isEmpty();
    assertThat(TokenExpiry.of(ServiceAccountToken.of("a.e30.c"))).as("{} has no exp").isEmpty();
    assertThat(TokenExpiry.of(ServiceAccountToken.of("a.!!!.c"))).isEmpty();
  }
}
