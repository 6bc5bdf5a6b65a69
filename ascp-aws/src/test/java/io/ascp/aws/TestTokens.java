// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import io.ascp.api.ServiceAccountToken;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/** Unsigned JWTs shaped like Kubernetes service-account tokens, with a marker in the signature. */
final class TestTokens {
  /** Appears in every token made here; must never appear in a message or a log line. */
  static final String MARKER = "TOKENMARKER7f3a9c";

  private TestTokens() {}

  /** A JWT for {@code namespace/serviceAccount} that expires at {@code exp}. */
  static String jwt(String namespace, String serviceAccount, Instant exp) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header = b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8));
    String payload =
        b64.encodeToString(
            ("{\"sub\":\"system:serviceaccount:"
                    + namespace
                    + ":"
                    + serviceAccount
                    + "\",\"exp\":"
                    + exp.getEpochSecond()
                    + "}")
                .getBytes(StandardCharsets.UTF_8));
    return header + "." + payload + "." + MARKER + "-signature";
  }

  /** A token as the CSI driver passes it: the JWT and its expiry. */
  static ServiceAccountToken token(String namespace, String serviceAccount, Instant exp) {
    return new ServiceAccountToken(
        jwt(namespace, serviceAccount, exp), Optional.of(exp.toString()));
  }
}
