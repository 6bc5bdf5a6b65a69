// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
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
public final class GoJsonDecoder {
  private GoJsonDecoder() {}

  /** A document Go's {@code json.Unmarshal} rejects; the message is Go's, minus any input. */
  public static final class DecodeException extends Exception {
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
  public record TokenEntry(String token, String expirationTimestamp) {
    @Override
    public String toString() {
      return "TokenEntry{token=<redacted>, expirationTimestamp=" + expirationTimestamp + "}";
    }
  }

  /** {@code json.Unmarshal(data, &m)} with {@code m} a {@code map[string]string}. */
  public static Map<String, String> decodeStringMap(String json) throws DecodeException {
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
  public static Map<String, TokenEntry> decodeTokens(String json) throws DecodeException {
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

  /** Go's {@code checkValid}: the syntax error with an offset instead of the character. */
  private static void checkValid(String json) throws DecodeException {
    Optional<String> error = GoJson.syntaxErrorAtOffset(json);
    if (error.isPresent()) {
      throw new DecodeException(error.get());
    }
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
}
