// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.aws;

import io.ascp.api.CallerIdentity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The {@code RoleSessionName} of IRSA's {@code AssumeRoleWithWebIdentity}: {@code
 * ascp-<namespace>.<serviceAccount>}, so that CloudTrail shows which workload acted (the reference
 * uses the current time in nanoseconds, which says nothing).
 *
 * <p>STS allows 2 to 64 characters of {@code [\w+=,.@-]}. Other characters become {@code _}; a
 * longer name keeps its first 55 characters and ends with {@code -} and 8 hex digits of the SHA-256
 * of the full name, so two long names stay distinct. A Kubernetes namespace has no dot, so the
 * first dot separates namespace and service account.
 */
final class SessionNames {
  static final int MAX_LENGTH = 64;
  private static final int HASH_CHARS = 8;

  private SessionNames() {}

  /** The session name for {@code identity}. */
  static String of(CallerIdentity identity) {
    String name;
    if (identity.namespace().isEmpty() && identity.serviceAccount().isEmpty()) {
      name = "ascp";
    } else {
      name = "ascp-" + identity.namespace() + "." + identity.serviceAccount();
    }
    return fit(sanitize(name));
  }

  static String sanitize(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "_+=,.@-".indexOf(c) >= 0;
      b.append(ok ? c : '_');
    }
    return b.toString();
  }

  private static String fit(String s) {
    if (s.length() <= MAX_LENGTH) {
      return s;
    }
    String hash = sha256Hex(s).substring(0, HASH_CHARS);
    return s.substring(0, MAX_LENGTH - HASH_CHARS - 1) + "-" + hash;
  }

  /** The hex SHA-256 of the UTF-8 bytes of {@code s}. */
  static String sha256Hex(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
