// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import io.ascp.api.CallerIdentity;
import io.ascp.api.ServiceAccountToken;
import java.util.List;

/**
 * Replaces known secrets (the caller's service-account tokens) in text that is about to become part
 * of a message or a log line. A defence in depth: no code path puts a token into a message on
 * purpose, but a backend may echo one in an error.
 */
final class Redactor {
  static final String REDACTED = "<redacted>";
  static final Redactor NONE = new Redactor(List.of());

  /** Shorter strings are not redacted: they would mangle ordinary words and carry no secret. */
  private static final int MIN_SECRET_LENGTH = 8;

  private final List<String> secrets;

  private Redactor(List<String> secrets) {
    this.secrets = secrets;
  }

  /** A redactor of every token of {@code identity}. */
  static Redactor of(CallerIdentity identity) {
    return new Redactor(
        identity.tokens().values().stream()
            .map(ServiceAccountToken::token)
            .filter(t -> t.length() >= MIN_SECRET_LENGTH)
            .toList());
  }

  /** A redactor of one secret. */
  static Redactor forSecret(String secret) {
    return secret.length() >= MIN_SECRET_LENGTH ? new Redactor(List.of(secret)) : NONE;
  }

  /** {@code text} with every secret replaced by {@value #REDACTED}. */
  String redact(String text) {
    String result = text;
    for (String s : secrets) {
      if (result.contains(s)) {
        result = result.replace(s, REDACTED);
      }
    }
    return result;
  }
}
