// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.cli;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Go's {@code time.ParseDuration} and {@code time.Duration.String()}, so that duration flags accept
 * and print exactly what the reference provider does ({@code 500ms}, {@code 1m30s}, {@code 1.5h}).
 * Durations are signed 64-bit nanosecond counts, as in Go.
 */
final class GoDuration {
  private static final BigInteger MAX_MAGNITUDE = BigInteger.ONE.shiftLeft(63);
  private static final BigInteger MAX_POSITIVE = MAX_MAGNITUDE.subtract(BigInteger.ONE);

  private static final Map<String, Long> UNITS =
      Map.of(
          "ns", 1L,
          "us", 1_000L,
          "\u00b5s", 1_000L, // U+00B5 micro sign
          "\u03bcs", 1_000L, // U+03BC Greek small letter mu
          "ms", 1_000_000L,
          "s", 1_000_000_000L,
          "m", 60_000_000_000L,
          "h", 3_600_000_000_000L);

  private GoDuration() {}

  /** A duration string that Go's {@code time.ParseDuration} rejects; the message is Go's. */
  static final class ParseException extends Exception {
    private static final long serialVersionUID = 1L;

    ParseException(String message) {
      super(message);
    }

    /** The message; never {@code null}. */
    @Override
    public String getMessage() {
      return java.util.Objects.requireNonNull(super.getMessage());
    }
  }

  /** Parses {@code text} as Go does; the result is in nanoseconds. */
  static long parseNanos(String text) throws ParseException {
    String s = text;
    boolean negative = false;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      negative = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return 0;
    }
    if (s.isEmpty()) {
      throw invalid(text);
    }
    BigInteger total = BigInteger.ZERO;
    while (!s.isEmpty()) {
      char c = s.charAt(0);
      if (!(c == '.' || isDigit(c))) {
        throw invalid(text);
      }
      // [0-9]*
      int i = 0;
      BigInteger value = BigInteger.ZERO;
      while (i < s.length() && isDigit(s.charAt(i))) {
        value = value.multiply(BigInteger.TEN).add(BigInteger.valueOf(s.charAt(i) - '0'));
        if (value.compareTo(MAX_MAGNITUDE) > 0) {
          throw invalid(text);
        }
        i++;
      }
      boolean pre = i > 0;
      s = s.substring(i);
      // (\.[0-9]*)?
      long fraction = 0;
      double scale = 1;
      boolean post = false;
      if (!s.isEmpty() && s.charAt(0) == '.') {
        s = s.substring(1);
        int j = 0;
        boolean overflow = false;
        while (j < s.length() && isDigit(s.charAt(j))) {
          if (!overflow) {
            if (Long.compareUnsigned(fraction, Long.MAX_VALUE / 10) > 0) {
              overflow = true;
            } else {
              long next = fraction * 10 + (s.charAt(j) - '0');
              if (next < 0) {
                overflow = true;
              } else {
                fraction = next;
                scale *= 10;
              }
            }
          }
          j++;
        }
        post = j > 0;
        s = s.substring(j);
      }
      if (!pre && !post) {
        throw invalid(text);
      }
      // The unit: everything up to the next '.' or digit.
      int u = 0;
      while (u < s.length() && !(s.charAt(u) == '.' || isDigit(s.charAt(u)))) {
        u++;
      }
      if (u == 0) {
        throw new ParseException("time: missing unit in duration " + quote(text));
      }
      String unitName = s.substring(0, u);
      s = s.substring(u);
      Long unit = UNITS.get(unitName);
      if (unit == null) {
        throw new ParseException(
            "time: unknown unit " + quote(unitName) + " in duration " + quote(text));
      }
      BigInteger unitValue = BigInteger.valueOf(unit);
      if (value.compareTo(MAX_MAGNITUDE.divide(unitValue)) > 0) {
        throw invalid(text);
      }
      value = value.multiply(unitValue);
      if (fraction > 0) {
        // Go computes the fractional part in float64 and truncates it.
        value = value.add(BigInteger.valueOf((long) ((double) fraction * (unit / scale))));
        if (value.compareTo(MAX_MAGNITUDE) > 0) {
          throw invalid(text);
        }
      }
      total = total.add(value);
      if (total.compareTo(MAX_MAGNITUDE) > 0) {
        throw invalid(text);
      }
    }
    if (negative) {
      return total.negate().longValue();
    }
    if (total.compareTo(MAX_POSITIVE) > 0) {
      throw invalid(text);
    }
    return total.longValue();
  }

  /** Parses {@code text} as Go does, as a {@link Duration}. */
  static Duration parse(String text) throws ParseException {
    return Duration.ofNanos(parseNanos(text));
  }

  /** Formats {@code nanos} as Go's {@code Duration.String()} does, for example {@code 1m30s}. */
  static String format(long nanos) {
    char[] buf = new char[32];
    int w = buf.length;
    long u = nanos;
    boolean negative = nanos < 0;
    if (negative) {
      u = -u; // Long.MIN_VALUE stays itself and is read as unsigned below, as in Go.
    }
    if (Long.compareUnsigned(u, 1_000_000_000L) < 0) {
      int precision;
      buf[--w] = 's';
      w--;
      if (u == 0) {
        buf[w] = '0';
        return new String(buf, w, buf.length - w);
      } else if (u < 1_000L) {
        precision = 0;
        buf[w] = 'n';
      } else if (u < 1_000_000L) {
        precision = 3;
        buf[w] = '\u00b5';
      } else {
        precision = 6;
        buf[w] = 'm';
      }
      long[] state = {u};
      w = formatFraction(buf, w, state, precision);
      w = formatInt(buf, w, state[0]);
    } else {
      buf[--w] = 's';
      long[] state = {u};
      w = formatFraction(buf, w, state, 9);
      long seconds = state[0];
      w = formatInt(buf, w, Long.remainderUnsigned(seconds, 60));
      long minutes = Long.divideUnsigned(seconds, 60);
      if (minutes > 0) {
        buf[--w] = 'm';
        w = formatInt(buf, w, minutes % 60);
        long hours = minutes / 60;
        if (hours > 0) {
          buf[--w] = 'h';
          w = formatInt(buf, w, hours);
        }
      }
    }
    if (negative) {
      buf[--w] = '-';
    }
    return new String(buf, w, buf.length - w);
  }

  /** Formats {@code duration} as Go's {@code Duration.String()} does. */
  static String format(Duration duration) {
    return format(duration.toNanos());
  }

  /**
   * Writes the fraction of {@code v[0] / 10^precision} (without trailing zeros, without the point
   * when it is zero) right-aligned before {@code w}, and leaves the integer part in {@code v[0]}.
   */
  private static int formatFraction(char[] buf, int w, long[] v, int precision) {
    boolean print = false;
    long value = v[0];
    for (int i = 0; i < precision; i++) {
      long digit = Long.remainderUnsigned(value, 10);
      print = print || digit != 0;
      if (print) {
        buf[--w] = (char) ('0' + digit);
      }
      value = Long.divideUnsigned(value, 10);
    }
    if (print) {
      buf[--w] = '.';
    }
    v[0] = value;
    return w;
  }

  private static int formatInt(char[] buf, int w, long value) {
    if (value == 0) {
      buf[--w] = '0';
      return w;
    }
    long v = value;
    while (v != 0) {
      buf[--w] = (char) ('0' + Long.remainderUnsigned(v, 10));
      v = Long.divideUnsigned(v, 10);
    }
    return w;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static ParseException invalid(String text) {
    return new ParseException("time: invalid duration " + quote(text));
  }

  /** Go's {@code time.quote}: double quotes, bytes outside printable ASCII as {@code \xNN}. */
  static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      int n = Character.charCount(cp);
      if (cp >= 0x80 || cp < ' ') {
        for (byte b : s.substring(i, i + n).getBytes(StandardCharsets.UTF_8)) {
          out.append(String.format("\\x%02x", b & 0xff));
        }
      } else {
        if (cp == '"' || cp == '\\') {
          out.append('\\');
        }
        out.appendCodePoint(cp);
      }
      i += n;
    }
    return out.append('"').toString();
  }
}
