// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Go's {@code encoding/json} validity check ({@code checkValid}), with its exact syntax error
 * texts, so that decoding a request's {@code permission} reports what the reference provider
 * reports ({@code unexpected end of JSON input}, {@code invalid character 'x' after top-level
 * value}, ...). A syntax error echoes at most the one offending character, as Go does.
 */
public final class GoJson {
  private static final int MAX_NESTING_DEPTH = 10_000;

  private GoJson() {}

  /**
   * The kind of JSON value a valid document holds at its top level, named as Go's {@code
   * UnmarshalTypeError} names it.
   */
  public enum Kind {
    /** A JSON object. */
    OBJECT("object"),
    /** A JSON array. */
    ARRAY("array"),
    /** A JSON string. */
    STRING("string"),
    /** {@code true} or {@code false}. */
    BOOL("bool"),
    /** {@code null}. */
    NULL("null"),
    /** A JSON number. */
    NUMBER("number");

    private final String goName;

    Kind(String goName) {
      this.goName = goName;
    }

    /** The name Go uses in {@code json: cannot unmarshal <name> into ...}. */
    public String goName() {
      return goName;
    }
  }

  /**
   * Go's syntax error for {@code text}, or empty when {@code text} is one valid JSON value
   * (surrounded by optional whitespace).
   */
  public static Optional<String> syntaxError(String text) {
    return new Scanner(text.getBytes(StandardCharsets.UTF_8), true).check();
  }

  /**
   * As {@link #syntaxError}, but naming the UTF-8 byte offset of the offending character instead of
   * quoting it ({@code invalid character at offset 9 after top-level value}): for documents such as
   * the Mount attributes, which carry tokens, where no piece of the input may reach a message.
   */
  public static Optional<String> syntaxErrorAtOffset(String text) {
    return new Scanner(text.getBytes(StandardCharsets.UTF_8), false).check();
  }

  /** The kind of the top-level value of a document that {@link #syntaxError} accepted. */
  public static Kind kindOf(String validJson) {
    for (int i = 0; i < validJson.length(); i++) {
      char c = validJson.charAt(i);
      switch (c) {
        case ' ', '\t', '\n', '\r' -> {
          continue;
        }
        case '{' -> {
          return Kind.OBJECT;
        }
        case '[' -> {
          return Kind.ARRAY;
        }
        case '"' -> {
          return Kind.STRING;
        }
        case 't', 'f' -> {
          return Kind.BOOL;
        }
        case 'n' -> {
          return Kind.NULL;
        }
        default -> {
          return Kind.NUMBER;
        }
      }
    }
    throw new IllegalArgumentException("not a valid JSON document");
  }

  /*
   * A transcription of the state machine in Go's encoding/json/scanner.go. Each state consumes one
   * byte; an error records Go's message. At the end of input the scanner is fed one space, as Go's
   * scanner.eof() does, which is why "-" reports "invalid character ' ' in numeric literal".
   */
  private static final class Scanner {
    private final byte[] data;
    private final boolean quoteCharacter;
    private int offset;
    private final Deque<Integer> parseState = new ArrayDeque<>();
    private State step = State.BEGIN_VALUE;
    private boolean endTop;
    private Optional<String> error = Optional.empty();

    private static final int PARSE_OBJECT_KEY = 0;
    private static final int PARSE_OBJECT_VALUE = 1;
    private static final int PARSE_ARRAY_VALUE = 2;

    private enum State {
      BEGIN_VALUE_OR_EMPTY,
      BEGIN_VALUE,
      BEGIN_STRING_OR_EMPTY,
      BEGIN_STRING,
      END_VALUE,
      END_TOP,
      IN_STRING,
      IN_STRING_ESC,
      IN_STRING_ESC_U,
      IN_STRING_ESC_U1,
      IN_STRING_ESC_U12,
      IN_STRING_ESC_U123,
      NEG,
      ONE,
      ZERO,
      DOT,
      DOT0,
      E,
      E_SIGN,
      E0,
      T,
      TR,
      TRU,
      F,
      FA,
      FAL,
      FALS,
      N,
      NU,
      NUL,
      ERROR
    }

    Scanner(byte[] data, boolean quoteCharacter) {
      this.data = data;
      this.quoteCharacter = quoteCharacter;
    }

    Optional<String> check() {
      for (offset = 0; offset < data.length; offset++) {
        feed(data[offset] & 0xff);
        if (error.isPresent()) {
          return error;
        }
      }
      // eof()
      if (endTop) {
        return Optional.empty();
      }
      feed(' ');
      if (error.isPresent()) {
        return error;
      }
      if (endTop) {
        return Optional.empty();
      }
      return Optional.of("unexpected end of JSON input");
    }

    private static boolean isSpace(int c) {
      return c <= ' ' && (c == ' ' || c == '\t' || c == '\r' || c == '\n');
    }

    private void fail(int c, String context) {
      step = State.ERROR;
      error =
          Optional.of(
              "invalid character "
                  + (quoteCharacter ? GoStrconv.quoteByte(c) : "at offset " + offset)
                  + " "
                  + context);
    }

    private void push(int c, int state) {
      parseState.push(state);
      if (parseState.size() > MAX_NESTING_DEPTH) {
        fail(c, "exceeded max depth");
      }
    }

    private void feed(int c) {
      switch (step) {
        case BEGIN_VALUE_OR_EMPTY -> {
          if (isSpace(c)) {
            return;
          }
          if (c == ']') {
            endValue(c);
            return;
          }
          beginValue(c);
        }
        case BEGIN_VALUE -> beginValue(c);
        case BEGIN_STRING_OR_EMPTY -> {
          if (isSpace(c)) {
            return;
          }
          if (c == '}') {
            parseState.pop();
            parseState.push(PARSE_OBJECT_VALUE);
            endValue(c);
            return;
          }
          beginString(c);
        }
        case BEGIN_STRING -> beginString(c);
        case END_VALUE -> endValue(c);
        case END_TOP -> endTop(c);
        case IN_STRING -> {
          if (c == '"') {
            step = State.END_VALUE;
          } else if (c == '\\') {
            step = State.IN_STRING_ESC;
          } else if (c < 0x20) {
            fail(c, "in string literal");
          }
        }
        case IN_STRING_ESC -> {
          switch (c) {
            case 'b', 'f', 'n', 'r', 't', '\\', '/', '"' -> step = State.IN_STRING;
            case 'u' -> step = State.IN_STRING_ESC_U;
            default -> fail(c, "in string escape code");
          }
        }
        case IN_STRING_ESC_U -> hex(c, State.IN_STRING_ESC_U1);
        case IN_STRING_ESC_U1 -> hex(c, State.IN_STRING_ESC_U12);
        case IN_STRING_ESC_U12 -> hex(c, State.IN_STRING_ESC_U123);
        case IN_STRING_ESC_U123 -> hex(c, State.IN_STRING);
        case NEG -> {
          if (c == '0') {
            step = State.ZERO;
          } else if (c >= '1' && c <= '9') {
            step = State.ONE;
          } else {
            fail(c, "in numeric literal");
          }
        }
        case ONE -> {
          if (c >= '0' && c <= '9') {
            return;
          }
          zero(c);
        }
        case ZERO -> zero(c);
        case DOT -> {
          if (c >= '0' && c <= '9') {
            step = State.DOT0;
          } else {
            fail(c, "after decimal point in numeric literal");
          }
        }
        case DOT0 -> {
          if (c >= '0' && c <= '9') {
            return;
          }
          if (c == 'e' || c == 'E') {
            step = State.E;
            return;
          }
          endValue(c);
        }
        case E -> {
          if (c == '+' || c == '-') {
            step = State.E_SIGN;
            return;
          }
          eSign(c);
        }
        case E_SIGN -> eSign(c);
        case E0 -> {
          if (c >= '0' && c <= '9') {
            return;
          }
          endValue(c);
        }
        case T -> literal(c, 'r', State.TR, "in literal true (expecting 'r')");
        case TR -> literal(c, 'u', State.TRU, "in literal true (expecting 'u')");
        case TRU -> literal(c, 'e', State.END_VALUE, "in literal true (expecting 'e')");
        case F -> literal(c, 'a', State.FA, "in literal false (expecting 'a')");
        case FA -> literal(c, 'l', State.FAL, "in literal false (expecting 'l')");
        case FAL -> literal(c, 's', State.FALS, "in literal false (expecting 's')");
        case FALS -> literal(c, 'e', State.END_VALUE, "in literal false (expecting 'e')");
        case N -> literal(c, 'u', State.NU, "in literal null (expecting 'u')");
        case NU -> literal(c, 'l', State.NUL, "in literal null (expecting 'l')");
        case NUL -> literal(c, 'l', State.END_VALUE, "in literal null (expecting 'l')");
        case ERROR -> {
          // the error is already recorded
        }
      }
    }

    private void literal(int c, char expected, State next, String context) {
      if (c == expected) {
        step = next;
      } else {
        fail(c, context);
      }
    }

    private void hex(int c, State next) {
      if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) {
        step = next;
      } else {
        fail(c, "in \\u hexadecimal character escape");
      }
    }

    private void beginValue(int c) {
      if (isSpace(c)) {
        return;
      }
      switch (c) {
        case '{' -> {
          step = State.BEGIN_STRING_OR_EMPTY;
          push(c, PARSE_OBJECT_KEY);
        }
        case '[' -> {
          step = State.BEGIN_VALUE_OR_EMPTY;
          push(c, PARSE_ARRAY_VALUE);
        }
        case '"' -> step = State.IN_STRING;
        case '-' -> step = State.NEG;
        case '0' -> step = State.ZERO;
        case 't' -> step = State.T;
        case 'f' -> step = State.F;
        case 'n' -> step = State.N;
        default -> {
          if (c >= '1' && c <= '9') {
            step = State.ONE;
          } else {
            fail(c, "looking for beginning of value");
          }
        }
      }
    }

    private void beginString(int c) {
      if (isSpace(c)) {
        return;
      }
      if (c == '"') {
        step = State.IN_STRING;
      } else {
        fail(c, "looking for beginning of object key string");
      }
    }

    private void zero(int c) {
      if (c == '.') {
        step = State.DOT;
      } else if (c == 'e' || c == 'E') {
        step = State.E;
      } else {
        endValue(c);
      }
    }

    private void eSign(int c) {
      if (c >= '0' && c <= '9') {
        step = State.E0;
      } else {
        fail(c, "in exponent of numeric literal");
      }
    }

    private void endValue(int c) {
      if (parseState.isEmpty()) {
        step = State.END_TOP;
        endTop = true;
        endTop(c);
        return;
      }
      if (isSpace(c)) {
        step = State.END_VALUE;
        return;
      }
      int ps = parseState.peek();
      switch (ps) {
        case PARSE_OBJECT_KEY -> {
          if (c == ':') {
            parseState.pop();
            parseState.push(PARSE_OBJECT_VALUE);
            step = State.BEGIN_VALUE;
          } else {
            fail(c, "after object key");
          }
        }
        case PARSE_OBJECT_VALUE -> {
          if (c == ',') {
            parseState.pop();
            parseState.push(PARSE_OBJECT_KEY);
            step = State.BEGIN_STRING;
          } else if (c == '}') {
            popParseState();
          } else {
            fail(c, "after object key:value pair");
          }
        }
        default -> {
          if (c == ',') {
            step = State.BEGIN_VALUE;
          } else if (c == ']') {
            popParseState();
          } else {
            fail(c, "after array element");
          }
        }
      }
    }

    private void popParseState() {
      parseState.pop();
      if (parseState.isEmpty()) {
        step = State.END_TOP;
        endTop = true;
      } else {
        step = State.END_VALUE;
      }
    }

    private void endTop(int c) {
      if (!isSpace(c)) {
        fail(c, "after top-level value");
      }
    }
  }
}
