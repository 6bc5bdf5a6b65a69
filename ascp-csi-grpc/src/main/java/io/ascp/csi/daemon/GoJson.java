// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.daemon;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The two decodings the reference provider does with Go's {@code encoding/json}: the {@code
 * attributes} of a Mount request into {@code map[string]string}, and the service-account tokens
 * into {@code map[string]ServiceAccountToken}. The same input gives the same result or the same
 * kind of error as Go, with one change: a syntax error names the byte offset instead of quoting the
 * offending character, because these documents carry tokens and nothing of them may reach a
 * message.
 *
 * <p>As in Go, the whole input is checked for syntax first (so a syntax error wins over a type
 * error), {@code null} decodes to an empty map or a zero value, later duplicate keys win, and the
 * first type error is reported after the whole document was read.
 */
final class GoJson {
  /** Go's maximum nesting depth. */
  private static final int MAX_DEPTH = 10_000;

  private GoJson() {}

  /** A document Go's {@code json.Unmarshal} rejects; the message is Go's, minus any input. */
  static final class DecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    DecodeException(String message) {
      super(message);
    }

    /** The message; never {@code null}. */
    @Override
    public String getMessage() {
      return java.util.Objects.requireNonNull(super.getMessage());
    }
  }

  /**
   * One entry of {@code csi.storage.k8s.io/serviceAccount.tokens}: the {@code token} and the {@code
   * expirationTimestamp}, empty when absent.
   */
  record TokenEntry(String token, String expirationTimestamp) {
    @Override
    public String toString() {
      return "TokenEntry{token=<redacted>, expirationTimestamp=" + expirationTimestamp + "}";
    }
  }

  /** {@code json.Unmarshal(data, &m)} with {@code m} a {@code map[string]string}. */
  static Map<String, String> decodeStringMap(String json) throws DecodeException {
    checkValid(json);
    Reader r = new Reader(json);
    Map<String, String> out = new LinkedHashMap<>();
    char c = r.peek();
    if (c == 'n') {
      return out;
    }
    if (c != '{') {
      throw typeError(kind(c), "map[string]string");
    }
    r.expect('{');
    @Nullable String firstError = null;
    if (!r.takeIf('}')) {
      do {
        String key = r.readString();
        r.expect(':');
        char v = r.peek();
        if (v == '"') {
          out.put(key, r.readString());
        } else {
          if (v != 'n' && firstError == null) {
            firstError = typeErrorMessage(kind(v), "string");
          }
          r.skipValue();
          out.put(key, "");
        }
      } while (r.takeIf(','));
      r.expect('}');
    }
    if (firstError != null) {
      throw new DecodeException(firstError);
    }
    return out;
  }

  /** {@code json.Unmarshal(data, &m)} with {@code m} a {@code map[string]ServiceAccountToken}. */
  static Map<String, TokenEntry> decodeTokens(String json) throws DecodeException {
    checkValid(json);
    Reader r = new Reader(json);
    Map<String, TokenEntry> out = new LinkedHashMap<>();
    char c = r.peek();
    if (c == 'n') {
      return out;
    }
    if (c != '{') {
      throw typeError(kind(c), "map[string]utils.ServiceAccountToken");
    }
    r.expect('{');
    @Nullable String firstError = null;
    if (!r.takeIf('}')) {
      do {
        String audience = r.readString();
        r.expect(':');
        char v = r.peek();
        String token = "";
        String expiration = "";
        if (v == '{') {
          r.expect('{');
          if (!r.takeIf('}')) {
            do {
              String field = r.readString();
              r.expect(':');
              char fv = r.peek();
              boolean isToken = foldEquals(field, "token");
              boolean isExpiration = !isToken && foldEquals(field, "expirationTimestamp");
              if (!isToken && !isExpiration) {
                r.skipValue();
              } else if (fv == '"') {
                String s = r.readString();
                if (isToken) {
                  token = s;
                } else {
                  expiration = s;
                }
              } else {
                if (fv != 'n' && firstError == null) {
                  firstError =
                      "json: cannot unmarshal "
                          + kind(fv)
                          + " into Go struct field ServiceAccountToken."
                          + (isToken ? "token" : "expirationTimestamp")
                          + " of type string";
                }
                r.skipValue();
              }
            } while (r.takeIf(','));
            r.expect('}');
          }
        } else {
          if (v != 'n' && firstError == null) {
            firstError = typeErrorMessage(kind(v), "utils.ServiceAccountToken");
          }
          r.skipValue();
        }
        out.put(audience, new TokenEntry(token, expiration));
      } while (r.takeIf(','));
      r.expect('}');
    }
    if (firstError != null) {
      throw new DecodeException(firstError);
    }
    return out;
  }

  /** Go's field-name matching: exact, else Unicode simple case folding. */
  private static boolean foldEquals(String a, String b) {
    if (a.length() != b.length()) {
      return false;
    }
    for (int i = 0; i < a.length(); i++) {
      if (fold(a.charAt(i)) != fold(b.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static char fold(char c) {
    return Character.toLowerCase(Character.toUpperCase(c));
  }

  private static String kind(char first) {
    return switch (first) {
      case '"' -> "string";
      case '{' -> "object";
      case '[' -> "array";
      case 't', 'f' -> "bool";
      default -> "number";
    };
  }

  private static DecodeException typeError(String kind, String type) {
    return new DecodeException(typeErrorMessage(kind, type));
  }

  private static String typeErrorMessage(String kind, String type) {
    return "json: cannot unmarshal " + kind + " into Go value of type " + type;
  }

  /** A cursor over a document that {@link #checkValid} accepted. */
  private static final class Reader {
    private final String s;
    private int pos;

    Reader(String s) {
      this.s = s;
    }

    private void skipSpace() {
      while (pos < s.length() && isSpace(s.charAt(pos))) {
        pos++;
      }
    }

    char peek() {
      skipSpace();
      return s.charAt(pos);
    }

    void expect(char c) {
      if (!takeIf(c)) {
        throw new IllegalStateException("not a validated document");
      }
    }

    /** Skips space; consumes {@code c} and returns true if it is next. */
    boolean takeIf(char c) {
      skipSpace();
      if (pos < s.length() && s.charAt(pos) == c) {
        pos++;
        return true;
      }
      return false;
    }

    /** Reads a string literal at the cursor with Go's escape and surrogate handling. */
    String readString() {
      skipSpace();
      pos++; // opening quote
      StringBuilder out = new StringBuilder();
      while (true) {
        char c = s.charAt(pos++);
        if (c == '"') {
          return out.toString();
        }
        if (c != '\\') {
          if (Character.isSurrogate(c)) {
            // A valid pair stays; a lone surrogate is invalid UTF-8 for Go and becomes U+FFFD.
            if (Character.isHighSurrogate(c)
                && pos < s.length()
                && Character.isLowSurrogate(s.charAt(pos))) {
              out.append(c).append(s.charAt(pos++));
            } else {
              out.append('\ufffd');
            }
          } else {
            out.append(c);
          }
          continue;
        }
        char e = s.charAt(pos++);
        switch (e) {
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'u' -> {
            int unit = hex4();
            if (Character.isHighSurrogate((char) unit)
                && pos + 6 <= s.length()
                && s.charAt(pos) == '\\'
                && s.charAt(pos + 1) == 'u') {
              int save = pos;
              pos += 2;
              int low = hex4();
              if (Character.isLowSurrogate((char) low)) {
                out.append((char) unit).append((char) low);
              } else {
                out.append('\ufffd');
                pos = save;
              }
            } else if (Character.isSurrogate((char) unit)) {
              out.append('\ufffd');
            } else {
              out.append((char) unit);
            }
          }
          default -> out.append(e); // '"', '\\', '/'
        }
      }
    }

    private int hex4() {
      int v = Integer.parseInt(s.substring(pos, pos + 4), 16);
      pos += 4;
      return v;
    }

    /** Skips one value of any kind, without recursion. */
    void skipValue() {
      skipSpace();
      char c = s.charAt(pos);
      if (c == '"') {
        readString();
        return;
      }
      if (c == '{' || c == '[') {
        int depth = 0;
        while (true) {
          char d = s.charAt(pos);
          if (d == '"') {
            readString();
            continue;
          }
          pos++;
          if (d == '{' || d == '[') {
            depth++;
          } else if (d == '}' || d == ']') {
            depth--;
            if (depth == 0) {
              return;
            }
          }
        }
      }
      while (pos < s.length() && ",}] \t\r\n".indexOf(s.charAt(pos)) < 0) {
        pos++;
      }
    }
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  // ---- Syntax check: Go's scanner (encoding/json/scanner.go) as a loop over states. ----

  private enum Parse {
    OBJECT_KEY,
    OBJECT_VALUE,
    ARRAY_VALUE
  }

  private enum State {
    BEGIN_VALUE_OR_EMPTY,
    BEGIN_VALUE,
    BEGIN_STRING_OR_EMPTY,
    BEGIN_STRING,
    END_VALUE,
    END_TOP,
    IN_STRING,
    IN_STRING_ESC,
    IN_STRING_ESC_U1,
    IN_STRING_ESC_U12,
    IN_STRING_ESC_U123,
    IN_STRING_ESC_U1234,
    NEG,
    ONE,
    ZERO,
    DOT,
    DOT0,
    E,
    E_SIGN,
    E0,
    LITERAL
  }

  /**
   * Go's {@code checkValid}: throws Go's syntax error (with an offset instead of the character).
   */
  static void checkValid(String json) throws DecodeException {
    Deque<Parse> stack = new ArrayDeque<>();
    State state = State.BEGIN_VALUE;
    String literal = "";
    int literalPos = 0;
    int offset = 0; // UTF-8 byte offset of the current character, as Go counts
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      int at = offset;
      offset += utf8Length(json, i);
      // Each iteration may re-dispatch the same character to a following state.
      boolean again = true;
      while (again) {
        again = false;
        switch (state) {
          case BEGIN_VALUE_OR_EMPTY, BEGIN_VALUE -> {
            if (isSpace(c)) {
              break;
            }
            if (state == State.BEGIN_VALUE_OR_EMPTY && c == ']') {
              state = State.END_VALUE;
              again = true;
              break;
            }
            switch (c) {
              case '{' -> {
                push(stack, Parse.OBJECT_KEY, at);
                state = State.BEGIN_STRING_OR_EMPTY;
              }
              case '[' -> {
                push(stack, Parse.ARRAY_VALUE, at);
                state = State.BEGIN_VALUE_OR_EMPTY;
              }
              case '"' -> state = State.IN_STRING;
              case '-' -> state = State.NEG;
              case '0' -> state = State.ZERO;
              case 't', 'f', 'n' -> {
                literal = c == 't' ? "true" : c == 'f' ? "false" : "null";
                literalPos = 1;
                state = State.LITERAL;
              }
              default -> {
                if (c >= '1' && c <= '9') {
                  state = State.ONE;
                } else {
                  throw syntax(at, "looking for beginning of value");
                }
              }
            }
          }
          case BEGIN_STRING_OR_EMPTY, BEGIN_STRING -> {
            if (isSpace(c)) {
              break;
            }
            if (state == State.BEGIN_STRING_OR_EMPTY && c == '}') {
              stack.pop();
              stack.push(Parse.OBJECT_VALUE);
              state = State.END_VALUE;
              again = true;
              break;
            }
            if (c == '"') {
              state = State.IN_STRING;
            } else {
              throw syntax(at, "looking for beginning of object key string");
            }
          }
          case END_VALUE -> {
            if (isSpace(c)) {
              break;
            }
            Parse top = stack.peek();
            if (top == Parse.OBJECT_KEY) {
              if (c == ':') {
                stack.pop();
                stack.push(Parse.OBJECT_VALUE);
                state = State.BEGIN_VALUE;
              } else {
                throw syntax(at, "after object key");
              }
            } else if (top == Parse.OBJECT_VALUE) {
              if (c == ',') {
                stack.pop();
                stack.push(Parse.OBJECT_KEY);
                state = State.BEGIN_STRING;
              } else if (c == '}') {
                stack.pop();
                state = afterValue(stack);
              } else {
                throw syntax(at, "after object key:value pair");
              }
            } else {
              if (c == ',') {
                state = State.BEGIN_VALUE;
              } else if (c == ']') {
                stack.pop();
                state = afterValue(stack);
              } else {
                throw syntax(at, "after array element");
              }
            }
          }
          case END_TOP -> {
            if (!isSpace(c)) {
              throw syntax(at, "after top-level value");
            }
          }
          case IN_STRING -> {
            if (c == '"') {
              state = afterValue(stack);
            } else if (c == '\\') {
              state = State.IN_STRING_ESC;
            } else if (c < 0x20) {
              throw syntax(at, "in string literal");
            }
          }
          case IN_STRING_ESC -> {
            if ("bfnrt\\/\"".indexOf(c) >= 0) {
              state = State.IN_STRING;
            } else if (c == 'u') {
              state = State.IN_STRING_ESC_U1;
            } else {
              throw syntax(at, "in string escape code");
            }
          }
          case IN_STRING_ESC_U1, IN_STRING_ESC_U12, IN_STRING_ESC_U123, IN_STRING_ESC_U1234 -> {
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
              throw syntax(at, "in \\u hexadecimal character escape");
            }
            state =
                switch (state) {
                  case IN_STRING_ESC_U1 -> State.IN_STRING_ESC_U12;
                  case IN_STRING_ESC_U12 -> State.IN_STRING_ESC_U123;
                  case IN_STRING_ESC_U123 -> State.IN_STRING_ESC_U1234;
                  default -> State.IN_STRING;
                };
          }
          case NEG -> {
            if (c == '0') {
              state = State.ZERO;
            } else if (c >= '1' && c <= '9') {
              state = State.ONE;
            } else {
              throw syntax(at, "in numeric literal");
            }
          }
          case ONE, ZERO -> {
            if (state == State.ONE && c >= '0' && c <= '9') {
              break;
            }
            if (c == '.') {
              state = State.DOT;
            } else if (c == 'e' || c == 'E') {
              state = State.E;
            } else {
              state = afterValue(stack);
              again = true;
            }
          }
          case DOT -> {
            if (c >= '0' && c <= '9') {
              state = State.DOT0;
            } else {
              throw syntax(at, "after decimal point in numeric literal");
            }
          }
          case DOT0 -> {
            if (c >= '0' && c <= '9') {
              break;
            }
            if (c == 'e' || c == 'E') {
              state = State.E;
            } else {
              state = afterValue(stack);
              again = true;
            }
          }
          case E -> {
            if (c == '+' || c == '-') {
              state = State.E_SIGN;
            } else {
              state = State.E_SIGN;
              again = true;
            }
          }
          case E_SIGN -> {
            if (c >= '0' && c <= '9') {
              state = State.E0;
            } else {
              throw syntax(at, "in exponent of numeric literal");
            }
          }
          case E0 -> {
            if (c >= '0' && c <= '9') {
              break;
            }
            state = afterValue(stack);
            again = true;
          }
          case LITERAL -> {
            char want = literal.charAt(literalPos);
            if (c != want) {
              throw syntax(at, "in literal " + literal + " (expecting '" + want + "')");
            }
            literalPos++;
            if (literalPos == literal.length()) {
              state = afterValue(stack);
            }
          }
        }
      }
    }
    // Go's eof(): a number at the top level ends at the end of the input.
    boolean complete =
        state == State.END_TOP
            || (stack.isEmpty()
                && (state == State.ONE
                    || state == State.ZERO
                    || state == State.DOT0
                    || state == State.E0));
    if (!complete) {
      throw new DecodeException("unexpected end of JSON input");
    }
  }

  private static State afterValue(Deque<Parse> stack) {
    return stack.isEmpty() ? State.END_TOP : State.END_VALUE;
  }

  private static void push(Deque<Parse> stack, Parse p, int at) throws DecodeException {
    stack.push(p);
    if (stack.size() > MAX_DEPTH) {
      throw new DecodeException("exceeded max depth at offset " + at);
    }
  }

  private static int utf8Length(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return 4;
    }
    if (Character.isLowSurrogate(c)) {
      return 0;
    }
    return String.valueOf(c).getBytes(StandardCharsets.UTF_8).length;
  }

  private static DecodeException syntax(int offset, String context) {
    return new DecodeException("invalid character at offset " + offset + " " + context);
  }
}
