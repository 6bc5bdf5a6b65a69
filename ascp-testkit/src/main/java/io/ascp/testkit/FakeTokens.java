// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Kubernetes service-account tokens for tests: unsigned JWT-shaped strings with the claims the HTTP
 * emulator reads ({@code sub} = {@code system:serviceaccount:<namespace>:<name>}, {@code aud},
 * {@code exp}). The emulator's STS and Pod Identity agent accept them; real AWS would not.
 *
 * <pre>{@code
 * String token = FakeTokens.serviceAccountToken("team-a", "app", "sts.amazonaws.com");
 * }</pre>
 */
public final class FakeTokens {
  /** The issuer claim of tokens made here. */
  public static final String ISSUER = "https://oidc.eks.us-east-1.amazonaws.com/id/ASCPTESTKIT";

  private FakeTokens() {}

  /**
   * A token of service account {@code namespace/serviceAccount} for {@code audience}, without
   * expiry.
   */
  public static String serviceAccountToken(
      String namespace, String serviceAccount, String audience) {
    return token(namespace, serviceAccount, audience, Optional.empty());
  }

  /**
   * A token of service account {@code namespace/serviceAccount} for {@code audience}, expiring at
   * {@code expiresAt}.
   */
  public static String serviceAccountToken(
      String namespace, String serviceAccount, String audience, Instant expiresAt) {
    return token(
        namespace, serviceAccount, audience, Optional.of(requireNonNull(expiresAt, "expiresAt")));
  }

  /** The {@code sub} claim of a token of service account {@code namespace/serviceAccount}. */
  public static String subject(String namespace, String serviceAccount) {
    requireNonNull(namespace, "namespace");
    requireNonNull(serviceAccount, "serviceAccount");
    return "system:serviceaccount:" + namespace + ":" + serviceAccount;
  }

  private static String token(
      String namespace, String serviceAccount, String audience, Optional<Instant> expiresAt) {
    requireNonNull(namespace, "namespace");
    requireNonNull(serviceAccount, "serviceAccount");
    requireNonNull(audience, "audience");
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", ISSUER);
    claims.put("sub", subject(namespace, serviceAccount));
    claims.put("aud", audience);
    expiresAt.ifPresent(e -> claims.put("exp", BigDecimal.valueOf(e.getEpochSecond())));
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString(
            "{\"alg\":\"RS256\",\"kid\":\"ascp-testkit\"}".getBytes(StandardCharsets.UTF_8))
        + "."
        + b64.encodeToString(Json.write(claims).getBytes(StandardCharsets.UTF_8))
        + "."
        + b64.encodeToString("ascp-testkit-unsigned".getBytes(StandardCharsets.UTF_8));
  }

  /** The claims of a JWT-shaped token, or empty when it is not one. */
  static Optional<Map<String, Object>> claims(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      return Optional.empty();
    }
    try {
      String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
      return Optional.of(Json.parseObject(payload));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
