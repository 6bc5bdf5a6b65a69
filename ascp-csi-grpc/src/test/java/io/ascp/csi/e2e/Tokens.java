// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.e2e;

import io.ascp.testkit.FakeTokens;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Service-account tokens for the end-to-end tests: the testkit's JWT-shaped tokens (claims the
 * emulator reads), with {@link #MARKER} and a sequence number in the signature part, so that each
 * token is new (the daemon caches credentials per token) and a leak is detectable.
 */
final class Tokens {
  /** Part of every token; must never appear in a log line or a status message. */
  static final String MARKER = "TOKENMARKERq8z7";

  private static final AtomicLong SEQUENCE = new AtomicLong();

  private Tokens() {}

  /** A fresh token of {@code namespace/serviceAccount} for {@code audience}. */
  static String token(String namespace, String serviceAccount, String audience) {
    String jwt = FakeTokens.serviceAccountToken(namespace, serviceAccount, audience);
    String headerAndClaims = jwt.substring(0, jwt.lastIndexOf('.'));
    return headerAndClaims + "." + MARKER + SEQUENCE.incrementAndGet();
  }
}
