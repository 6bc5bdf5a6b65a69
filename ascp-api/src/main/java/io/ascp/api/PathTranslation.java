// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.api;

import java.util.Optional;

/**
 * How a {@code /} in an object name becomes a file name: replaced by one character (the default
 * {@code _}) or kept (translation off, {@code pathTranslation: "False"}), in which case leading
 * slashes are stripped and inner ones make subdirectories.
 *
 * @param replacement the character that replaces every {@code /}, or empty when translation is off
 */
public record PathTranslation(Optional<Character> replacement) {
  /** The default: every {@code /} becomes {@code _}. */
  public static final PathTranslation DEFAULT = new PathTranslation(Optional.of('_'));

  /** Translation off: slashes stay (leading ones are stripped). */
  public static final PathTranslation DISABLED = new PathTranslation(Optional.empty());

  /**
   * Validates the replacement: one ASCII character (the reference counts bytes, so a multi-byte
   * character is not one character).
   */
  public PathTranslation {
    replacement.ifPresent(
        c -> {
          if (c > 0x7f) {
            throw new IllegalArgumentException(
                "replacement must be a single-byte character, got U+"
                    + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT));
          }
        });
  }

  /** A translation that replaces every {@code /} by {@code replacement}. */
  public static PathTranslation of(char replacement) {
    return new PathTranslation(Optional.of(replacement));
  }

  /** Whether slashes are replaced. */
  public boolean enabled() {
    return replacement.isPresent();
  }
}
