// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import io.ascp.api.ServiceAccountToken;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;

/**
 * When a service-account token expires: the {@code expirationTimestamp} the CSI driver reported,
 * else the {@code exp} claim of the JWT (read, not verified: the token is only trusted by whoever
 * it is exchanged with). Empty when neither is readable.
 */
final class TokenExpiry {
  private static final JsonNodeParser PARSER = JsonNodeParser.create();

  private TokenExpiry() {}

  static Optional<Instant> of(ServiceAccountToken token) {
    Optional<Instant> reported = token.expirationTimestamp().flatMap(TokenExpiry::parseTimestamp);
    return reported.isPresent() ? reported : jwtExpiry(token.token());
  }

  static Optional<Instant> parseTimestamp(String s) {
    try {
      return Optional.of(OffsetDateTime.parse(s).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  static Optional<Instant> jwtExpiry(String jwt) {
    int first = jwt.indexOf('.');
    int second = first < 0 ? -1 : jwt.indexOf('.', first + 1);
    if (second < 0) {
      return Optional.empty();
    }
    try {
      byte[] payload =
          Base64.getUrlDecoder().decode(stripPadding(jwt.substring(first + 1, second)));
      JsonNode claims = PARSER.parse(new String(payload, StandardCharsets.UTF_8));
      if (!claims.isObject()) {
        return Optional.empty();
      }
      Optional<JsonNode> exp = claims.field("exp");
      if (exp.isEmpty() || !exp.get().isNumber()) {
        return Optional.empty();
      }
      return Optional.of(Instant.ofEpochSecond((long) Double.parseDouble(exp.get().asNumber())));
    } catch (RuntimeException e) {
      // Not a JWT we can read: the expiry is unknown.
      return Optional.empty();
    }
  }

  private static String stripPadding(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '=') {
      end--;
    }
    return s.substring(0, end);
  }
}
