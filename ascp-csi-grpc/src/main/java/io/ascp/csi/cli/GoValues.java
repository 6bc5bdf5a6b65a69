// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.cli;

/**
 * The value syntax of Go's {@code flag} package: {@code strconv.ParseBool} for boolean flags and
 * {@code strconv.ParseInt(s, 0, 64)} (decimal, {@code 0x}, {@code 0o}, {@code 0b}, a leading {@code
 * 0} for octal, underscores between digits) for integer flags.
 */
final class GoValues {
  private GoValues() {}

  /** A value Go's {@code strconv} rejects; the message is the {@code flag} package's reason. */
  static final class SyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    SyntaxException(String reason) {
      super(reason);
    }

    /** The message; never {@code null}. */
    @Override
    public String getMessage() {
      return java.util.Objects.requireNonNull(super.getMessage());
    }
  }

  /** Go's {@code strconv.ParseBool}. */
  static boolean parseBool(String s) throws SyntaxException {
    return switch (s) {
      case "1", "t", "T", "TRUE", "true", "True" -> true;
      case "0", "f", "F", "FALSE", "false", "False" -> false;
      default -> throw new SyntaxException("parse error");
    };
  }

  /** Go's {@code strconv.ParseInt(s, 0, 64)}. */
  static long parseInt(String s0) throws SyntaxException {
    if (s0.isEmpty()) {
      throw new SyntaxException("parse error");
    }
    String s = s0;
    boolean negative = false;
    if (s.charAt(0) == '+' || s.charAt(0) == '-') {
      negative = s.charAt(0) == '-';
      s = s.substring(1);
    }
    long magnitude = parseUnsigned(s);
    if (!negative && magnitude < 0) {
      throw new SyntaxException("value out of range");
    }
    if (negative) {
      if (magnitude < 0 && magnitude != Long.MIN_VALUE) {
        throw new SyntaxException("value out of range");
      }
      return -magnitude;
    }
    return magnitude;
  }

  /** Go's {@code strconv.ParseInt(s, 0, 32)}, for flags whose Java type is {@code int}. */
  static int parseInt32(String s) throws SyntaxException {
    long value = parseInt(s);
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw new SyntaxException("value out of range");
    }
    return (int) value;
  }

  /** The magnitude, as an unsigned 64-bit value (negative when above {@code Long.MAX_VALUE}). */
  private static long parseUnsigned(String s0) throws SyntaxException {
    if (s0.isEmpty()) {
      throw new SyntaxException("parse error");
    }
    String s = s0;
    int base = 10;
    if (s.charAt(0) == '0') {
      char prefix = s.length() >= 3 ? Character.toLowerCase(s.charAt(1)) : '0';
      base =
          switch (prefix) {
            case 'b' -> 2;
            case 'o' -> 8;
            case 'x' -> 16;
            default -> 8;
          };
      s = s.substring(base == 8 && prefix != 'o' ? 1 : 2);
    }
    boolean underscores = false;
    long value = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '_') {
        underscores = true;
        continue;
      }
      char lower = Character.toLowerCase(c);
      int d;
      if (c >= '0' && c <= '9') {
        d = c - '0';
      } else if (lower >= 'a' && lower <= 'z') {
        d = lower - 'a' + 10;
      } else {
        throw new SyntaxException("parse error");
      }
      if (d >= base) {
        throw new SyntaxException("parse error");
      }
      if (Long.compareUnsigned(value, Long.divideUnsigned(-1L, base)) > 0) {
        throw new SyntaxException("value out of range");
      }
      long next = value * base + d;
      if (Long.compareUnsigned(next, value * base) < 0) {
        throw new SyntaxException("value out of range");
      }
      value = next;
    }
    if (underscores && !underscoreOk(s0)) {
      throw new SyntaxException("parse error");
    }
    return value;
  }

  /** Underscores only between digits, or between a base prefix and a digit (Go's rule). */
  private static boolean underscoreOk(String s0) {
    String s = s0;
    char saw = '^';
    int i = 0;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      s = s.substring(1);
    }
    boolean hex = false;
    if (s.length() >= 2
        && s.charAt(0) == '0'
        && "box".indexOf(Character.toLowerCase(s.charAt(1))) >= 0) {
      i = 2;
      saw = '0';
      hex = Character.toLowerCase(s.charAt(1)) == 'x';
    }
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      char lower = Character.toLowerCase(c);
      if ((c >= '0' && c <= '9') || (hex && lower >= 'a' && lower <= 'f')) {
        saw = '0';
        continue;
      }
      if (c == '_') {
        if (saw != '0') {
          return false;
        }
        saw = '_';
        continue;
      }
      if (saw == '_') {
        return false;
      }
      saw = '!';
    }
    return saw != '_';
  }
}
