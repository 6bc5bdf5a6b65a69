// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The few Go {@code strconv} functions whose exact behavior the reference provider's parsing
 * depends on: integer parsing with Go's base prefixes, float formatting as {@code FormatFloat(v,
 * 'g', -1, 32)}, and {@code Quote}.
 */
public final class GoStrconv {
  private GoStrconv() {}

  /** How a Go integer parse ended. */
  enum NumStatus {
    OK,
    SYNTAX,
    RANGE
  }

  /**
   * The result of a Go integer parse.
   *
   * @param bits the value (for unsigned parses, the 64 bits of the unsigned value)
   * @param status whether the parse succeeded, and why not
   */
  record GoNum(long bits, NumStatus status) {
    static final GoNum SYNTAX_ERROR = new GoNum(0, NumStatus.SYNTAX);
    static final GoNum RANGE_ERROR = new GoNum(0, NumStatus.RANGE);

    boolean ok() {
      return status == NumStatus.OK;
    }
  }

  /**
   * Go's {@code strconv.ParseUint(s, base, 64)} for base 0 (prefixes {@code 0b}, {@code 0o}, {@code
   * 0x}, and a bare leading {@code 0} for octal) or an explicit base from 2 to 36. Callers strip
   * underscores first (go-yaml does), so an underscore is a syntax error here.
   */
  static GoNum parseUint(String s, int base) {
    if (s.isEmpty()) {
      return GoNum.SYNTAX_ERROR;
    }
    String digits = s;
    int radix = base;
    if (base == 0) {
      radix = 10;
      if (s.charAt(0) == '0') {
        char prefix = s.length() >= 3 ? lower(s.charAt(1)) : 0;
        if (prefix == 'b') {
          radix = 2;
          digits = s.substring(2);
        } else if (prefix == 'o') {
          radix = 8;
          digits = s.substring(2);
        } else if (prefix == 'x') {
          radix = 16;
          digits = s.substring(2);
        } else {
          radix = 8;
          digits = s.substring(1);
        }
      }
    } else if (base < 2 || base > 36) {
      throw new IllegalArgumentException("base " + base);
    }
    long cutoff = Long.divideUnsigned(-1L, radix) + 1;
    long n = 0;
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      int d;
      if (c >= '0' && c <= '9') {
        d = c - '0';
      } else if (lower(c) >= 'a' && lower(c) <= 'z') {
        d = lower(c) - 'a' + 10;
      } else {
        return GoNum.SYNTAX_ERROR;
      }
      if (d >= radix) {
        return GoNum.SYNTAX_ERROR;
      }
      if (Long.compareUnsigned(n, cutoff) >= 0) {
        return GoNum.RANGE_ERROR;
      }
      n *= radix;
      long n1 = n + d;
      if (Long.compareUnsigned(n1, n) < 0) {
        return GoNum.RANGE_ERROR;
      }
      n = n1;
    }
    return new GoNum(n, NumStatus.OK);
  }

  /** Go's {@code strconv.ParseInt(s, base, 64)}: an optional sign, then {@link #parseUint}. */
  static GoNum parseInt(String s, int base) {
    if (s.isEmpty()) {
      return GoNum.SYNTAX_ERROR;
    }
    boolean neg = false;
    String rest = s;
    if (s.charAt(0) == '+') {
      rest = s.substring(1);
    } else if (s.charAt(0) == '-') {
      neg = true;
      rest = s.substring(1);
    }
    GoNum un = parseUint(rest, base);
    if (un.status() == NumStatus.SYNTAX) {
      return GoNum.SYNTAX_ERROR;
    }
    if (un.status() == NumStatus.RANGE) {
      return GoNum.RANGE_ERROR;
    }
    long cutoff = Long.MIN_VALUE; // 1 << 63 as an unsigned value
    if (!neg && Long.compareUnsigned(un.bits(), cutoff) >= 0) {
      return GoNum.RANGE_ERROR;
    }
    if (neg && Long.compareUnsigned(un.bits(), cutoff) > 0) {
      return GoNum.RANGE_ERROR;
    }
    return new GoNum(neg ? -un.bits() : un.bits(), NumStatus.OK);
  }

  private static char lower(char c) {
    return (char) (c | ('x' - 'X'));
  }

  /**
   * Go's {@code strconv.FormatFloat(v, 'g', -1, 32)}: the value rounded to float32, printed with
   * the fewest digits that read back as the same float32, in exponent form when the decimal
   * exponent is below -4 or at least 6 ({@code 1.1}, {@code 900}, {@code 1e+06}, {@code 1e-05},
   * {@code +Inf}, {@code NaN}).
   */
  static String formatFloat32(double value) {
    float f = (float) value;
    if (Float.isNaN(f)) {
      return "NaN";
    }
    if (f == Float.POSITIVE_INFINITY) {
      return "+Inf";
    }
    if (f == Float.NEGATIVE_INFINITY) {
      return "-Inf";
    }
    boolean negative = Float.floatToRawIntBits(f) < 0;
    float magnitude = Math.abs(f);
    String sign = negative ? "-" : "";
    if (magnitude == 0f) {
      return sign + "0";
    }
    BigDecimal shortest = shortestFloat32(magnitude).stripTrailingZeros();
    String digits = shortest.unscaledValue().toString();
    int nd = digits.length();
    int dp = nd - shortest.scale(); // digits before the decimal point
    int exp = dp - 1;
    StringBuilder out = new StringBuilder(sign);
    if (exp < -4 || exp >= 6) {
      out.append(digits.charAt(0));
      if (nd > 1) {
        out.append('.').append(digits, 1, nd);
      }
      out.append('e').append(exp < 0 ? '-' : '+');
      int absExp = Math.abs(exp);
      if (absExp < 10) {
        out.append('0');
      }
      out.append(absExp);
      return out.toString();
    }
    if (dp > 0) {
      for (int i = 0; i < dp; i++) {
        out.append(i < nd ? digits.charAt(i) : '0');
      }
    } else {
      out.append('0');
    }
    int fraction = Math.max(nd - dp, 0);
    if (fraction > 0) {
      out.append('.');
      for (int i = 0; i < fraction; i++) {
        int index = dp + i;
        out.append(index >= 0 && index < nd ? digits.charAt(index) : '0');
      }
    }
    return out.toString();
  }

  /**
   * The decimal with the fewest significant digits that reads back as {@code f}, the closest one.
   */
  private static BigDecimal shortestFloat32(float f) {
    BigDecimal exact = new BigDecimal((double) f);
    for (int n = 1; n < 12; n++) {
      BigDecimal nearest = exact.round(new MathContext(n, RoundingMode.HALF_EVEN));
      if (readsBackAs(nearest, f)) {
        return nearest;
      }
      // Near a power of two the rounding interval is asymmetric: the nearest n-digit decimal can
      // fall outside it while the one on the other side does not.
      for (RoundingMode mode : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
        BigDecimal candidate = exact.round(new MathContext(n, mode));
        if (readsBackAs(candidate, f)) {
          return candidate;
        }
      }
    }
    return exact;
  }

  private static boolean readsBackAs(BigDecimal decimal, float f) {
    return Float.parseFloat(decimal.toString()) == f;
  }

  /**
   * Go's {@code strconv.Quote}: {@code s} in double quotes, with {@code \"}, {@code \\}, the C
   * escapes, and hexadecimal escapes (backslash and x, u or U) for characters Go does not consider
   * printable; the result is always one printable line.
   */
  public static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == '"' || cp == '\\') {
        out.append('\\').appendCodePoint(cp);
      } else if (isPrint(cp)) {
        out.appendCodePoint(cp);
      } else {
        appendEscape(out, cp);
      }
    }
    return out.append('"').toString();
  }

  /**
   * Go's JSON scanner's {@code quoteChar}: one byte as a quoted character, e.g. {@code 'x'}, {@code
   * '\''}, {@code '\n'}; a byte above 0x7f is shown as the Latin-1 character of that value, as Go
   * does.
   */
  static String quoteByte(int b) {
    if (b == '\'') {
      return "'\\''";
    }
    if (b == '"') {
      return "'\"'";
    }
    StringBuilder out = new StringBuilder("'");
    if (b == '\\') {
      out.append("\\\\");
    } else if (isPrint(b)) {
      out.appendCodePoint(b);
    } else {
      appendEscape(out, b);
    }
    return out.append('\'').toString();
  }

  private static void appendEscape(StringBuilder out, int cp) {
    switch (cp) {
      case 0x07 -> out.append("\\a");
      case '\b' -> out.append("\\b");
      case '\f' -> out.append("\\f");
      case '\n' -> out.append("\\n");
      case '\r' -> out.append("\\r");
      case '\t' -> out.append("\\t");
      case 0x0b -> out.append("\\v");
      default -> {
        if (cp < ' ' || cp == 0x7f) {
          out.append("\\x").append(hex(cp, 2));
        } else if (cp < 0x10000) {
          out.append("\\u").append(hex(cp, 4));
        } else {
          out.append("\\U").append(hex(cp, 8));
        }
      }
    }
  }

  private static String hex(int value, int width) {
    StringBuilder h = new StringBuilder(Integer.toHexString(value));
    while (h.length() < width) {
      h.insert(0, '0');
    }
    return h.toString();
  }

  /**
   * Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and the ASCII
   * space. Lone surrogates are not printable.
   */
  static boolean isPrint(int cp) {
    if (cp <= 0xff) {
      return (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa1 && cp != 0xad);
    }
    switch (Character.getType(cp)) {
      case Character.UPPERCASE_LETTER,
          Character.LOWERCASE_LETTER,
          Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER,
          Character.OTHER_LETTER,
          Character.NON_SPACING_MARK,
          Character.ENCLOSING_MARK,
          Character.COMBINING_SPACING_MARK,
          Character.DECIMAL_DIGIT_NUMBER,
          Character.LETTER_NUMBER,
          Character.OTHER_NUMBER,
          Character.CONNECTOR_PUNCTUATION,
          Character.DASH_PUNCTUATION,
          Character.START_PUNCTUATION,
          Character.END_PUNCTUATION,
          Character.INITIAL_QUOTE_PUNCTUATION,
          Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION,
          Character.MATH_SYMBOL,
          Character.CURRENCY_SYMBOL,
          Character.MODIFIER_SYMBOL,
          Character.OTHER_SYMBOL -> {
        return true;
      }
      default -> {
        return false;
      }
    }
  }
}
