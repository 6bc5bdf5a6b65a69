// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.ascp.api.AuthMode;
import io.ascp.api.CallerIdentity;
import io.ascp.api.ServiceAccountToken;
import io.ascp.core.internal.TokenClaims;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Whether a request may be answered with what another request of the same {@link IdentityKey} read
 * (a cached value or a shared backend call): only when it carries the token its auth mode exchanges
 * and that token is known to be unexpired. A value served this way was never checked against this
 * request's own token by AWS; the check keeps an expired token from being honoured where AWS would
 * have refused it (DESIGN §6.8 asks the same of the credentials cache).
 *
 * <p>The expiry is the {@code expirationTimestamp} the CSI driver reported, else the JWT's {@code
 * exp} claim (decoded, not verified: AWS verifies the signature when the token is exchanged).
 */
final class TokenCheck {
  private TokenCheck() {}

  /** Whether {@code identity} may be served from shared results at {@code clock}'s instant. */
  static boolean mayShare(CallerIdentity identity, Clock clock) {
    String audience;
    if (identity.authMode() == AuthMode.IRSA) {
      audience = CallerIdentity.STS_AUDIENCE;
    } else if (identity.authMode() == AuthMode.POD_IDENTITY) {
      audience = CallerIdentity.POD_IDENTITY_AUDIENCE;
    } else {
      return true;
    }
    Optional<ServiceAccountToken> token = identity.token(audience);
    if (token.isEmpty() || token.get().token().isEmpty()) {
      return false;
    }
    return expiry(token.get()).map(clock.instant()::isBefore).orElse(false);
  }

  /** When {@code token} expires, if it says. */
  static Optional<Instant> expiry(ServiceAccountToken token) {
    Optional<String> reported = token.expirationTimestamp();
    if (reported.isPresent()) {
      try {
        return Optional.of(OffsetDateTime.parse(reported.get()).toInstant());
      } catch (DateTimeParseException e) {
        // Fall back to the claim.
      }
    }
    return jwtExpiry(token.token());
  }

  private static Optional<Instant> jwtExpiry(String jwt) {
    return TokenClaims.payload(jwt)
        .map(claims -> claims.get("exp"))
        .filter(JsonNode::isNumber)
        .map(exp -> Instant.ofEpochSecond(exp.asLong()));
  }
}
