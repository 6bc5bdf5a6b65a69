// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core.internal;

import io.ascp.api.AscpException;
import io.ascp.api.ErrorCode;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Builds the {@code INVALID_PARAMETERS} errors of parsing and validation, and renders the
 * identifiers they echo.
 *
 * <p>What a message may echo: identifiers from the {@code objects} YAML (object names, aliases,
 * JMESPath paths, object types, file permission strings, version labels, the file names derived
 * from them) and the region names, as the reference provider echoes them. Never echoed: token
 * values, values of attributes the provider does not read, values under unknown YAML keys, and the
 * text of YAML or JSON syntax errors (a position is given instead).
 */
public final class Messages {
  /** The prefix of every {@code objects} decoding error, as in the reference provider. */
  static final String LOAD_FAILURE_PREFIX = "Failed to load SecretProviderClass: ";

  private Messages() {}

  /** An {@code INVALID_PARAMETERS} error with the given message. */
  public static AscpException invalid(String message) {
    return new AscpException(ErrorCode.INVALID_PARAMETERS, message);
  }

  /** An error decoding {@code objects}: the reference's prefix, then our own description. */
  static AscpException loadFailure(String description) {
    return invalid(LOAD_FAILURE_PREFIX + description);
  }

  /**
   * An identifier as it appears in a message: unchanged, except that control characters and Unicode
   * line or paragraph separators are escaped (as {@code \n}, {@code \x1b}, or a backslash, {@code
   * u} and four hex digits), so that a message is always one printable line.
   */
  public static String echo(String identifier) {
    StringBuilder out = null;
    for (int i = 0; i < identifier.length(); i++) {
      char c = identifier.charAt(i);
      String escape = escape(c);
      if (escape != null) {
        if (out == null) {
          out = new StringBuilder(identifier.length() + 8).append(identifier, 0, i);
        }
        out.append(escape);
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? identifier : out.toString();
  }

  /** An identifier in double quotes, escaped as by {@link #echo}. */
  static String quoted(String identifier) {
    return "\"" + echo(identifier) + "\"";
  }

  private static @Nullable String escape(char c) {
    String named =
        switch (c) {
          case '\n' -> "\\n";
          case '\r' -> "\\r";
          case '\t' -> "\\t";
          default -> null;
        };
    if (named != null) {
      return named;
    }
    int type = Character.getType(c);
    if (type == Character.CONTROL) {
      return c < 0x100
          ? String.format(Locale.ROOT, "\\x%02x", (int) c)
          : String.format(Locale.ROOT, "\\u%04x", (int) c);
    }
    if (type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
      return String.format(Locale.ROOT, "\\u%04x", (int) c);
    }
    return null;
  }
}
